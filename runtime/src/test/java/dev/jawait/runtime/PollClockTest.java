package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The coarse poll clock: cheap reads, long polls never missed, short ones not timed. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PollClockTest {

    @Test
    void coarseClockMeasuresALongPollFromItsCoarseStart() throws Exception {
        PollClock clock = PollClock.start(Duration.ofMillis(100).toNanos(), "poll-clock-test");
        try {
            assertEquals(TimeUnit.MILLISECONDS.toNanos(10), clock.period());
            long start = clock.now();
            long preciseStart = System.nanoTime();
            Thread.sleep(150);
            long end = clock.now();
            long took = clock.pollDuration(start, end);
            long real = System.nanoTime() - preciseStart;
            assertTrue(took >= real, took + " < " + real); // never an under-estimate
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
