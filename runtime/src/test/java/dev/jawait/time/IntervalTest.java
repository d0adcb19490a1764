package dev.jawait.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.driver.MiniExecutor;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Interval: first tick immediate, then one per period; the three missed-tick policies. The
 * assertions bracket each tick between clock readings taken around it, so they hold however
 * loaded the machine is.
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

    @Test
    void skipKeepsTheRhythmAndDropsMissedTicks() throws Exception {
        try (MiniExecutor executor = new MiniExecutor()) {
            Interval every = Time.interval(Duration.ofNanos(PERIOD));
            assertEquals(MissedTickBehavior.SKIP, every.missedTickBehavior(), "the default");
            long t0 = executor.blockOn(every.tick());
            Thread.sleep(75); // miss ticks at +20, +40, +60
            long beforeLate = System.nanoTime();
            long late = executor.blockOn(every.tick());
            long afterLate = System.nanoTime();
            assertTrue(late <= beforeLate && (late - t0) % PERIOD == 0, "an overdue tick on the rhythm");
            long next = executor.blockOn(every.tick());
            assertEquals(0, (next - t0) % PERIOD, "still on the original rhythm");
            assertTrue(next > beforeLate && next <= afterLate + PERIOD, "the first slot after the late tick");
            assertTrue(next - t0 >= 4 * PERIOD, "missed ticks skipped");
        }
    }

    @Test
    void burstCatchesUpWithOverdueTicks() throws Exception {
        try (MiniExecutor executor = new MiniExecutor()) {
            Interval every = Time.interval(Duration.ofNanos(PERIOD)).missedTickBehavior(MissedTickBehavior.BURST);
            long t0 = executor.blockOn(every.tick());
            Thread.sleep(75);
            for (int i = 1; i <= 3; i++) {
                long asked = System.nanoTime();
                long scheduled = executor.blockOn(every.tick());
                assertEquals(t0 + i * PERIOD, scheduled, "every missed tick is delivered");
                assertTrue(scheduled <= asked, "and was already due: no waiting");
            }
        }
    }

    @Test
    void delayRestartsTheScheduleFromTheLateTick() throws Exception {
        try (MiniExecutor executor = new MiniExecutor()) {
            Interval every = Time.interval(Duration.ofNanos(PERIOD)).missedTickBehavior(MissedTickBehavior.DELAY);
            executor.blockOn(every.tick());
            Thread.sleep(75);
            long beforeLate = System.nanoTime();
            long late = executor.blockOn(every.tick());
            long afterLate = System.nanoTime();
            assertTrue(late <= beforeLate);
            long next = executor.blockOn(every.tick());
            assertTrue(next >= beforeLate + PERIOD && next <= afterLate + PERIOD,
                    "one period after the late tick was taken");
            assertTrue(System.nanoTime() >= next);
        }
    }

    @Test
    void rejectsNonPositivePeriods() {
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ofMillis(-1)));
    }
}
