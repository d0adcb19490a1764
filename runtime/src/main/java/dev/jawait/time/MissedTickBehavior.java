package dev.jawait.time;

/**
 * What an {@link Interval} does when a tick is taken late (the task was busy, or the machine
 * was): the same three policies as Tokio's {@code MissedTickBehavior}. A tick counts as missed
 * when it is taken more than 5 ms after its schedule (Tokio's threshold); on-time ticks simply
 * follow one period after the previous schedule.
 *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofSeconds(1))
 *         .missedTickBehavior(MissedTickBehavior.DELAY);
 * }</pre>
 */
public enum MissedTickBehavior {
    /**
     * Catch up: the missed ticks complete immediately one after the other until the schedule is
     * back on track (Tokio's default).
     */
    BURST {
        @Override
        long next(long scheduled, long now, long period) {
            return scheduled + period;
        }
    },
    /** Restart the schedule: the next tick is one period after the late tick was taken. */
    DELAY {
        @Override
        long next(long scheduled, long now, long period) {
            return now + period;
        }
    },
    /**
     * Drop the missed ticks and keep the original rhythm: the next tick is the next multiple of
     * the period, counted from the start, after now. jawait's default: periodic maintenance
     * (expiry sweeps, heartbeats) rarely wants a burst after a stall.
     */
    SKIP {
        @Override
        long next(long scheduled, long now, long period) {
            return now + period - ((now - scheduled) % period);
        }
    };

    /** Ticks taken later than this after their schedule count as missed. */
    static final long LATE_NANOS = 5_000_000L;

    /** The schedule of the tick after one scheduled at {@code scheduled} and taken at {@code now}. */
    abstract long next(long scheduled, long now, long period);
}
