package dev.jawait.bench.debug;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.bench.runtime.Contexts;
import dev.jawait.internal.AsyncTraces;
import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The diagnostics-cost benchmarks measure what they say: a real three-deep failure, real round trips. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DiagnosticsCostBenchmarksTest {

    @Test
    void theChainFailsThreeAwaitsDownAndTheCallerCatchesIt() {
        // Caught: the message "deep failure" (12 chars); not failing: 0 + 1 + 1.
        assertEquals(12, FailingChainAsync.caller(Future.ready(1), false).poll(Contexts.NOOP).value());
        assertEquals(2, FailingChainAsync.caller(Future.ready(0), false).poll(Contexts.NOOP).value());
        int traceLength = FailingChainAsync.caller(Future.ready(1), true).poll(Contexts.NOOP).value();
        assertTrue(traceLength > 3, "a materialised trace: " + traceLength);
    }

    @Test
    void withTracesOnTheFailureCarriesTheThreeTemplateFramesInnermostFirst() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FailingChainAsync.first(Future.ready(1)).poll(Contexts.NOOP));
        StackTraceElement[] trace = e.getStackTrace();
        if (!AsyncTraces.ENABLED) {
            assertTrue(!AsyncTraces.isTemplateFrame(trace[0]), "traces off: no template frame");
            return;
        }
        String[] methods = {"third", "second", "first"};
        for (int i = 0; i < methods.length; i++) {
            assertTrue(AsyncTraces.isTemplateFrame(trace[i]), trace[i].toString());
            assertEquals(FailingChain.class.getName(), trace[i].getClassName());
            assertEquals(methods[i], trace[i].getMethodName());
            assertEquals("FailingChain.java", trace[i].getFileName());
        }
        assertTrue(!AsyncTraces.isTemplateFrame(trace[3]), "three frames, no more: " + trace[3]);
    }

    @Test
    void theClockedAndPlainYieldLoopsDoTheSameRoundTrips() {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            assertEquals(100, rt.blockOn(rt.spawn(ClockedYieldLoop.of(100, false))));
            assertEquals(100, rt.blockOn(rt.spawn(ClockedYieldLoop.of(100, true))));
        }
    }
}
