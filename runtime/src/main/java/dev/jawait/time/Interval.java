package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.TimerEntry;
import java.time.Duration;
import java.util.Objects;

/**
 * Ticks at a fixed period; see {@link Time#interval}. The first tick completes immediately,
 * then one per period. Each {@link #tick()} completes with the tick's scheduled time in
 * {@link Time#now()} units (Tokio returns the scheduled {@code Instant}). Missed ticks
 * follow {@link #missedTickBehavior(MissedTickBehavior)}, {@link MissedTickBehavior#SKIP} by
 * default.
 *
 * <pre>{@code
 * Interval every = Time.interval(Duration.ofSeconds(5));
 * while (true) {
 *     await(every.tick());
 *     store.purgeExpired();
 * }
 * }</pre>
 *
 * <p>One tick at a time: an interval holds one timer, which the pending tick future uses.
 * Cancelling a tick future releases the timer and leaves the schedule as it was.
 */
public final class Interval {
    private final long periodNanos;
    private long nextNanos;
    private MissedTickBehavior behavior = MissedTickBehavior.SKIP;
    private TimerEntry timer;

    Interval(long startNanos, long periodNanos) {
        this.nextNanos = startNanos;
        this.periodNanos = periodNanos;
    }

    /**
     * Sets the policy for late ticks; returns this interval.
     *
     * @param behavior what a tick that comes late does to the ticks after it
     * @return this interval
     */
    public Interval missedTickBehavior(MissedTickBehavior behavior) {
        this.behavior = Objects.requireNonNull(behavior, "behavior");
        return this;
    }

    /**
     * The policy for late ticks.
     *
     * @return the current policy, {@link MissedTickBehavior#SKIP} unless set
     */
    public MissedTickBehavior missedTickBehavior() {
        return behavior;
    }

    /**
     * The period between ticks.
     *
     * @return the period given when the interval was made
     */
    public Duration period() {
        return Duration.ofNanos(periodNanos);
    }

    /** Makes the next tick due one period from now. */
    public void reset() {
        nextNanos = Time.now() + periodNanos;
        if (timer != null) {
            timer.cancel();
        }
    }

    /**
     * A future for the next tick, completing with its scheduled time (nanoTime units).
     *
     * @return a future of the tick's scheduled time, in {@link Time#now()} units
     */
    public Future<Long> tick() {
        return new Future<>() {
            @Override
            public Poll<Long> poll(Context cx) {
                return pollTick(cx);
            }

            @Override
            public boolean cancel() {
                if (timer != null) {
                    timer.cancel();
                }
                return false;
            }

            @Override
            public String toString() {
                return "Interval.tick[" + period() + "]";
            }
        };
    }

    private Poll<Long> pollTick(Context cx) {
        while (true) {
            long now = Time.now();
            if (now - nextNanos >= 0) {
                long scheduled = nextNanos;
                nextNanos = now - scheduled > MissedTickBehavior.LATE_NANOS
                        ? behavior.next(scheduled, now, periodNanos)
                        : scheduled + periodNanos;
                if (timer != null) {
                    timer.cancel();
                }
                return Poll.ready(scheduled);
            }
            if (timer == null) {
                timer = IoDriver.current().newTimer();
            }
            if (timer.isArmed() && timer.deadlineNanos() == nextNanos) {
                timer.setWaker(cx.waker());
                if (!timer.isFired()) {
                    return Poll.pending();
                }
            } else if (!timer.arm(nextNanos, cx.waker())) {
                return Poll.pending();
            }
            // Due (or fired meanwhile): take the tick on the next loop turn.
        }
    }

    @Override
    public String toString() {
        return "Interval[" + period() + ", " + behavior + "]";
    }
}
