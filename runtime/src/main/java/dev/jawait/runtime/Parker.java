package dev.jawait.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How one worker sleeps (Tokio's {@code Parker}): the first idle worker to get the driver lock
 * parks in {@link Driver#park} (I/O and timers keep being served while everybody is idle); the
 * others park their thread. {@link #unpark()} wakes it whichever way it sleeps, and is remembered
 * if it comes first.
 *
 * <pre>{@code
 * parker.park();     // worker thread
 * parker.unpark();   // any thread
 * }</pre>
 */
final class Parker {
    private static final int EMPTY = 0;
    private static final int PARKED_THREAD = 1;
    private static final int PARKED_DRIVER = 2;
    private static final int NOTIFIED = 3;

    private final AtomicInteger state = new AtomicInteger(EMPTY);
    private final Driver driver;
    private final ReentrantLock driverLock;
    private volatile Thread thread;

    Parker(Driver driver, ReentrantLock driverLock) {
        this.driver = driver;
        this.driverLock = driverLock;
    }

    void bind(Thread thread) {
        this.thread = thread;
    }

    void park() {
        if (state.compareAndSet(NOTIFIED, EMPTY)) {
            return;
        }
        // Workers are not interruptible: a task that interrupted its thread must not make every
        // later selector wait return at once (a hot spin).
        Thread.interrupted();
        if (driverLock.tryLock()) {
            try {
                if (!state.compareAndSet(EMPTY, PARKED_DRIVER)) {
                    state.set(EMPTY); // was NOTIFIED
                    return;
                }
                try {
                    driver.park(Long.MAX_VALUE);
                } finally {
                    state.set(EMPTY);
                }
            } finally {
                driverLock.unlock();
            }
            return;
        }
        if (!state.compareAndSet(EMPTY, PARKED_THREAD)) {
            state.set(EMPTY);
            return;
        }
        driver.maybeIdle(); // one worker fewer may let a paused clock jump ahead
        for (;;) {
            LockSupport.park(this);
            if (state.compareAndSet(NOTIFIED, EMPTY)) {
                return;
            }
            Thread.interrupted(); // workers are not interruptible; clear and keep sleeping
        }
    }

    /** Whether the worker is asleep in the driver right now (a hint; may change at once). */
    boolean isInDriver() {
        return state.get() == PARKED_DRIVER;
    }

    /** Whether the worker sleeps, in the driver or on its own (a hint; may change at once). */
    boolean isAsleep() {
        int s = state.get();
        return s == PARKED_THREAD || s == PARKED_DRIVER;
    }

    /** Whether the worker sleeps on its own thread, not in the driver (a hint). */
    boolean isParkedOnThread() {
        return state.get() == PARKED_THREAD;
    }

    void unpark() {
        int prev = state.getAndSet(NOTIFIED);
        if (prev == PARKED_THREAD) {
            LockSupport.unpark(thread);
        } else if (prev == PARKED_DRIVER) {
            driver.unpark();
        }
    }
}
