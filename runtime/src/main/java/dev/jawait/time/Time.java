package dev.jawait.time;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeoutException;

/**
 * Timers: sleep, deadlines and periodic ticks, served by the runtime driver's timing wheel
 * (1 ms resolution; a timer never fires early, and normally within a tick of its deadline).
 *
 * <pre>{@code
 * await(Time.sleep(Duration.ofMillis(100)));
 * String line = await(Time.timeout(Duration.ofSeconds(2), readLine(socket)));
 * Interval every = Time.interval(Duration.ofSeconds(1));
 * while (running) {
 *     await(every.tick());
 *     report();
 * }
 * }</pre>
 */
public final class Time {
    /** Durations are capped at about 292 years, the range of {@code System.nanoTime()}. */
    private static final long MAX_NANOS = Long.MAX_VALUE / 2;

    private Time() {}

    /** Completes once {@code duration} has passed since this call. */
    public static Sleep sleep(Duration duration) {
        return new Sleep(deadlineAfter(duration));
    }

    /** Completes once {@link System#nanoTime()} reaches {@code deadlineNanos}. */
    public static Sleep sleepUntil(long deadlineNanos) {
        return new Sleep(deadlineNanos);
    }

    /**
     * Completes like {@code future} if it completes within {@code duration}; otherwise cancels it
     * and fails with {@link TimeoutException}. The clock starts now, not at the first poll.
     */
    public static <T> TryFuture<T, TimeoutException> timeout(Duration duration, Future<T> future) {
        Objects.requireNonNull(future, "future");
        return new Timeout<>(future, sleep(duration), duration);
    }

    /**
     * Ticks every {@code period}, starting now (the first tick completes immediately); late
     * ticks are {@linkplain MissedTickBehavior#SKIP skipped} unless configured otherwise.
     *
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static Interval interval(Duration period) {
        return intervalAt(System.nanoTime(), period);
    }

    /** Like {@link #interval} with the first tick at {@code startNanos} (nanoTime units). */
    public static Interval intervalAt(long startNanos, Duration period) {
        long nanos = toNanos(period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("interval period must be positive: " + period);
        }
        return new Interval(startNanos, nanos);
    }

    static long deadlineAfter(Duration duration) {
        long now = System.nanoTime();
        long deadline = now + Math.max(0, toNanos(duration));
        return deadline < now ? Long.MAX_VALUE : deadline; // saturate instead of wrapping
    }

    private static long toNanos(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.compareTo(Duration.ofNanos(MAX_NANOS)) > 0) {
            return MAX_NANOS;
        }
        if (duration.isNegative()) {
            return -1;
        }
        return duration.toNanos();
    }
}
