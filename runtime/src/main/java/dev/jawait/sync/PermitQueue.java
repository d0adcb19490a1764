package dev.jawait.sync;

import dev.jawait.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fair counting semaphore: the engine under {@link Semaphore}, {@link Mutex}, {@link RwLock}
 * and very large bounded {@link Channel}s (see {@link QueuedSend}), in the manner of Tokio's
 * {@code batch_semaphore}.
 *
 * <pre>{@code
 * PermitQueue q = new PermitQueue(1);
 * if (q.tryAcquire(1)) { ...; q.release(1); }      // one CAS each way, no lock, no allocation
 * }</pre>
 *
 * <p>The state word holds the free permits and two flags. While {@code QUEUED} is clear the fast
 * paths ({@link #tryAcquire}, {@link #release}) are a single CAS. Once somebody waits,
 * {@code QUEUED} is set and the free count is kept at zero: released permits go straight to the
 * waiters in FIFO order (the head may collect them a few at a time), so a newcomer can never
 * overtake a waiter. Everything that touches the queue, or the state while {@code QUEUED} is set,
 * holds {@code lock}; wakers are called after it is released.
 *
 * <p>A waiter is the acquiring future itself (it extends {@link Waiter}, a {@link WaitList}
 * node), so waiting allocates no queue node. Its {@code status} is written under the lock and
 * read without it; the poller publishes its latest waker before re-reading the status, and the
 * granter reads the waker after writing the status (the {@link WaitList} protocol), so one of
 * the two always sees the other (no lost wake-up).
 */
final class PermitQueue {
    /** Largest number of permits a queue can hold. */
    static final int MAX_PERMITS = Integer.MAX_VALUE;

    private static final long CLOSED = 1L;
    private static final long QUEUED = 2L;
    private static final int SHIFT = 2;

    static final int NEW = 0;
    static final int WAITING = 1;
    static final int GRANTED = 2;
    static final int CLOSED_OUT = 3;
    static final int DONE = 4;
    static final int CANCELLED = 5;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PermitQueue.class, "state", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATE
    private volatile long state;

    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final WaitList waiters = new WaitList();

    /** One acquisition of {@code requested} permits; acquiring futures extend it. */
    abstract static class Waiter extends WaitList.Node {
        final int requested;
        /** Permits still missing while queued. Guarded by the queue's lock. */
        int remaining;
        volatile int status = NEW;

        Waiter(int requested) {
            if (requested < 0) {
                throw new IllegalArgumentException("negative permit count: " + requested);
            }
            this.requested = requested;
        }
    }

    PermitQueue(int permits) {
        if (permits < 0) {
            throw new IllegalArgumentException("negative permit count: " + permits);
        }
        STATE.setVolatile(this, (long) permits << SHIFT);
    }

    /** Free permits right now (zero while anybody waits). */
    int available() {
        long s = state;
        return (s & QUEUED) != 0 ? 0 : (int) (s >>> SHIFT);
    }

    boolean isClosed() {
        return (state & CLOSED) != 0;
    }

    /** Takes {@code n} permits if they are free and nobody waits; one CAS, no lock. */
    boolean tryAcquire(int n) {
        long s = state;
        if (n > 0 && (s & (QUEUED | CLOSED)) == 0 && (s >>> SHIFT) >= n
                && STATE.compareAndSet(this, s, s - ((long) n << SHIFT))) {
            return true; // the common case, kept small so that callers inline it
        }
        return tryAcquireContended(n);
    }

    private boolean tryAcquireContended(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative permit count: " + n);
        }
        for (;;) {
            long s = state;
            if ((s & (QUEUED | CLOSED)) != 0) {
                return n == 0 && (s & CLOSED) == 0;
            }
            if ((s >>> SHIFT) < n) {
                return false;
            }
            if (STATE.compareAndSet(this, s, s - ((long) n << SHIFT))) {
                return true;
            }
        }
    }

    /** Returns {@code n} permits, handing them to waiters first. */
    void release(int n) {
        long s = state;
        if (n > 0 && (s & QUEUED) == 0 && (s >>> SHIFT) + n <= MAX_PERMITS
                && STATE.compareAndSet(this, s, s + ((long) n << SHIFT))) {
            return; // the common case, kept small so that callers inline it
        }
        releaseContended(n);
    }

    private void releaseContended(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative permit count: " + n);
        }
        if (n == 0) {
            return;
        }
        for (;;) {
            long s = state;
            if ((s & QUEUED) != 0) {
                break;
            }
            long next = s + ((long) n << SHIFT);
            if ((next >>> SHIFT) > MAX_PERMITS) {
                throw new IllegalStateException("permit count would exceed " + MAX_PERMITS);
            }
            if (STATE.compareAndSet(this, s, next)) {
                return;
            }
        }
        WaitList.Node granted;
        lock.lock();
        try {
            granted = grantLocked(n);
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(granted);
    }

    /**
     * Polls waiter {@code w}: returns {@link #GRANTED} once (the caller now owns the permits),
     * {@link #WAITING} after arranging for {@code waker} to be called, or {@link #CLOSED_OUT}.
     */
    int poll(Waiter w, Waker waker) {
        switch (w.status) {
            case NEW:
                return first(w, waker);
            case WAITING: {
                if (w.waker != waker) {
                    w.waker = waker;
                }
                int s = w.status; // re-read after publishing the waker
                if (s == GRANTED) {
                    w.status = DONE;
                    return GRANTED;
                }
                return s == CLOSED_OUT ? CLOSED_OUT : WAITING;
            }
            case GRANTED:
                w.status = DONE;
                return GRANTED;
            case CLOSED_OUT:
                return CLOSED_OUT;
            default:
                throw new IllegalStateException("acquisition polled after it completed or was cancelled");
        }
    }

    private int first(Waiter w, Waker waker) {
        int n = w.requested;
        if (tryAcquire(n)) {
            w.status = DONE;
            return GRANTED;
        }
        lock.lock();
        try {
            for (;;) {
                long s = state;
                if ((s & CLOSED) != 0) {
                    w.status = CLOSED_OUT;
                    return CLOSED_OUT;
                }
                if ((s & QUEUED) == 0) {
                    long free = s >>> SHIFT;
                    if (free >= n) {
                        if (STATE.compareAndSet(this, s, s - ((long) n << SHIFT))) {
                            w.status = DONE;
                            return GRANTED;
                        }
                        continue;
                    }
                    // Take what is free and queue for the rest; from now on releases come to us.
                    if (!STATE.compareAndSet(this, s, QUEUED)) {
                        continue;
                    }
                    w.remaining = (int) (n - free);
                } else {
                    w.remaining = n;
                }
                break;
            }
            w.waker = waker; // before it can be granted: the granter reads it after unlocking
            w.status = WAITING;
            waiters.add(w);
        } finally {
            lock.unlock();
        }
        return WAITING;
    }

    /**
     * Withdraws {@code w}. Permits it holds (all of them if it was granted but had not yet seen it,
     * the part collected so far if it was queued) go to the next waiters or back to the count.
     */
    void cancel(Waiter w) {
        int s = w.status;
        if (s == NEW || s == CLOSED_OUT || s == DONE || s == CANCELLED) {
            w.status = CANCELLED;
            return;
        }
        WaitList.Node granted = null;
        lock.lock();
        try {
            s = w.status;
            if (s == WAITING) {
                waiters.remove(w);
                w.status = CANCELLED;
                granted = grantLocked(w.requested - w.remaining);
            } else if (s == GRANTED) {
                w.status = CANCELLED;
                granted = grantLocked(w.requested);
            } else {
                w.status = CANCELLED;
            }
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(granted);
    }

    /** Fails every waiter and every later acquisition; permits still count for tryAcquire=false. */
    void close() {
        WaitList.Node chain;
        lock.lock();
        try {
            for (;;) {
                long s = state;
                if ((s & CLOSED) != 0) {
                    return;
                }
                if (STATE.compareAndSet(this, s, (s & ~QUEUED) | CLOSED)) {
                    break;
                }
            }
            Waiter w;
            while ((w = (Waiter) waiters.first()) != null) {
                w.status = CLOSED_OUT; // the outcome, then onto the wake chain (WaitList)
                waiters.dequeueToWake(w);
            }
            chain = waiters.takeWakeChain();
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(chain);
    }

    /** Hands {@code n} permits to waiters in order; returns the chain of waiters to wake. */
    private WaitList.Node grantLocked(long n) {
        Waiter w;
        while (n > 0 && (w = (Waiter) waiters.first()) != null) {
            long take = Math.min(n, w.remaining);
            w.remaining -= (int) take;
            n -= take;
            if (w.remaining > 0) {
                break;
            }
            w.status = GRANTED; // the outcome, then onto the wake chain (WaitList)
            waiters.dequeueToWake(w);
        }
        WaitList.Node granted = waiters.takeWakeChain(); // taken before anything below can throw
        if (waiters.isEmpty()) {
            // Nobody waits any more: leftovers go back to the count and the fast paths reopen.
            for (;;) {
                long s = state;
                long free = ((s & QUEUED) != 0 ? 0 : s >>> SHIFT) + n;
                if (free > MAX_PERMITS) {
                    throw new IllegalStateException("permit count would exceed " + MAX_PERMITS);
                }
                if (STATE.compareAndSet(this, s, (free << SHIFT) | (s & CLOSED))) {
                    break;
                }
            }
        }
        return granted;
    }
}
