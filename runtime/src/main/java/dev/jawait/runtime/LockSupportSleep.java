package dev.jawait.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Short uninterruptible sleeps for shutdown polling loops.
 *
 * <pre>{@code
 * while (!done()) LockSupportSleep.sleepMillis(1);
 * }</pre>
 */
final class LockSupportSleep {
    private LockSupportSleep() {}

    static void sleepMillis(long millis) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
