package dev.jawait.runtime;

import java.util.concurrent.TimeUnit;

/**
 * How often a busy scheduler polls its driver without blocking, so I/O and timers are served
 * while every thread runs tasks: at most once per {@link #INTERVAL_NANOS}. Polling after every
 * few dozen tiny tasks (Tokio's 61) would cost a selector system call every few microseconds,
 * which on a virtual machine is as expensive as the tasks themselves; readiness waits at most
 * that interval longer while the runtime is saturated (an idle thread blocks in the driver and
 * sees it at once).
 *
 * <pre>{@code
 * long now = System.nanoTime();
 * if (busyPolls.due(now)) {
 *     busyPolls.polled(now);
 *     driver.park(0);
 * }
 * }</pre>
 */
final class BusyDriverPolls {
    static final long INTERVAL_NANOS = TimeUnit.MICROSECONDS.toNanos(50);

    /** When the driver was last polled by a busy thread (racy reads are fine: a hint). */
    private volatile long last = System.nanoTime() - INTERVAL_NANOS;

    /** Whether a busy thread should poll the driver now. */
    boolean due(long now) {
        return now - last >= INTERVAL_NANOS;
    }

    /** Records a poll started at {@code now}. */
    void polled(long now) {
        last = now;
    }
}
