package dev.jawait.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** {@link AsyncTest}: a fresh paused runtime per test, and a timeout that reports the live tasks. */
class AsyncTestTest {
    @AsyncTest
    void anHourOfTimersRunsOnPausedTime(AsyncRuntime rt) {
        assertTrue(rt.workerThreads() == 0, "current-thread by default");
        List<String> seen = rt.blockOn(ScenariosAsync.anHourOfTimers());
        assertEquals(List.of("slept 60 min", "timed out at 3630 s", "60 ticks over 59 min"), seen);
    }

    @AsyncTest(flavor = Flavor.MULTI_THREAD, workers = 2)
    void aMultiThreadRuntimeOnPausedTimeToo(AsyncRuntime rt) {
        assertEquals(2, rt.workerThreads());
        List<String> seen = rt.blockOn(rt.spawn(ScenariosAsync.anHourOfTimers()));
        assertEquals(List.of("slept 60 min", "timed out at 3630 s", "60 ticks over 59 min"), seen);
    }

    @AsyncTest(startPaused = false)
    void realTimeWhenAsked(AsyncRuntime rt) {
        long start = System.nanoTime();
        rt.blockOn(Time.sleep(Duration.ofMillis(30)));
        assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos(), "a real sleep waits");
    }

    static volatile boolean fixtureEnabled;

    static boolean fixtureEnabled() {
        return fixtureEnabled;
    }

    /** Run only by {@link #aHungTestFailsAtItsTimeoutNamingWhereEachTaskWaits} through the test kit. */
    @EnabledIf("dev.jawait.test.AsyncTestTest#fixtureEnabled")
    static class HungFixture {
        @AsyncTest(timeoutMillis = 300)
        void hangs(AsyncRuntime rt) {
            rt.spawn(ScenariosAsync.waitForever(Scenarios.neverReady())); // a live task
            rt.blockOn(ScenariosAsync.waitForever(Scenarios.neverReady())); // and the test's own thread
        }
    }

    @Test
    void aHungTestFailsAtItsTimeoutNamingWhereEachTaskWaits() throws Exception {
        // The fixture's 300 ms count from the start of its method: a loaded machine may keep its
        // thread from spawning the task and entering blockOn that long, and the dump then shows
        // a task never polled or no blockOn. Run again (bounded) in that case only; where a
        // reached hang waits is checked below whatever the attempt.
        String message = hungFixtureFailure();
        for (int attempt = 2; attempt <= 5 && !reachedItsHang(message); attempt++) {
            message = hungFixtureFailure();
        }
        assertTrue(message.contains("timed out after 300 ms"), message);
        String where = "Scenarios.waitForever suspended at Scenarios.java:" + lineOf("HANG-MARKER");
        assertTrue(message.contains("1 live task\ntask "), message);
        assertTrue(message.contains("blockOn in thread "), message);
        assertEquals(2, message.split(java.util.regex.Pattern.quote(where), -1).length - 1,
                "the task and the blockOn both wait at " + where + ":\n" + message);
    }

    /** Runs {@link HungFixture} through the test kit: it must fail; returns its failure's message. */
    private static String hungFixtureFailure() {
        fixtureEnabled = true;
        EngineExecutionResults results;
        try {
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(HungFixture.class)).execute();
        } finally {
            fixtureEnabled = false;
        }
        results.testEvents().assertStatistics(stats -> stats.started(1).failed(1));
        Event failed = results.testEvents().failed().stream().findFirst().orElseThrow();
        Throwable t = failed.getRequiredPayload(TestExecutionResult.class).getThrowable().orElseThrow();
        String message = t.getMessage();
        assertNotNull(message);
        return message;
    }

    /** Whether the dump in {@code message} was taken once the task had been polled and blockOn entered. */
    private static boolean reachedItsHang(String message) {
        return message.contains("1 live task\ntask ") && !message.contains("never polled")
                && message.contains("blockOn in thread ");
    }

    private static int lineOf(String marker) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("src/test/java/dev/jawait/test/Scenarios.java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError("no " + marker);
    }
}
