package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A leaf future that records how it is driven: polls, cancels, and whether two polls ever
 * overlapped. Ready with {@link #VALUE} once {@link #ready} is set, pending (without keeping the
 * waker: the test wakes the task itself) before.
 *
 * <pre>{@code
 * ProbeFuture f = new ProbeFuture(false);
 * f.ready = true;   then   task.wake();
 * }</pre>
 */
final class ProbeFuture implements Future<Integer> {
    static final int VALUE = 42;

    volatile boolean ready;
    final AtomicInteger polls = new AtomicInteger();
    final AtomicInteger cancels = new AtomicInteger();
    private final AtomicInteger inPoll = new AtomicInteger();
    /** Set if a poll started while another was still running (two threads polling at once). */
    volatile boolean overlapped;

    ProbeFuture(boolean ready) {
        this.ready = ready;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        if (inPoll.getAndIncrement() != 0) {
            overlapped = true;
        }
        try {
            polls.incrementAndGet();
            Thread.onSpinWait(); // widen the window a little
            return ready ? Poll.ready(VALUE) : Poll.pending();
        } finally {
            inPoll.decrementAndGet();
        }
    }

    @Override
    public boolean cancel() {
        cancels.incrementAndGet();
        return false;
    }
}
