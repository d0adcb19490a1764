package dev.jawait.samples.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.CancellationToken;
import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Issue 20's scope cases with generated state machines: real try/catch/finally around awaits. */
@Timeout(60)
class ScopeTemplatesTest {

    @Test
    void oneFailingChildOfAThousandAbortsTheRestAndJoinWaitsForTheirFinally() {
        List<Throwable> unhandled = TestRuntimes.failureList();
        try (AsyncRuntime rt = TestRuntimes.twoWorkers(unhandled)) {
            int baseline = rt.liveTaskCount();
            ScopeTemplates.Counters c = new ScopeTemplates.Counters();
            IOException e = assertThrows(IOException.class, () -> rt.blockOn(rt.spawn(ScopeTemplatesAsync.fanOut(c))));
            assertTrue(e.getMessage().startsWith("boom after 10 ms"), e.getMessage());
            assertEquals(999, c.sawCancel.get());
            assertEquals(999, c.finallyDoneWhenJoinFailed);
            assertEquals(baseline, rt.liveTaskCount());
        }
        assertEquals(List.of(), unhandled);
    }

    @Test
    void abortingTheRootOfThreeNestedScopesAbortsEveryDescendant() throws InterruptedException {
        List<Throwable> unhandled = TestRuntimes.failureList();
        try (AsyncRuntime rt = TestRuntimes.twoWorkers(unhandled)) {
            int baseline = rt.liveTaskCount();
            ScopeTemplates.Counters c = new ScopeTemplates.Counters();
            JoinHandle<Void> root = rt.spawn(ScopeTemplatesAsync.tree(3, 3, c));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (rt.liveTaskCount() != baseline + 1 + 3 + 9 + 27 || rt.metrics().timersPending() < 27) {
                assertTrue(System.nanoTime() < deadline, "the tree never grew: " + rt.dumpTasks());
                Thread.sleep(1);
            }
            String dump = rt.dumpTasks();
            assertTrue(dump.contains("TaskScope.join") && dump.contains("child of task"), dump);
            root.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(root));
            assertEquals(baseline, rt.liveTaskCount(), "every descendant was gone before the root completed");
            assertEquals(27, c.sawCancel.get());
            assertEquals(27, c.finallyDone.get());
        }
        assertEquals(List.of(), unhandled);
    }

    @Test
    void taskLocalsReachScopeChildrenAndATokenStopsAnAwait() {
        try (AsyncRuntime rt = TestRuntimes.twoWorkers(TestRuntimes.failureList())) {
            CancellationToken stop = new CancellationToken();
            JoinHandle<String> h = rt.spawn(ScopeTemplates.REQUEST.scope("req-42",
                    ScopeTemplatesAsync.requestIdAfterAwaits(stop)));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (rt.metrics().timersPending() == 0 || h.isFinished()) {
                assertTrue(System.nanoTime() < deadline && !h.isFinished(), "never waited on the token");
                Thread.onSpinWait();
            }
            stop.cancel();
            assertEquals("req-42 stopped, child req-42", rt.blockOn(h));
        }
    }
}
