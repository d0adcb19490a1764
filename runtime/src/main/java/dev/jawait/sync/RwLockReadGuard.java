package dev.jawait.sync;

/**
 * Shared access to an {@link RwLock}'s value; closing it releases (once).
 *
 * <pre>{@code
 * try (RwLockReadGuard<Map<String, Integer>> r = await(table.read())) {
 *     return r.get().get(key);
 * }
 * }</pre>
 */
public final class RwLockReadGuard<T> implements AutoCloseable {
    private final RwLock<T> lock;
    private boolean released;

    RwLockReadGuard(RwLock<T> lock) {
        this.lock = lock;
    }

    /**
     * The protected value; do not mutate it through a read guard.
     *
     * @return the value, shared with other readers
     */
    public T get() {
        if (released) {
            throw new IllegalStateException("read guard used after close()");
        }
        return lock.value();
    }

    /** Releases shared access. */
    @Override
    public void close() {
        if (!released) {
            released = true;
            lock.releaseRead();
        }
    }

    @Override
    public String toString() {
        return released ? "RwLockReadGuard[released]" : "RwLockReadGuard[" + lock.value() + "]";
    }
}
