package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one future to completion on the calling (non-runtime) thread, parking between polls:
 * the engine of the {@code blocking*} methods.
 *
 * <pre>{@code
 * Optional<String> next = Blocking.block(receiver.recv(), "receiver.recv()");   // parks
 * }</pre>
 *
 * <p>Refused on a thread that polls futures for a runtime (a worker, or inside {@code blockOn}):
 * parking there would stall the other tasks, possibly the very one that would wake it. Threads
 * of the runtime's blocking pool may use it.
 *
 * <p>An interrupt cancels the future (so a queued lock or send request is withdrawn and anything
 * it had been handed is passed on) and throws {@link InterruptedException}.
 */
final class Blocking {
    private Blocking() {}

    /**
     * Polls {@code future} to completion, parking in between.
     *
     * @param asyncForm the non-blocking call to suggest in the error on a runtime thread
     */
    static <T> T block(Future<T> future, String asyncForm) throws InterruptedException {
        if (AsyncRuntime.inAsyncContext()) {
            throw new IllegalStateException("a blocking call would stall this jawait runtime "
                    + "thread; in async code use await(" + asyncForm + ") instead");
        }
        ThreadWaker waker = new ThreadWaker(Thread.currentThread());
        Context cx = Context.of(waker);
        for (;;) {
            if (Thread.interrupted()) {
                abandon(future, cx);
                throw new InterruptedException();
            }
            Poll<T> poll = future.poll(cx);
            if (poll.isReady()) {
                return poll.value();
            }
            while (!waker.consume()) {
                LockSupport.park(waker);
                if (Thread.currentThread().isInterrupted()) {
                    break;
                }
            }
        }
    }

    /** Cancels {@code future}; a composite one is polled until it has run its cleanup. */
    private static void abandon(Future<?> future, Context cx) {
        if (!future.cancel()) {
            return;
        }
        ThreadWaker waker = (ThreadWaker) cx.waker();
        for (;;) {
            try {
                if (future.poll(cx).isReady()) {
                    return;
                }
            } catch (CancellationException expected) {
                return;
            } catch (RuntimeException | Error failure) {
                return; // the caller reports the interrupt; cleanup failures have nowhere better to go
            }
            while (!waker.consume()) {
                LockSupport.park(waker);
            }
        }
    }

    /** Unparks its thread; remembers a wake-up that arrives before the thread parks. */
    private static final class ThreadWaker implements Waker {
        private final Thread thread;
        private volatile boolean woken;

        ThreadWaker(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void wake() {
            if (!woken) {
                woken = true;
                LockSupport.unpark(thread);
            }
        }

        boolean consume() {
            if (woken) {
                woken = false;
                return true;
            }
            return false;
        }
    }
}
