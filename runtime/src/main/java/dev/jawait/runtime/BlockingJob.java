package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.Waker;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callable running on the blocking pool, seen as a leaf future: it completes when the
 * callable returns or throws. Cancelling it before a thread picked it up skips it; once running
 * it runs to the end (Java cannot stop a thread safely), the awaiter just stops waiting.
 *
 * <pre>{@code
 * BlockingJob<String> job = new BlockingJob<>(() -> Files.readString(path));
 * pool.execute(job);
 * String s = await(job);
 * }</pre>
 */
final class BlockingJob<T> implements TryFuture<T, Exception>, Runnable {
    private static final int QUEUED = 0;
    private static final int RUNNING = 1;
    private static final int DONE = 2;
    private static final int CANCELLED = 3;

    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private Callable<T> callable;
    private T value;
    private Throwable failure;
    private volatile Waker waker;

    BlockingJob(Callable<T> callable) {
        this.callable = callable;
    }

    @Override
    public void run() {
        if (!state.compareAndSet(QUEUED, RUNNING)) {
            return;
        }
        try {
            value = callable.call();
        } catch (Throwable e) {
            failure = e;
        }
        callable = null;
        state.set(DONE);
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    /** Fails the job because the pool refused or dropped it. */
    void reject(Throwable why) {
        if (state.compareAndSet(QUEUED, RUNNING)) {
            failure = why;
            callable = null;
            state.set(DONE);
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (state.get() != DONE) {
            waker = cx.waker();
            int s = state.get();
            if (s == CANCELLED) {
                throw new CancellationException("blocking job cancelled");
            }
            if (s != DONE) {
                return Poll.pending();
            }
        }
        if (failure != null) {
            throw Failures.sneaky(failure);
        }
        return Poll.ready(value);
    }

    @Override
    public boolean cancel() {
        waker = null;
        if (state.compareAndSet(QUEUED, CANCELLED)) {
            callable = null;
        }
        return false;
    }
}
