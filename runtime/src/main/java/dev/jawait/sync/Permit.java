package dev.jawait.sync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Permits acquired from a {@link Semaphore}; closing gives them back (once, however often it is
 * called).
 *
 * <pre>{@code
 * try (Permit p = await(connections.acquire())) {
 *     await(talkTo(server));
 * }                                        // permit released here, even on failure or abort
 * }</pre>
 */
public final class Permit implements AutoCloseable {
    private final Semaphore semaphore;
    private final int count;
    private final AtomicBoolean released = new AtomicBoolean();

    Permit(Semaphore semaphore, int count) {
        this.semaphore = semaphore;
        this.count = count;
    }

    /**
     * How many permits this holds.
     *
     * @return the permits given back on {@code close()}
     */
    public int count() {
        return count;
    }

    /** Gives the permits back to the semaphore; later calls do nothing. */
    @Override
    public void close() {
        if (released.compareAndSet(false, true)) {
            semaphore.release(count);
        }
    }

    /** Keeps the permits out of the semaphore for good (the semaphore shrinks by {@link #count()}). */
    public void forget() {
        released.set(true);
    }

    @Override
    public String toString() {
        return "Permit[" + count + (released.get() ? ", released]" : "]");
    }
}
