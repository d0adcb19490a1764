package dev.jawait.sync;

import dev.jawait.Future;

/**
 * An asynchronous reader-writer lock around a value, FIFO-fair, like Tokio's
 * {@code tokio::sync::RwLock}: many readers or one writer.
 *
 * <pre>{@code
 * RwLock<Config> config = new RwLock<>(Config.defaults());
 * try (RwLockReadGuard<Config> r = await(config.read())) {
 *     use(r.get());
 * }
 * try (RwLockWriteGuard<Config> w = await(config.write())) {
 *     w.set(await(reload()));
 * }
 * }</pre>
 *
 * <p>Requests are served in arrival order: a waiting writer holds back readers that come after it,
 * so writers are not starved. Built on a fair semaphore of {@value #MAX_READERS} permits (a reader
 * takes one, a writer all). Cancelling a {@link #read()} or {@link #write()} future withdraws it;
 * access it had just been granted goes to the next waiter.
 */
public final class RwLock<T> {
    /** How many readers may hold the lock at once. */
    public static final int MAX_READERS = Integer.MAX_VALUE >>> 3;

    private final PermitQueue permits = new PermitQueue(MAX_READERS);
    private volatile T value;

    /**
     * A lock holding {@code initial} (which may be {@code null}).
     *
     * @param initial the value the lock protects
     */
    public RwLock(T initial) {
        this.value = initial;
    }

    /**
     * Waits for shared access.
     *
     * @return a future of a read guard; close it to release
     */
    public Future<RwLockReadGuard<T>> read() {
        return new PermitFuture<>(permits, 1) {
            @Override
            RwLockReadGuard<T> granted() {
                return new RwLockReadGuard<>(RwLock.this);
            }

            @Override
            RuntimeException closed() {
                throw new IllegalStateException("an RwLock is never closed");
            }

            @Override
            public String toString() {
                return "RwLock.read()";
            }
        };
    }

    /**
     * Waits for exclusive access.
     *
     * @return a future of the write guard; close it to release
     */
    public Future<RwLockWriteGuard<T>> write() {
        return new PermitFuture<>(permits, MAX_READERS) {
            @Override
            RwLockWriteGuard<T> granted() {
                return new RwLockWriteGuard<>(RwLock.this);
            }

            @Override
            RuntimeException closed() {
                throw new IllegalStateException("an RwLock is never closed");
            }

            @Override
            public String toString() {
                return "RwLock.write()";
            }
        };
    }

    /**
     * Shared access if no writer holds or waits for the lock, else {@code null}.
     *
     * @return a read guard, or {@code null}
     */
    public RwLockReadGuard<T> tryRead() {
        return permits.tryAcquire(1) ? new RwLockReadGuard<>(this) : null;
    }

    /**
     * Exclusive access if the lock is free and nobody waits, else {@code null}.
     *
     * @return the write guard, or {@code null}
     */
    public RwLockWriteGuard<T> tryWrite() {
        return permits.tryAcquire(MAX_READERS) ? new RwLockWriteGuard<>(this) : null;
    }

    /**
     * Waits for shared access on a plain (non-runtime) thread.
     *
     * @return a read guard; close it to release
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public RwLockReadGuard<T> blockingRead() throws InterruptedException {
        return Blocking.block(read(), "rwLock.read()");
    }

    /**
     * Waits for exclusive access on a plain (non-runtime) thread.
     *
     * @return the write guard; close it to release
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public RwLockWriteGuard<T> blockingWrite() throws InterruptedException {
        return Blocking.block(write(), "rwLock.write()");
    }

    T value() {
        return value;
    }

    void value(T newValue) {
        value = newValue;
    }

    void releaseRead() {
        permits.release(1);
    }

    void releaseWrite() {
        permits.release(MAX_READERS);
    }

    @Override
    public String toString() {
        int free = permits.available();
        return free == MAX_READERS ? "RwLock[free]" : "RwLock[held]";
    }
}
