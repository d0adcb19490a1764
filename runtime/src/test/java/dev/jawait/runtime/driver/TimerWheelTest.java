package dev.jawait.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wheel on a simulated clock: exact firing ticks across all levels, O(1) cancel. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TimerWheelTest {
    private static final long MS = 1_000_000L;
    private IoDriver driver;

    @BeforeEach
    void openDriver() {
        driver = IoDriver.create();
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    /** A timer plus what the test expects of it. */
    private static final class Probe {
        final TimerEntry entry;
        final long deadline;
        long firedAt = -1;
        int wakes;
        boolean cancelled;

        Probe(TimerEntry entry, long deadline) {
            this.entry = entry;
            this.deadline = deadline;
        }

        long dueTick() {
            return Math.floorDiv(deadline + MS - 1, MS);
        }
    }

    @Test
    void everyTimerFiresAtExactlyItsTickAcrossAllLevels() {
        SplittableRandom random = new SplittableRandom(42);
        TimerWheel wheel = new TimerWheel(0, driver);
        long[] clock = {0};
        List<Probe> probes = new ArrayList<>();
        long[] ranges = {100 * MS, 10_000 * MS, 3_600_000 * MS, 30L * 86_400_000 * MS};
        for (int step = 0; step < 4_000; step++) {
            for (int i = 0; i < 5; i++) {
                int r = random.nextInt(100);
                long range = ranges[r < 50 ? 0 : r < 80 ? 1 : r < 95 ? 2 : 3];
                long deadline = clock[0] + random.nextLong(range) + 1;
                TimerEntry entry = new TimerEntry(wheel);
                Probe probe = new Probe(entry, deadline);
                probes.add(probe);
                boolean due = entry.arm(deadline, () -> {
                    probe.wakes++;
                    probe.firedAt = clock[0];
                });
                assertFalse(due, "a future deadline is not due");
            }
            if (random.nextInt(10) == 0) {
                Probe victim = probes.get(random.nextInt(probes.size()));
                if (!victim.entry.isFired()) {
                    victim.entry.cancel();
                    victim.cancelled = true;
                }
            }
            // Mostly small steps, sometimes a long jump (a machine suspended, an idle hour).
            long advance = random.nextInt(50) == 0 ? random.nextLong(7_200_000 * MS) : random.nextLong(20 * MS);
            clock[0] += advance;
            checkNextDeadlineIsNotLate(wheel, probes, clock[0]);
            wheel.fireDue(clock[0]);
            checkFiredExactly(probes, clock[0]);
        }
        // Drain everything: jump a year ahead in big steps.
        for (int i = 0; i < 400; i++) {
            clock[0] += 86_400_000 * MS;
            wheel.fireDue(clock[0]);
            checkFiredExactly(probes, clock[0]);
        }
        assertEquals(0, wheel.pending());
        long fired = probes.stream().filter(p -> p.wakes == 1).count();
        long cancelled = probes.stream().filter(p -> p.cancelled).count();
        assertEquals(probes.size(), fired + cancelled, "every timer fired once or was cancelled");
    }

    private static void checkFiredExactly(List<Probe> probes, long now) {
        long nowTick = now / MS;
        for (Probe p : probes) {
            if (p.cancelled) {
                assertEquals(0, p.wakes, "a cancelled timer never fires");
                continue;
            }
            if (p.dueTick() <= nowTick) {
                assertEquals(1, p.wakes, "due timer fired exactly once");
                assertTrue(p.firedAt >= p.deadline, "never early");
                assertTrue(p.entry.isFired());
            } else {
                assertEquals(0, p.wakes, "timer not yet due must not fire");
            }
        }
    }

    /** The driver may sleep until prepareToPark's answer; that must not overshoot any timer. */
    private static void checkNextDeadlineIsNotLate(TimerWheel wheel, List<Probe> probes, long now) {
        long wait = wheel.prepareToPark(now);
        wheel.parked();
        long earliest = Long.MAX_VALUE;
        for (Probe p : probes) {
            if (!p.cancelled && p.wakes == 0) {
                earliest = Math.min(earliest, p.dueTick() * MS);
            }
        }
        if (earliest == Long.MAX_VALUE) {
            assertEquals(Long.MAX_VALUE, wait);
        } else {
            assertTrue(wait <= Math.max(0, earliest - now), "park wait " + wait + " overshoots " + (earliest - now));
        }
    }

    @Test
    void cancelReleasesTheSlotAtOnce() {
        TimerWheel wheel = new TimerWheel(0, driver);
        List<TimerEntry> entries = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            TimerEntry entry = new TimerEntry(wheel);
            entry.arm((i + 1) * 7 * MS, () -> { throw new AssertionError("cancelled timer fired"); });
            entries.add(entry);
        }
        assertEquals(1_000, wheel.pending());
        for (int i = 0; i < entries.size(); i += 2) {
            entries.get(i).cancel();
        }
        assertEquals(500, wheel.pending());
        entries.forEach(TimerEntry::cancel);
        entries.forEach(TimerEntry::cancel); // idempotent
        assertEquals(0, wheel.pending());
        assertEquals(Long.MAX_VALUE, wheel.prepareToPark(0));
        wheel.parked();
        wheel.fireDue(1_000_000 * MS);
    }

    @Test
    void rearmingMovesTheTimerAndPastDeadlinesAreDueAtOnce() {
        TimerWheel wheel = new TimerWheel(0, driver);
        int[] wakes = {0};
        TimerEntry entry = new TimerEntry(wheel);
        assertFalse(entry.arm(50 * MS, () -> wakes[0]++));
        assertFalse(entry.arm(10 * MS, () -> wakes[0]++));
        assertEquals(1, wheel.pending(), "re-arming replaces, never duplicates");
        wheel.fireDue(10 * MS - 1);
        assertEquals(0, wakes[0]);
        wheel.fireDue(10 * MS);
        assertEquals(1, wakes[0]);
        assertTrue(entry.isFired());
        // Now elapsed is 10 ms: a deadline at or before it is due immediately, without linking.
        assertTrue(entry.arm(3 * MS, () -> wakes[0]++));
        assertEquals(0, wheel.pending());
        assertEquals(1, wakes[0], "an immediately due arm does not call the waker");
    }

    @Test
    void closeWakesPendingTimersAndRefusesNewOnes() {
        TimerWheel wheel = new TimerWheel(0, driver);
        int[] wakes = {0};
        TimerEntry entry = new TimerEntry(wheel);
        entry.arm(5 * MS, () -> wakes[0]++);
        wheel.close();
        assertEquals(1, wakes[0]);
        assertTrue(entry.isDriverClosed());
        assertEquals(0, wheel.pending());
        assertThrows(IllegalStateException.class, () -> new TimerEntry(wheel).arm(9 * MS, () -> {}));
    }
}
