package dev.jawait.runtime;

import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.concurrent.CancellationException;

/**
 * Drives a future to completion on the calling thread, sleeping (never spinning) while it is
 * pending: the engine behind blocking {@code Await.await} and the multi-thread runtime's
 * {@code blockOn}. Interrupting the thread cancels the future (a composite one is polled to the
 * end so its {@code finally} code runs) and the interrupt status is kept. A future that is
 * ready at once costs one thread-local read and one poll.
 *
 * <pre>{@code
 * String s = ThreadBlocker.block(someFuture);   // rethrows the future's failure as is
 * }</pre>
 */
public final class ThreadBlocker {
    /** Per-thread: a reusable waker, and how deep in nested blocking calls the thread is. */
    private static final class Slot {
        ThreadWaker waker;
        int depth;
    }

    private static final ThreadLocal<Slot> SLOT = ThreadLocal.withInitial(Slot::new);

    private ThreadBlocker() {}

    /**
     * Polls {@code future} on this thread until it completes and returns its value, or throws
     * its failure as is (checked exceptions included). Does not check the runtime context; see
     * {@code Await.await} and {@link AsyncRuntime#blockOn}.
     *
     * @param <T> the future's value type
     * @param future the future to drive
     * @return the future's value
     */
    public static <T> T block(Future<T> future) {
        Slot slot = SLOT.get();
        ThreadWaker waker;
        if (slot.depth == 0) {
            waker = slot.waker;
            if (waker == null) {
                waker = slot.waker = new ThreadWaker(Thread.currentThread(), null);
            }
        } else {
            // A future's poll blocked again: a separate waker, so the inner loop can never
            // consume a wake-up meant for the outer future.
            waker = new ThreadWaker(Thread.currentThread(), null);
        }
        slot.depth++;
        try {
            Poll<T> p = future.poll(waker);
            if (p.isReady()) {
                return p.value();
            }
            return drive(future, waker);
        } finally {
            slot.depth--;
        }
    }

    /** Sleeps until woken and polls again, until ready; the first poll already happened. */
    private static <T> T drive(Future<T> future, ThreadWaker waker) {
        boolean interrupted = false;
        boolean cancelled = false;
        try {
            for (;;) {
                if (waker.consume()) {
                    Poll<T> p = future.poll(waker);
                    if (p.isReady()) {
                        return p.value();
                    }
                    continue;
                }
                waker.await();
                if (Thread.interrupted()) {
                    interrupted = true;
                    if (!cancelled) {
                        cancelled = true;
                        if (!future.cancel()) {
                            throw new CancellationException("interrupted while blocked on a future");
                        }
                        waker.arm(); // poll the cancelled composite so its finally code runs
                    }
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
