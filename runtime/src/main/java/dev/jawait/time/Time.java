package dev.jawait.time;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import dev.jawait.runtime.driver.IoDriver;
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

    /**
     * Completes once {@code duration} has passed since this call.
     *
     * @param duration how long to sleep; zero or negative completes at the first poll
     * @return a sleep future, which can be {@linkplain Sleep#reset reset}
     */
    public static Sleep sleep(Duration duration) {
        return new Sleep(deadlineAfter(duration));
    }

    /**
     * The current runtime's clock, in {@link System#nanoTime()} units: the real time, unless the
     * runtime's time is {@linkplain #pause() paused} (a test). Sleeps, timeouts and intervals
     * measure against it; read it instead of {@code System.nanoTime()} in code that a test will
     * run with paused time. Outside a runtime it is {@code System.nanoTime()}.
     *
     * @return the current time in nanoseconds, comparable only with other readings of this clock
     */
    public static long now() {
        return IoDriver.current().clock().now();
    }

    /**
     * Freezes the current runtime's clock (Tokio's {@code time::pause}): from now on time moves
     * only by {@link #advance}, or jumps to the next timer whenever no task of the runtime can
     * run and no I/O is ready. For tests; see also {@code AsyncRuntime.Builder.startPaused}.
     * Does nothing if the clock is paused already.
     *
     * <pre>{@code
     * Time.pause();
     * long start = Time.now();
     * await(Time.sleep(Duration.ofHours(1)));          // no wall time passes
     * assert Time.now() - start >= Duration.ofHours(1).toNanos();
     * }</pre>
     *
     * @throws IllegalStateException outside a runtime (not on one of its threads or in blockOn)
     */
    public static void pause() {
        runtimeDriver("Time.pause()").clock().pause();
    }

    /** Lets the current runtime's paused clock run again from where it stopped. */
    public static void resume() {
        runtimeDriver("Time.resume()").clock().resume();
    }

    /**
     * Moves the current runtime's paused clock forward by {@code duration} when first polled,
     * fires the timers that are now due, then yields once so that the tasks they woke run before
     * the caller goes on.
     *
     * <pre>{@code
     * Sleep nap = Time.sleep(Duration.ofSeconds(5));
     * await(Time.advance(Duration.ofSeconds(5)));      // nap is now elapsed
     * }</pre>
     *
     * @param duration how far to move the paused clock
     * @return a future that completes once the due timers fired and their tasks ran
     * @throws IllegalStateException outside a runtime, or if its clock is not paused
     */
    public static Future<Void> advance(Duration duration) {
        long nanos = toNanos(duration);
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot advance time by a negative duration: " + duration);
        }
        IoDriver driver = runtimeDriver("Time.advance(" + duration + ")");
        if (!driver.clock().isPaused()) {
            throw new IllegalStateException("time is not paused: call Time.pause() (or build the runtime with"
                    + " startPaused(true)) before Time.advance");
        }
        return new Advance(driver, nanos);
    }

    private static IoDriver runtimeDriver(String what) {
        IoDriver driver = IoDriver.current();
        if (driver.isFallback()) {
            throw new IllegalStateException(what + " acts on the current runtime's clock, and this thread is not"
                    + " in a runtime: call it from a task or inside AsyncRuntime.blockOn");
        }
        return driver;
    }

    /**
     * Completes once {@link #now()} reaches {@code deadlineNanos}.
     *
     * @param deadlineNanos the deadline, in {@link #now()} units
     * @return a sleep future
     */
    public static Sleep sleepUntil(long deadlineNanos) {
        return new Sleep(deadlineNanos);
    }

    /**
     * Completes like {@code future} if it completes within {@code duration}; otherwise cancels it
     * and fails with {@link TimeoutException}. The clock starts now, not at the first poll.
     *
     * @param <T> the future's value type
     * @param duration how long {@code future} may take
     * @param future the work to bound
     * @return a future of {@code future}'s value, failing with {@code TimeoutException} when it is late
     */
    public static <T> TryFuture<T, TimeoutException> timeout(Duration duration, Future<T> future) {
        Objects.requireNonNull(future, "future");
        return new Timeout<>(future, sleep(duration), duration);
    }

    /**
     * Ticks every {@code period}, starting now (the first tick completes immediately); late
     * ticks are {@linkplain MissedTickBehavior#SKIP skipped} unless configured otherwise.
     *
     * @param period the time between ticks
     * @return a new interval
     * @throws IllegalArgumentException if {@code period} is zero or negative
     */
    public static Interval interval(Duration period) {
        return intervalAt(now(), period);
    }

    /**
     * Like {@link #interval} with the first tick at {@code startNanos} ({@link #now()} units).
     *
     * @param startNanos when the first tick is due, in {@link #now()} units
     * @param period the time between ticks
     * @return a new interval
     */
    public static Interval intervalAt(long startNanos, Duration period) {
        long nanos = toNanos(period);
        if (nanos <= 0) {
            throw new IllegalArgumentException("interval period must be positive: " + period);
        }
        return new Interval(startNanos, nanos);
    }

    static long deadlineAfter(Duration duration) {
        long now = now();
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
