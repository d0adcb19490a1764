package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class JmhTargetFilterTest {
    private static final List<Target> TARGETS = ResultsTable.targets(List.of(
            "# comment",
            "4\tAwaitReadyBenchmark@jdk25\talloc\tjawaitPolled\t-\tvalue<=1\t0 B",
            "4\tAwaitReadyBenchmark@jdk17\talloc\tjawaitPolled\t-\tvalue<=1\t0 B on 17",
            "4\tYieldBenchmark@jdk25\ttime\tjawaitMultiThread\tvirtualThreadYield\tspeedup>=1\tyield",
            "9\tFailureTraceCostBenchmark[caught=read]@jdk25\ttime\tjawaitTracesOn\ttracesOff\tspeedup>=0.9\ttraces",
            "5\thttp-plain\trequests/s\tjawait\tnetty\tspeedup>=1\tnot a JMH row"));

    @Test
    void selectsExactlyTheSubjectsAndPeersOfOneJdk() {
        Pattern p = Pattern.compile(JmhTargetFilter.includeRegex(TARGETS, "jdk25"));
        // JMH matches the include pattern with find() against the full benchmark name.
        for (String wanted : List.of("runtime.AwaitReadyBenchmark.jawaitPolled", "runtime.YieldBenchmark.jawaitMultiThread",
                "runtime.YieldBenchmark.virtualThreadYield", "debug.FailureTraceCostBenchmark.jawaitTracesOn",
                "debug.FailureTraceCostBenchmark.tracesOff")) {
            assertTrue(p.matcher("dev.jawait.bench." + wanted).find(), wanted);
        }
        for (String unwanted : List.of("runtime.YieldBenchmark.jawaitCurrentThread", "runtime.AwaitReadyBenchmark.jawaitPolledTwice",
                "runtime.AwaitReadyBenchmark.jawaitHandWritten", "http.jawait")) {
            assertFalse(p.matcher("dev.jawait.bench." + unwanted).find(), unwanted);
        }
    }

    @Test
    void otherJdksGetOnlyTheirOwnRowsOrNothing() {
        assertEquals("dev\\.jawait\\.bench\\..*\\.(AwaitReadyBenchmark\\.jawaitPolled)$",
                JmhTargetFilter.includeRegex(TARGETS, "jdk17"));
        assertNull(JmhTargetFilter.includeRegex(TARGETS, "jdk21"));
    }
}
