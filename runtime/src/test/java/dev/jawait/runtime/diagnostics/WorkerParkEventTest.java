package dev.jawait.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker with nothing to do sleeps, and says so to JFR: one dev.jawait.WorkerPark event per sleep. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkerParkEventTest {

    @Test
    void anIdleWorkerRecordsItsSleepWithItsIndex() throws Exception {
        BlockingQueue<RecordedEvent> parks = new ArrayBlockingQueue<>(1024);
        try (RecordingStream rs = new RecordingStream()) {
            // Kept after the action: by default the stream reuses one RecordedEvent per type, so
            // a kept one could show a later event's fields.
            rs.setReuse(false);
            rs.enable("dev.jawait.WorkerPark");
            rs.onEvent("dev.jawait.WorkerPark", parks::offer);
            rs.startAsync();
            long parksBefore;
            try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix("parking").build()) {
                parksBefore = rt.metrics().parks();
                // The only task sleeps 50 ms: its worker has nothing to run meanwhile and parks.
                rt.blockOn(rt.spawn(Time.sleep(Duration.ofMillis(50))));
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (rt.metrics().parks() <= parksBefore && System.nanoTime() < deadline) {
                    Thread.sleep(5); // on a loaded machine the worker may not have gone idle yet
                }
                assertTrue(rt.metrics().parks() > parksBefore, "the worker parked");
            }
            RecordedEvent park = parks.poll(20, TimeUnit.SECONDS);
            assertNotNull(park, "no dev.jawait.WorkerPark event");
            assertEquals(0, park.getInt("worker"), park.toString());
            assertEquals("parking-worker-1", park.getThread().getJavaName(), park.toString());
            assertTrue(!park.getDuration().isNegative(), park.toString());
        }
    }
}
