package dev.jawait.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The clock task polls are timed with. {@code System.nanoTime()} costs 20 to 90 ns on common
 * virtual machines, more than a whole poll of a small task, so reading it twice per poll would
 * dominate the scheduler. Instead a ticker thread publishes a coarse time every
 * {@link #period()} (a tenth of the long-poll threshold, at most 10 ms) and a poll reads that
 * volatile field at its start and end. Only a poll that saw the coarse time move (it spanned a
 * tick: at most one poll per worker per tick) reads the precise clock, and its duration is
 * measured from its coarse start, so a long poll is never missed and is over-estimated by at
 * most one period (when the machine is so loaded that the ticker itself runs late, a poll that
 * began in the gap is measured from the gap's end instead). Thresholds under 10 ms, and schedulers without a runtime (tests), read the
 * precise clock at both ends of every poll instead.
 *
 * <pre>{@code
 * PollClock clock = PollClock.start(Duration.ofMillis(100).toNanos(), "jawait");
 * long start = clock.now();
 * task.poll(cx);
 * long end = clock.now();
 * if (clock.pollDuration(start, end) >= threshold) report(...);
 * clock.stop();   // joins the ticker
 * }</pre>
 */
final class PollClock {
    /** Below this long-poll threshold, polls are timed with the precise clock. */
    static final long COARSE_MIN_THRESHOLD = TimeUnit.MILLISECONDS.toNanos(10);
    private static final long MAX_PERIOD = TimeUnit.MILLISECONDS.toNanos(10);
    /** Period when long polls are not reported: the time only feeds "last polled" in dumps. */
    private static final long IDLE_PERIOD = TimeUnit.MILLISECONDS.toNanos(50);

    private final Thread ticker;
    private final long period;
    private volatile long coarse = System.nanoTime();
    /**
     * The last time the ticker itself ran late (a loaded machine did not schedule it): the
     * coarse value that stayed stale ({@code lateFrom}) and when it was replaced.
     */
    private volatile long lateFrom = Long.MIN_VALUE;
    private volatile long lateUntil;
    private volatile boolean stopped;

    private PollClock(long period, String name) {
        this.period = period;
        if (period <= 0) {
            ticker = null;
            return;
        }
        ticker = new Thread(null, this::tick, name, 0, false);
        ticker.setDaemon(true);
        ticker.start();
    }

    /** A clock for a runtime with the given long-poll threshold ({@code Long.MAX_VALUE}: off). */
    static PollClock start(long longPollNanos, String threadName) {
        if (longPollNanos < COARSE_MIN_THRESHOLD) {
            return precise();
        }
        long p = longPollNanos == Long.MAX_VALUE ? IDLE_PERIOD : Math.min(MAX_PERIOD, longPollNanos / 10);
        return new PollClock(p, threadName);
    }

    /** A clock that reads {@code System.nanoTime()} every time (no thread). */
    static PollClock precise() {
        return new PollClock(0, null);
    }

    private void tick() {
        while (!stopped) {
            long now = System.nanoTime();
            long previous = coarse;
            if (now - previous > 2 * period) {
                lateUntil = now; // written before lateFrom: a reader matching lateFrom sees it
                lateFrom = previous;
            }
            coarse = now;
            LockSupport.parkNanos(this, period);
        }
    }

    /** The current time: coarse (one volatile read) or precise. */
    long now() {
        return ticker == null ? System.nanoTime() : coarse;
    }

    /**
     * The duration of a poll that began at {@code start} and ended at {@code end} (both from
     * {@link #now()}), or -1 when the coarse clock did not move (the poll was shorter than a
     * period, so it cannot be long). Measured from the coarse start: never an under-estimate.
     */
    long pollDuration(long start, long end) {
        if (end == start) {
            return -1;
        }
        if (ticker == null) {
            return end - start;
        }
        if (start == lateFrom) {
            // The poll began while the ticker was late, somewhere before lateUntil: count
            // from there (an under-estimate) rather than report a short poll as a long one.
            start = lateUntil;
        }
        return System.nanoTime() - start;
    }

    /** How stale {@link #now()} may be (0 for a precise clock). */
    long period() {
        return ticker == null ? 0 : period;
    }

    /** Stops and joins the ticker thread. Idempotent. */
    void stop() {
        stopped = true;
        if (ticker != null && ticker != Thread.currentThread()) {
            LockSupport.unpark(ticker);
            boolean interrupted = false;
            while (ticker.isAlive()) {
                try {
                    ticker.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
