package dev.jawait.sync;

import dev.jawait.Future;

/**
 * An asynchronous mutual-exclusion lock around a value, FIFO-fair, like Tokio's
 * {@code tokio::sync::Mutex}. Waiting for it suspends the task instead of blocking the thread, so
 * a guard may be held across {@code await}.
 *
 * <pre>{@code
 * Mutex<List<String>> log = new Mutex<>(new ArrayList<>());
 * try (MutexGuard<List<String>> g = await(log.lock())) {
 *     g.get().add(await(nextLine()));      // still held across the await
 * }                                        // released here, also on failure or abort
 * }</pre>
 *
 * <p>Lockers are served in arrival order; {@link #tryLock()} never overtakes a waiter. Locking an
 * unheld mutex is a single CAS on a state word (no lock, no queue node), as is unlocking one that
 * nobody waits for. Cancelling a {@link #lock()} future withdraws it; if the lock had just been
 * handed to it, it goes to the next waiter, so an aborted task never leaves the mutex held.
 *
 * <p>Not reentrant: locking again while holding the guard waits forever.
 */
public final class Mutex<T> {
    private final PermitQueue permit = new PermitQueue(1);
    private T value; // guarded by the permit; handed over through the queue's volatile state

    /**
     * A mutex holding {@code initial} (which may be {@code null}).
     *
     * @param initial the value the lock protects
     */
    public Mutex(T initial) {
        this.value = initial;
    }

    /**
     * Waits for the lock; the guard releases it when closed.
     *
     * @return a future of the guard, in FIFO order of the callers
     */
    public Future<MutexGuard<T>> lock() {
        return new PermitFuture<>(permit, 1) {
            @Override
            MutexGuard<T> granted() {
                return new MutexGuard<>(Mutex.this);
            }

            @Override
            RuntimeException closed() {
                throw new IllegalStateException("a mutex is never closed");
            }

            @Override
            public String toString() {
                return "Mutex.lock()";
            }
        };
    }

    /**
     * The guard if the mutex is free and nobody waits for it, else {@code null}.
     *
     * @return the guard, or {@code null} when the lock is taken or contended
     */
    public MutexGuard<T> tryLock() {
        return permit.tryAcquire(1) ? new MutexGuard<>(this) : null;
    }

    /**
     * Waits for the lock on the calling thread (not a runtime worker); parks, no spin.
     *
     * @return the guard; close it to unlock
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public MutexGuard<T> blockingLock() throws InterruptedException {
        return Blocking.block(lock(), "mutex.lock()");
    }

    /**
     * Whether somebody holds the lock right now (a snapshot).
     *
     * @return {@code true} while a guard is open
     */
    public boolean isLocked() {
        return permit.available() == 0;
    }

    T value() {
        return value;
    }

    void value(T newValue) {
        value = newValue;
    }

    void unlock() {
        permit.release(1);
    }

    @Override
    public String toString() {
        return isLocked() ? "Mutex[locked]" : "Mutex[unlocked]";
    }
}
