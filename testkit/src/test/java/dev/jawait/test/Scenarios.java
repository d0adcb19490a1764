package dev.jawait.test;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.time.Interval;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/** The code under test in the kit's own tests, written as a user would write it. */
class Scenarios {
    /** An hour of sleep, a 30 s timeout, then 60 ticks of a one-minute interval. */
    @Async
    static List<String> anHourOfTimers() {
        List<String> seen = new ArrayList<>();
        long start = Time.now();
        await(Time.sleep(Duration.ofHours(1)));
        seen.add("slept " + minutesSince(start) + " min");
        try {
            await(Time.timeout(Duration.ofSeconds(30), neverReady()));
            seen.add("never ready was ready");
        } catch (TimeoutException e) {
            seen.add("timed out at " + Duration.ofNanos(Time.now() - start).toSeconds() + " s");
        }
        Interval every = Time.interval(Duration.ofMinutes(1));
        long first = await(every.tick());
        long last = first;
        for (int i = 1; i < 60; i++) {
            last = await(every.tick());
        }
        seen.add("60 ticks over " + Duration.ofNanos(last - first).toMinutes() + " min");
        return seen;
    }

    /** Sums 1..n, yielding to the runtime before each step and logging it. */
    @Async
    static int sumWithLog(EventLog log, int n) {
        int sum = 0;
        for (int i = 1; i <= n; i++) {
            await(Task.yieldNow());
            sum += i;
            log.record("step " + i + " sum " + sum);
        }
        if (sum > 1_000) {
            throw new IllegalStateException("too big: " + sum);
        }
        return sum;
    }

    /** A planted divergence: what it logs depends on the thread it runs on. */
    @Async
    static String whoRuns(EventLog log) {
        await(Task.yieldNow());
        log.record("ran on " + Thread.currentThread().getName());
        return "done";
    }

    /** Waits for a future that never completes. */
    @Async
    static void waitForever(Future<Void> never) {
        await(never); // HANG-MARKER
    }

    static Future<Void> neverReady() {
        return cx -> Poll.pending();
    }

    private static long minutesSince(long start) {
        return Duration.ofNanos(Time.now() - start).toMinutes();
    }
}
