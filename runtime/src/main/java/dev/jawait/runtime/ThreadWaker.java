package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Waker;
import java.util.concurrent.locks.LockSupport;

/**
 * The waker of a future driven by a blocked thread ({@code blockOn}, blocking {@code await}):
 * {@code wake()} sets a flag and unparks the thread, and also wakes the current-thread runtime
 * whose driver the thread may be sleeping in. It is its own {@link Context}, so driving allocates nothing.
 *
 * <pre>{@code
 * ThreadWaker w = new ThreadWaker(Thread.currentThread(), null);
 * while (future.poll(w).isPending()) w.await();
 * }</pre>
 */
final class ThreadWaker implements Waker, Context {
    private final Thread thread;
    private final CurrentThreadScheduler owner;
    private volatile boolean woken;

    /** {@code owner}: the current-thread scheduler whose driver the thread may sleep in, or null. */
    ThreadWaker(Thread thread, CurrentThreadScheduler owner) {
        this.thread = thread;
        this.owner = owner;
    }

    @Override
    public Waker waker() {
        return this;
    }

    @Override
    public void wake() {
        if (woken) {
            return;
        }
        woken = true;
        if (Thread.currentThread() != thread) {
            if (owner != null) {
                owner.wakeOwner();
            }
            LockSupport.unpark(thread);
        }
    }

    /** Makes the next {@link #consume()} succeed: the first poll needs no wake-up. */
    void arm() {
        woken = true;
    }

    /** Consumes a pending wake-up: true if the future should be polled again. */
    boolean consume() {
        if (woken) {
            woken = false;
            return true;
        }
        return false;
    }

    boolean isWoken() {
        return woken;
    }

    /** Parks the calling (owning) thread until woken or interrupted; does not consume. */
    void await() {
        while (!woken && !Thread.currentThread().isInterrupted()) {
            LockSupport.park(this);
        }
    }
}
