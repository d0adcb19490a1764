package dev.jawait.sync;

/**
 * Proof of holding a {@link Mutex}: reads and replaces the protected value, and unlocks when
 * closed (once; later closes do nothing).
 *
 * <pre>{@code
 * try (MutexGuard<Integer> g = await(counter.lock())) {
 *     g.set(g.get() + 1);
 * }
 * }</pre>
 *
 * <p>A guard belongs to one task at a time; using it after {@link #close()} throws
 * {@link IllegalStateException}.
 */
public final class MutexGuard<T> implements AutoCloseable {
    private final Mutex<T> mutex;
    private boolean released;

    MutexGuard(Mutex<T> mutex) {
        this.mutex = mutex;
    }

    /**
     * The protected value.
     *
     * @return the value, which only the guard's holder may touch
     */
    public T get() {
        checkHeld();
        return mutex.value();
    }

    /**
     * Replaces the protected value.
     *
     * @param value the new value, seen by the next holder
     */
    public void set(T value) {
        checkHeld();
        mutex.value(value);
    }

    /** Unlocks the mutex, handing it to the longest waiter if any. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            mutex.unlock();
        }
    }

    private void checkHeld() {
        if (released) {
            throw new IllegalStateException("mutex guard used after close()");
        }
    }

    @Override
    public String toString() {
        return released ? "MutexGuard[released]" : "MutexGuard[" + mutex.value() + "]";
    }
}
