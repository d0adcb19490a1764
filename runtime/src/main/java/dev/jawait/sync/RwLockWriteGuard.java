package dev.jawait.sync;

/**
 * Exclusive access to an {@link RwLock}'s value; closing it releases (once).
 *
 * <pre>{@code
 * try (RwLockWriteGuard<Integer> w = await(version.write())) {
 *     w.set(w.get() + 1);
 * }
 * }</pre>
 */
public final class RwLockWriteGuard<T> implements AutoCloseable {
    private final RwLock<T> lock;
    private boolean released;

    RwLockWriteGuard(RwLock<T> lock) {
        this.lock = lock;
    }

    /**
     * The protected value.
     *
     * @return the value, which only this guard's holder may touch
     */
    public T get() {
        checkHeld();
        return lock.value();
    }

    /**
     * Replaces the protected value.
     *
     * @param value the new value, seen by later readers and writers
     */
    public void set(T value) {
        checkHeld();
        lock.value(value);
    }

    /** Releases exclusive access. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            lock.releaseWrite();
        }
    }

    private void checkHeld() {
        if (released) {
            throw new IllegalStateException("write guard used after close()");
        }
    }

    @Override
    public String toString() {
        return released ? "RwLockWriteGuard[released]" : "RwLockWriteGuard[" + lock.value() + "]";
    }
}
