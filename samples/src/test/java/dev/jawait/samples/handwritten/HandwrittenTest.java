package dev.jawait.samples.handwritten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HandwrittenTest {

    @Test
    void writeWaitsForWritabilityAndDeliversEverything() throws Exception {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            int size = 8 << 20;
            long[] result = HandwrittenDemo.sendToSlowReader(runtime, size);
            assertEquals(size, result[0], "bytes written");
            assertTrue(result[1] > 0, "8 MiB to a slow reader must wait for writability at least once");
            assertEquals(size, result[2], "bytes the reader received");
        }
    }

    @Test
    void tickerCompletesOncePerPeriodWithoutDrift() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            long start = System.nanoTime();
            Ticker ticker = new Ticker(Duration.ofMillis(60));
            for (int i = 1; i <= 4; i++) {
                assertEquals(i, runtime.blockOn(ticker.tick()));
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMs >= 60L * i - 1, "tick " + i + " early: " + elapsedMs + " ms");
                assertTrue(elapsedMs < 60L * i + 1000, "tick " + i + " far too late: " + elapsedMs + " ms");
            }
        }
    }

    @Test
    void cancelledTickReleasesItsTimer() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            IoDriver driver = (IoDriver) runtime.driver();
            Ticker ticker = new Ticker(Duration.ofSeconds(60));
            assertThrows(TimeoutException.class,
                    () -> runtime.blockOn(Time.timeout(Duration.ofMillis(10), ticker.tick())));
            assertEquals(0, driver.pendingTimers());
        }
    }
}
