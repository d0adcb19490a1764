package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhCsvTest {
    @Test
    void keepsPrimaryScoresAndNormalisedAllocationOnly() {
        List<String> csv = List.of(
                "\"Benchmark\",\"Mode\",\"Threads\",\"Samples\",\"Score\",\"Score Error (99.9%)\",\"Unit\",\"Param: size\"",
                "\"dev.jawait.bench.runtime.AwaitReadyBenchmark.jawaitPolled\",\"avgt\",1,3,1.234500,0.1,\"ns/op\",64",
                "\"dev.jawait.bench.runtime.AwaitReadyBenchmark.jawaitPolled:gc.alloc.rate\",\"avgt\",1,3,0.5,NaN,\"MB/sec\",64",
                "\"dev.jawait.bench.runtime.AwaitReadyBenchmark.jawaitPolled:gc.alloc.rate.norm\",\"avgt\",1,3,0.048,0.001,\"B/op\",64",
                "\"dev.jawait.bench.runtime.AwaitReadyBenchmark.jawaitPolled:gc.count\",\"avgt\",1,3,NaN,NaN,\"counts\",64",
                "\"dev.jawait.bench.sync.MutexBenchmark.reentrantLock\",\"thrpt\",1,3,12345.0,1.0,\"ops/us\",");
        List<Measurement> rows = JmhCsv.convert(csv, 2, "jdk25");
        assertEquals(3, rows.size(), rows.toString());
        Measurement time = rows.get(0);
        assertEquals("AwaitReadyBenchmark[size=64]@jdk25", time.group());
        assertEquals("time", time.metric());
        assertEquals("jawaitPolled", time.subject());
        assertEquals(1.2345, time.value(), 1e-9);
        assertFalse(time.higherIsBetter());
        assertEquals("alloc", rows.get(1).metric());
        assertEquals(0.048, rows.get(1).value(), 1e-9);
        assertEquals("MutexBenchmark@jdk25", rows.get(2).group());
        assertEquals("throughput", rows.get(2).metric());
        assertEquals(2, rows.get(2).rep());
    }
}
