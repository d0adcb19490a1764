package dev.jawait.sync;

import dev.jawait.Future;

/**
 * An asynchronous counting semaphore, fair and multi-permit, like Tokio's
 * {@code tokio::sync::Semaphore}.
 *
 * <pre>{@code
 * Semaphore connections = new Semaphore(10);
 * try (Permit p = await(connections.acquire())) {       // waits, never blocks a thread
 *     await(fetch(url));
 * }
 * }</pre>
 *
 * <p><b>Fairness.</b> Acquirers are served strictly in arrival order, each request taken as a
 * whole: a waiting {@code acquire(5)} collects released permits until it has five, and meanwhile
 * later {@code acquire(1)} and {@link #tryAcquire} calls do not overtake it.
 *
 * <p><b>Cancellation.</b> Cancelling an acquisition future (abort of its task, or losing a
 * select) withdraws it from the queue; permits it had collected, or had been granted without yet
 * being polled, go to the next waiter. No permit is ever leaked.
 *
 * <p>The uncontended paths ({@link #tryAcquire}, {@link #release} with nobody waiting, and an
 * acquisition that succeeds on its first poll) are one CAS on a state word, without locking.
 */
public final class Semaphore {
    private final PermitQueue permits;

    /**
     * A semaphore with {@code permits} initial permits.
     *
     * @param permits the permits available at the start (zero or more)
     */
    public Semaphore(int permits) {
        this.permits = new PermitQueue(permits);
    }

    /**
     * Waits for one permit.
     *
     * @return a future of a permit; close it to give it back
     */
    public Future<Permit> acquire() {
        return acquire(1);
    }

    /**
     * Waits for {@code n} permits, served in FIFO order; completes with a {@link Permit} that
     * gives them back when closed. Fails with {@link SemaphoreClosedException} once closed.
     *
     * @param n how many permits (zero or more)
     * @return a future of a permit holding {@code n}
     */
    public Future<Permit> acquire(int n) {
        return new PermitFuture<>(permits, n) {
            @Override
            Permit granted() {
                return new Permit(Semaphore.this, n);
            }

            @Override
            RuntimeException closed() {
                return new SemaphoreClosedException();
            }

            @Override
            public String toString() {
                return "Semaphore.acquire(" + n + ")";
            }
        };
    }

    /**
     * Takes one permit if it is free and nobody is waiting; give it back with {@link #release()}.
     *
     * @return {@code true} if a permit was taken
     */
    public boolean tryAcquire() {
        return tryAcquire(1);
    }

    /**
     * Takes {@code n} permits if they are free and nobody is waiting (never overtakes a waiter);
     * give them back with {@link #release(int)}. Returns {@code false} once closed.
     *
     * @param n how many permits (zero or more)
     * @return {@code true} if the {@code n} permits were taken
     */
    public boolean tryAcquire(int n) {
        return permits.tryAcquire(n);
    }

    /** Adds one permit. */
    public void release() {
        release(1);
    }

    /**
     * Adds {@code n} permits, waking waiters whose requests are now complete.
     *
     * @param n how many permits to add (zero or more)
     */
    public void release(int n) {
        permits.release(n);
    }

    /**
     * Waits for {@code n} permits on the calling thread (not a runtime worker); parks, no spin.
     *
     * @param n how many permits (zero or more)
     * @return a permit holding {@code n}; close it to give them back
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public Permit blockingAcquire(int n) throws InterruptedException {
        return Blocking.block(acquire(n), "semaphore.acquire(n)");
    }

    /**
     * Waits for one permit on the calling thread.
     *
     * @return a permit holding one; close it to give it back
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public Permit blockingAcquire() throws InterruptedException {
        return blockingAcquire(1);
    }

    /**
     * Free permits right now; zero while anybody waits.
     *
     * @return the permits nobody holds or waits for
     */
    public int availablePermits() {
        return permits.available();
    }

    /**
     * Fails every waiting and future acquisition with {@link SemaphoreClosedException}; permits
     * already held stay valid and can still be released.
     */
    public void close() {
        permits.close();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed; waiters and later acquires fail
     */
    public boolean isClosed() {
        return permits.isClosed();
    }

    @Override
    public String toString() {
        return "Semaphore[available=" + availablePermits() + (isClosed() ? ", closed]" : "]");
    }
}
