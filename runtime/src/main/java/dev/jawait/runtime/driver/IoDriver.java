package dev.jawait.runtime.driver;

import dev.jawait.runtime.Driver;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * PLACEHOLDER until the reactor lands: parks without I/O or timers. Replaced by the
 * Selector + timing-wheel driver.
 */
public final class IoDriver implements Driver {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean unparked;

    private IoDriver() {}

    public static IoDriver create() {
        return new IoDriver();
    }

    @Override
    public void park(long timeoutNanos) {
        lock.lock();
        try {
            long left = timeoutNanos;
            while (!unparked && left > 0) {
                if (timeoutNanos == Long.MAX_VALUE) {
                    signal.await();
                } else {
                    left = signal.awaitNanos(left);
                }
            }
            unparked = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void unpark() {
        lock.lock();
        try {
            unparked = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {}
}
