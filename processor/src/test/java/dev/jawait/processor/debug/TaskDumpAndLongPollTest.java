package dev.jawait.processor.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.processor.testing.Compiled;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.LongPoll;
import dev.jawait.runtime.TaskDump;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Hung tasks show up in dumps at their await lines; blocking polls are reported with their location. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskDumpAndLongPollTest {
    static final String H = """
            package demo;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;

            public class H {
                @Async
                static String outer(Future<String> never) {
                    String prefix = "got ";
                    return prefix + await(HAsync.inner(never)); // OUTER-AWAIT
                }

                @Async
                static String inner(Future<String> never) {
                    String first = await(Future.ready("x"));
                    return first + await(never); // INNER-AWAIT
                }

                @Async
                static String slow(Future<String> later) throws InterruptedException {
                    Thread.sleep(400);
                    return await(later); // SLOW-AWAIT
                }
            }
            """;
    static Compiled compiled;

    @BeforeAll
    static void compile() {
        compiled = Compiled.ok("demo.H", H);
    }

    /** Never ready; says so in dumps. */
    static final class NeverReady implements Future<String> {
        @Override
        public Poll<String> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public String toString() {
            return "NeverReady";
        }
    }

    @SuppressWarnings("unchecked")
    private static Future<String> call(String method, Future<String> arg) throws Throwable {
        return (Future<String>) compiled.call("demo.HAsync", method, arg);
    }

    private static TaskDump.Task awaitIdle(AsyncRuntime rt, long id) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            for (TaskDump.Task t : rt.taskDump().tasks()) {
                if (t.id() == id && t.state().equals("idle") && t.sinceLastPoll() != null) {
                    return t;
                }
            }
            Thread.sleep(5);
        }
        throw new AssertionError("task " + id + " never went idle:\n" + rt.dumpTasks());
    }

    @Test
    void hungTaskShowsItsAwaitChainAtTheRightLines() throws Throwable {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            JoinHandle<String> hung = rt.spawn(call("outer", new NeverReady()));
            TaskDump.Task t = awaitIdle(rt, 1);
            assertEquals(List.of(
                    "H.outer suspended at H.java:" + Sources.lineOf(H, "OUTER-AWAIT"),
                    "H.inner suspended at H.java:" + Sources.lineOf(H, "INNER-AWAIT"),
                    "NeverReady"), t.awaits());
            String text = rt.dumpTasks();
            assertTrue(text.startsWith("1 live task\ntask 1 idle, last polled "), text);
            assertTrue(text.contains("\n  H.outer suspended at H.java:" + Sources.lineOf(H, "OUTER-AWAIT")
                    + "\n    H.inner suspended at H.java:" + Sources.lineOf(H, "INNER-AWAIT")
                    + "\n      NeverReady\n"), text);
            hung.abort();
        }
    }

    @Test
    void blockingPollIsReportedWithTheLocationItStoppedAt() throws Throwable {
        List<LongPoll> reports = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix("dbg")
                .longPollThreshold(Duration.ofMillis(100)).longPollHandler(reports::add).build()) {
            JoinHandle<String> h = rt.spawn(call("slow", new NeverReady()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (reports.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(1, reports.size(), reports.toString());
            LongPoll p = reports.get(0);
            assertEquals(1, p.taskId());
            // At least the threshold, not the full 400 ms: a poll that starts while the runtime's
            // coarse clock ticks late (a loaded machine) is timed from the late tick.
            assertTrue(p.duration().toMillis() >= 100, p.toString());
            String where = "H.slow suspended at H.java:" + Sources.lineOf(H, "SLOW-AWAIT");
            assertEquals(where, p.location());
            assertEquals("dbg-worker-1", p.thread());
            assertTrue(p.message().matches("task 1 blocked worker dbg-worker-1 for \\d+ ms in "
                    + where.replace(".", "\\.")), p.message());
            assertEquals(1, rt.metrics().longPolls());
            h.abort();
        }
    }
}
