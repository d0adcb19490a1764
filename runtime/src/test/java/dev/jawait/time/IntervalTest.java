package dev.jawait.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.MiniExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interval: first tick immediate, then one per period, against the real clock (the assertions
 * bracket each tick between clock readings taken around it, so they hold however loaded the
 * machine is); the three missed-tick policies on paused time, to the nanosecond.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class IntervalTest {
    private static final long MS = 1_000_000L;
    private static final long PERIOD = 20 * MS;

    @Test
    void ticksArePeriodApartAndNeverEarly() {
        try (MiniExecutor executor = new MiniExecutor()) {
            long start = System.nanoTime();
            Interval every = Time.interval(Duration.ofNanos(PERIOD)).missedTickBehavior(MissedTickBehavior.BURST);
            long first = executor.blockOn(every.tick());
            assertTrue(first >= start && first <= System.nanoTime(), "the first tick is scheduled at creation");
            for (int i = 1; i <= 4; i++) {
                long scheduled = executor.blockOn(every.tick());
                assertEquals(first + i * PERIOD, scheduled);
                assertTrue(System.nanoTime() >= scheduled, "tick " + i + " not early");
            }
            assertEquals(0, executor.driver().pendingTimers());
        }
    }

    // The missed-tick policies run on paused time: "late" is an exact 75 ms advance instead of a
    // Thread.sleep, so every tick's time is known to the nanosecond and no test waits on the wall clock.

    @Test
    void skipKeepsTheRhythmAndDropsMissedTicks() {
        try (AsyncRuntime rt = paused()) {
            Interval every = rt.blockOn(inRuntime(() -> Time.interval(Duration.ofNanos(PERIOD))));
            assertEquals(MissedTickBehavior.SKIP, every.missedTickBehavior(), "the default");
            long t0 = rt.blockOn(every.tick());
            advance(rt, 75 * MS); // misses the ticks at +20, +40, +60
            long late = rt.blockOn(every.tick());
            assertEquals(t0 + 75 * MS, now(rt), "an overdue tick is ready at once");
            assertTrue(late - t0 >= PERIOD && late - t0 <= 60 * MS && (late - t0) % PERIOD == 0,
                    "an overdue tick on the rhythm: +" + (late - t0) / MS + " ms");
            long next = rt.blockOn(every.tick());
            assertEquals(t0 + 80 * MS, next, "the first slot after the late tick, on the original rhythm");
            assertEquals(next, now(rt), "taken at its time, not earlier");
        }
    }

    @Test
    void burstCatchesUpWithOverdueTicks() {
        try (AsyncRuntime rt = paused()) {
            Interval every = rt.blockOn(inRuntime(
                    () -> Time.interval(Duration.ofNanos(PERIOD)).missedTickBehavior(MissedTickBehavior.BURST)));
            long t0 = rt.blockOn(every.tick());
            advance(rt, 75 * MS);
            for (int i = 1; i <= 3; i++) {
                assertEquals(t0 + i * PERIOD, rt.blockOn(every.tick()), "every missed tick is delivered");
                assertEquals(t0 + 75 * MS, now(rt), "and was already due: no waiting");
            }
            assertEquals(t0 + 4 * PERIOD, rt.blockOn(every.tick()), "then the rhythm goes on");
            assertEquals(t0 + 4 * PERIOD, now(rt));
        }
    }

    @Test
    void delayRestartsTheScheduleFromTheLateTick() {
        try (AsyncRuntime rt = paused()) {
            Interval every = rt.blockOn(inRuntime(
                    () -> Time.interval(Duration.ofNanos(PERIOD)).missedTickBehavior(MissedTickBehavior.DELAY)));
            long t0 = rt.blockOn(every.tick());
            advance(rt, 75 * MS);
            rt.blockOn(every.tick());
            assertEquals(t0 + 75 * MS, now(rt), "the late tick is ready at once");
            long next = rt.blockOn(every.tick());
            assertEquals(t0 + 95 * MS, next, "one period after the late tick was taken");
            assertEquals(next, now(rt));
        }
    }

    /** A current-thread runtime whose clock moves only when advanced or when every task waits for a timer. */
    private static AsyncRuntime paused() {
        return AsyncRuntime.builder().currentThread().startPaused(true).build();
    }

    private static long now(AsyncRuntime rt) {
        return rt.blockOn(cx -> Poll.ready(Time.now()));
    }

    private static void advance(AsyncRuntime rt, long nanos) {
        rt.blockOn(new Future<Void>() {
            private Future<Void> advance;

            @Override
            public Poll<Void> poll(Context cx) {
                if (advance == null) {
                    advance = Time.advance(Duration.ofNanos(nanos)); // on the runtime's thread: its clock
                }
                return advance.poll(cx);
            }
        });
    }

    /** Makes a value on the runtime's thread, where Time reads the runtime's (paused) clock. */
    private static <T> Future<T> inRuntime(Supplier<T> make) {
        return cx -> Poll.ready(make.get());
    }

    @Test
    void rejectsNonPositivePeriods() {
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ofMillis(-1)));
    }
}
