package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coarse poll clock: cheap reads, long polls never missed, short ones not timed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollClockTest {

    /**
     * Measured from the coarse start, a long poll is never under-estimated, as long as the ticker
     * was on time around that start. (When it was late, pollDuration counts from the late tick
     * instead, an under-estimate by design, rather than report a short poll as a long one.) On
     * a loaded machine the ticker can be late, so each attempt first checks that the tick after
     * its start came within two periods, and retries (bounded) otherwise.
     */
    @Test
    void coarseClockMeasuresALongPollFromItsCoarseStart() throws Exception {
        PollClock clock = PollClock.start(Duration.ofMillis(100).toNanos(), "poll-clock-test");
        try {
            long period = clock.period();
            assertEquals(TimeUnit.MILLISECONDS.toNanos(10), period);
            for (int attempt = 0; attempt < 20; attempt++) {
                long start = clock.now();
                long preciseStart = System.nanoTime();
                long deadline = preciseStart + TimeUnit.SECONDS.toNanos(10);
                while (clock.now() == start && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the next tick: did it come on time for this start?
                }
                if (System.nanoTime() - start > 2 * period) {
                    continue; // the ticker (or this thread) was late: pollDuration may start later
                }
                Thread.sleep(150);
                long end = clock.now();
                long real = System.nanoTime() - preciseStart; // read before pollDuration reads its own
                long took = clock.pollDuration(start, end);
                assertTrue(took >= real, took + " < " + real); // never an under-estimate
                return;
            }
            fail("the ticker was late around every one of 20 starts");
        } finally {
            clock.stop();
        }
    }

    @Test
    void aPollWithinOneTickIsNotTimedAtAll() {
        PollClock clock = PollClock.start(Duration.ofSeconds(10).toNanos(), "poll-clock-test");
        try {
            long start = clock.now();
            assertEquals(-1, clock.pollDuration(start, start));
        } finally {
            clock.stop();
        }
    }

    @Test
    void smallThresholdsAndNoRuntimeUseThePreciseClock() {
        PollClock clock = PollClock.start(TimeUnit.MILLISECONDS.toNanos(5), "unused");
        assertEquals(0, clock.period());
        long a = clock.now();
        long b = clock.now();
        assertTrue(b >= a);
        assertEquals(0, PollClock.precise().period());
        clock.stop();
    }

    @Test
    void stopJoinsTheTicker() {
        String name = "poll-clock-stop-test";
        PollClock clock = PollClock.start(Long.MAX_VALUE, name);
        assertTrue(ShutdownTest.threadsNamed(name).contains(name));
        clock.stop();
        assertTrue(ShutdownTest.threadsNamed(name).isEmpty());
    }
}
