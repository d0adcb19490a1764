package dev.jawait.bench.support;

import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A one-shot gate that any number of tasks wait on, like a {@code CountDownLatch(1)} for
 * futures: each waiter costs one small node on a lock-free stack (as an AQS node does for a
 * thread parked on a latch), which is what the parked-task memory comparison needs.
 *
 * <pre>{@code
 * Gate gate = new Gate();
 * runtime.spawn(gate.opened());   // parks
 * gate.open();                    // wakes every waiter
 * }</pre>
 */
public final class Gate {
    private static final Node OPEN = new Node(null, null);

    private final AtomicReference<Node> waiters = new AtomicReference<>();
    private final AtomicInteger waiting = new AtomicInteger();

    private record Node(Waker waker, Node next) {}

    /** A future that is ready once {@link #open()} was called. */
    public Future<Void> opened() {
        return new Future<>() {
            private boolean registered;

            @Override
            public Poll<Void> poll(dev.jawait.Context cx) {
                while (true) {
                    Node head = waiters.get();
                    if (head == OPEN) {
                        return Poll.ready(null);
                    }
                    if (registered) {
                        return Poll.pending(); // spurious poll: our node is already queued
                    }
                    if (waiters.compareAndSet(head, new Node(cx.waker(), head))) {
                        registered = true;
                        waiting.incrementAndGet();
                        return Poll.pending();
                    }
                }
            }
        };
    }

    /** How many futures have registered to wait so far. */
    public int waiting() {
        return waiting.get();
    }

    /** Opens the gate and wakes every waiter. */
    public void open() {
        for (Node n = waiters.getAndSet(OPEN); n != null && n != OPEN; n = n.next) {
            n.waker.wake();
        }
    }
}
