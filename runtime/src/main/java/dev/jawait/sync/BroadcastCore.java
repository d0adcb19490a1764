package dev.jawait.sync;

import dev.jawait.Waker;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The ring shared by a {@link Broadcast}'s senders and receivers. Message {@code seq} lives in
 * {@code ring[seq % capacity]}; {@code tail} is the next sequence number to write. A receiver at
 * {@code next < tail - capacity} has lagged.
 *
 * <pre>{@code
 * BroadcastCore<String> core = new BroadcastCore<>(8);
 * BroadcastReceiver<String> r = core.subscribe();
 * core.send("x");
 * }</pre>
 */
final class BroadcastCore<T> {
    /** {@link #pollRecv} outcome: nothing yet (waker registered). */
    static final Object PENDING = new Object();
    /** {@link #pollRecv} outcome: closed and drained. */
    static final Object END = new Object();

    /** {@link #pollRecv} outcome: the receiver lagged by {@code missed} and skipped ahead. */
    record Lag(long missed) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Object[] ring;
    private final WaitList waiting = new WaitList();
    private long tail;
    private int senders = 1;
    private int receivers;
    private boolean closed;

    BroadcastCore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.ring = new Object[capacity];
    }

    /** Sends to the current receivers (how many); with none, keeps nothing and fails. */
    int send(T message) throws ChannelClosedException {
        Objects.requireNonNull(message, "message");
        Waker[] toWake = null;
        int audience;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("broadcast channel closed");
            }
            audience = receivers;
            if (audience > 0) {
                ring[(int) (tail % ring.length)] = message;
                tail++;
                toWake = waiting.takeAllWakers();
            }
        } finally {
            lock.unlock();
        }
        if (audience == 0) {
            throw new ChannelClosedException("no broadcast receiver", message);
        }
        WaitList.wakeAll(toWake);
        return audience;
    }

    BroadcastReceiver<T> subscribe() {
        lock.lock();
        try {
            receivers++;
            return new BroadcastReceiver<>(this, tail);
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe() {
        lock.lock();
        try {
            receivers--;
        } finally {
            lock.unlock();
        }
    }

    int receiverCount() {
        lock.lock();
        try {
            return receivers;
        } finally {
            lock.unlock();
        }
    }

    void addSender() {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("broadcast channel closed");
            }
            senders++;
        } finally {
            lock.unlock();
        }
    }

    void dropSender() {
        Waker[] toWake = null;
        lock.lock();
        try {
            if (--senders == 0) {
                closed = true;
                toWake = waiting.takeAllWakers();
            }
        } finally {
            lock.unlock();
        }
        WaitList.wakeAll(toWake);
    }

    /**
     * For receiver {@code r}: the next message (advancing {@code r.next}), a {@link Lag} (having
     * skipped ahead), {@link #END}, or {@link #PENDING} after queuing {@code node}
     * (when non-null) with {@code waker}.
     */
    Object pollRecv(BroadcastReceiver<T> r, WaitList.Node node, Waker waker) {
        lock.lock();
        try {
            long oldest = Math.max(0, tail - ring.length);
            if (r.next < oldest) {
                long missed = oldest - r.next;
                r.next = oldest;
                return new Lag(missed);
            }
            if (r.next < tail) {
                Object m = ring[(int) (r.next % ring.length)];
                r.next++;
                return m;
            }
            if (closed) {
                return END;
            }
            if (node != null) {
                node.waker = waker;
                if (!waiting.contains(node)) {
                    waiting.add(node);
                }
            }
            return PENDING;
        } finally {
            lock.unlock();
        }
    }

    void forget(WaitList.Node node) {
        lock.lock();
        try {
            waiting.remove(node);
        } finally {
            lock.unlock();
        }
    }
}
