package dev.jawait.samples.compound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CompoundTest {

    @Test
    void threeWaysGiveTheSameSum() {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build()) {
            int expected = 2 * 2 + 3 * 3 + 5 * 5;
            assertEquals(expected, runtime.blockOn(Compound.handWritten(
                    Compound.later(2, 30), Compound.later(3, 10), Compound.later(5, 20))));
            assertEquals(expected, runtime.blockOn(Compound.adapters(
                    Compound.later(2, 30), Compound.later(3, 10), Compound.later(5, 20))));
            assertEquals(expected, runtime.blockOn(CompoundAsync.inTurn(
                    Compound.later(2, 30), Compound.later(3, 10), Compound.later(5, 20))));
        }
    }

    @Test
    void handWrittenFutureReleasesItsTimersWhenCancelled() {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(1).build()) {
            IoDriver driver = (IoDriver) runtime.driver();
            assertThrows(TimeoutException.class, () -> runtime.blockOn(Time.timeout(Duration.ofMillis(20),
                    Compound.handWritten(Compound.later(1, 60_000), Compound.later(2, 60_000), Compound.later(3, 1)))));
            assertEquals(0, driver.pendingTimers(), "the pending children's timers were cancelled");
        }
    }
}
