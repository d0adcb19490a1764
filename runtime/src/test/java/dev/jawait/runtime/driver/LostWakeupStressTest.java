package dev.jawait.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Races that lose wake-ups in a naive reactor: interest armed, and timers inserted, by a thread
 * other than the one blocked in select, with the event arriving before, during or after the
 * arming. Every round must be woken; a lost wake-up shows as a round timing out.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class LostWakeupStressTest {

    @Test
    void readinessArmedFromAnotherThreadIsNeverLost() throws Exception {
        Pipe pipe = Pipe.open();
        AtomicBoolean stop = new AtomicBoolean();
        try (IoDriver driver = IoDriver.create()) {
            pipe.source().configureBlocking(false);
            Registration registration = driver.register(pipe.source());
            Thread parker = new Thread(() -> {
                while (!stop.get()) {
                    driver.park(Long.MAX_VALUE);
                }
            }, "stress-parker");
            Semaphore writeNow = new Semaphore(0);
            SplittableRandom random = new SplittableRandom(1);
            Thread writer = new Thread(() -> {
                try {
                    while (true) {
                        writeNow.acquire();
                        if (stop.get()) {
                            return;
                        }
                        pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, "stress-writer");
            parker.start();
            writer.start();
            ByteBuffer one = ByteBuffer.allocate(1);
            int rounds = 3_000;
            int spurious = 0;
            for (int i = 0; i < rounds; i++) {
                boolean writeFirst = random.nextBoolean();
                if (writeFirst) {
                    writeNow.release();
                    if (random.nextBoolean()) {
                        LockSupport.parkNanos(random.nextInt(20_000));
                    }
                }
                // The future's protocol: try, and arm only if it would block.
                if (pipe.source().read(one.clear()) == 1) {
                    continue;
                }
                // Wake-ups may be spurious (a readiness report for a byte already consumed on
                // the fast path), never lost: like a future, retry and re-arm until data comes.
                boolean released = writeFirst;
                while (true) {
                    CountDownLatch woken = new CountDownLatch(1);
                    registration.arm(SelectionKey.OP_READ, woken::countDown);
                    if (!released) {
                        writeNow.release();
                        released = true;
                    }
                    assertTrue(woken.await(10, TimeUnit.SECONDS), "round " + i + " lost its wake-up");
                    if (pipe.source().read(one.clear()) == 1) {
                        break;
                    }
                    spurious++;
                }
            }
            System.out.printf("readiness stress: %d rounds, %d spurious wake-ups%n", rounds, spurious);
            stop.set(true);
            writeNow.release();
            driver.unpark();
            parker.join(5_000);
            writer.join(5_000);
        } finally {
            stop.set(true);
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void timersInsertedFromAnotherThreadAlwaysFire() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        try (IoDriver driver = IoDriver.create()) {
            Thread parker = new Thread(() -> {
                while (!stop.get()) {
                    driver.park(Long.MAX_VALUE);
                }
            }, "stress-parker");
            parker.start();
            SplittableRandom random = new SplittableRandom(2);
            TimerEntry far = driver.newTimer();
            far.arm(System.nanoTime() + 3_600_000_000_000L, () -> {}); // the parker sleeps long
            for (int i = 0; i < 1_500; i++) {
                CountDownLatch fired = new CountDownLatch(1);
                long deadline = System.nanoTime() + random.nextInt(1_500_000);
                if (driver.newTimer().arm(deadline, fired::countDown)) {
                    continue; // already due: the caller completes at once
                }
                assertTrue(fired.await(10, TimeUnit.SECONDS), "timer " + i + " never fired");
                assertTrue(System.nanoTime() >= deadline);
            }
            far.cancel();
            assertEquals(0, driver.pendingTimers());
            stop.set(true);
            driver.unpark();
            parker.join(5_000);
        }
    }
}
