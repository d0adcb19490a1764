package dev.jawait.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** The park/unpark protocol, timers bounding the park, and readiness dispatch. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class IoDriverTest {
    private static final long MS = 1_000_000L;

    /**
     * Waits (bounded) until {@code parker} is blocked in the selector's system call under
     * {@link IoDriver#park}: a started thread may not have got that far yet on a loaded machine.
     */
    private static void awaitBlockedInSelect(Thread parker) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!blockedInSelect(parker.getStackTrace())) {
            assertTrue(System.nanoTime() < deadline, "the parker never blocked in select");
            Thread.sleep(1);
        }
    }

    private static boolean blockedInSelect(StackTraceElement[] stack) {
        if (stack.length == 0 || !stack[0].isNativeMethod()) {
            return false;
        }
        for (StackTraceElement frame : stack) {
            if (frame.getClassName().equals(IoDriver.class.getName()) && frame.getMethodName().equals("park")) {
                return true;
            }
        }
        return false;
    }

    @org.junit.jupiter.api.BeforeAll
    static void startFallbackDriver() {
        // Process-wide and never closed by design: open its descriptors before any snapshot.
        IoDriver.current();
    }

    @Test
    void unparkBeforeParkMakesTheNextParkReturnAtOnceOnlyOnce() {
        int fds = Fds.count();
        try (IoDriver driver = IoDriver.create()) {
            driver.unpark();
            long start = System.nanoTime();
            driver.park(Long.MAX_VALUE);
            assertTrue(System.nanoTime() - start < 10_000 * MS, "an earlier unpark lets park return");
            start = System.nanoTime();
            driver.park(40 * MS);
            assertTrue(System.nanoTime() - start >= 39 * MS, "the unpark was consumed by one park");
        }
        Fds.assertBackTo(fds);
    }

    @Test
    void unparkFromAnotherThreadWakesABlockedPark() throws Exception {
        try (IoDriver driver = IoDriver.create()) {
            CountDownLatch returned = new CountDownLatch(1);
            Thread parker = new Thread(() -> {
                driver.park(Long.MAX_VALUE);
                returned.countDown();
            });
            parker.start();
            assertFalse(returned.await(50, TimeUnit.MILLISECONDS), "park blocks without events");
            awaitBlockedInSelect(parker); // the unpark must wake a blocked park, not precede it
            driver.unpark();
            assertTrue(returned.await(20, TimeUnit.SECONDS));
            parker.join(20_000);
        }
    }

    @Test
    void aTimerCutsAnIndefiniteParkShortAndIsFiredByIt() {
        try (IoDriver driver = IoDriver.create()) {
            AtomicInteger wakes = new AtomicInteger();
            long deadline = System.nanoTime() + 30 * MS;
            assertFalse(driver.newTimer().arm(deadline, wakes::incrementAndGet));
            while (wakes.get() == 0) {
                driver.park(Long.MAX_VALUE);
            }
            assertTrue(System.nanoTime() >= deadline);
            assertEquals(0, driver.pendingTimers());
        }
    }

    @Test
    void aTimerArmedFromAnotherThreadShortensACurrentPark() throws Exception {
        try (IoDriver driver = IoDriver.create()) {
            CountDownLatch fired = new CountDownLatch(1);
            Thread parker = new Thread(() -> {
                while (fired.getCount() > 0 && !driver.isClosed()) {
                    driver.park(Long.MAX_VALUE);
                }
            });
            parker.start();
            awaitBlockedInSelect(parker); // blocked with no deadline
            long start = System.nanoTime();
            driver.newTimer().arm(start + 20 * MS, fired::countDown);
            assertTrue(fired.await(20, TimeUnit.SECONDS));
            assertTrue(System.nanoTime() - start >= 20 * MS);
            parker.join(20_000);
            assertFalse(parker.isAlive());
        }
    }

    @Test
    void interestArmedFromAnotherThreadReachesAParkedSelector() throws Exception {
        int fds = Fds.count();
        Pipe pipe = Pipe.open();
        try (IoDriver driver = IoDriver.create()) {
            pipe.source().configureBlocking(false);
            Registration registration = driver.register(pipe.source());
            AtomicBoolean stop = new AtomicBoolean();
            Thread parker = new Thread(() -> {
                while (!stop.get()) {
                    driver.park(Long.MAX_VALUE);
                }
            });
            parker.start();
            awaitBlockedInSelect(parker); // blocked with no interest registered
            CountDownLatch readable = new CountDownLatch(1);
            registration.arm(SelectionKey.OP_READ, readable::countDown);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            assertTrue(readable.await(20, TimeUnit.SECONDS), "readiness dispatched to the waker");
            assertTrue((registration.readyOps() & SelectionKey.OP_READ) != 0, "readiness recorded");
            stop.set(true);
            driver.unpark();
            parker.join(5_000);
            registration.close();
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
        Fds.assertBackTo(fds);
    }

    @Test
    void readinessNobodyWaitsForStopsBeingReported() throws Exception {
        Pipe pipe = Pipe.open();
        try (IoDriver driver = IoDriver.create()) {
            pipe.source().configureBlocking(false);
            Registration registration = driver.register(pipe.source());
            AtomicInteger wakes = new AtomicInteger();
            registration.arm(SelectionKey.OP_READ, wakes::incrementAndGet);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            driver.park(1_000 * MS);
            assertEquals(1, wakes.get());
            // Data stays unread and nobody re-armed: a level-triggered selector would report it
            // forever; the driver must drop the interest instead of spinning.
            int parks = 0;
            long end = System.nanoTime() + 100 * MS;
            while (System.nanoTime() < end) {
                driver.park(20 * MS);
                parks++;
            }
            assertTrue(parks <= 8, "parks did not block: " + parks);
            assertEquals(1, wakes.get());
            // Re-arming after a would-block brings the (still pending) readiness back.
            registration.arm(SelectionKey.OP_READ, wakes::incrementAndGet);
            driver.park(1_000 * MS);
            assertEquals(2, wakes.get());
            registration.close();
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void pollReadyFollowsTheTokioProtocol() throws Exception {
        Pipe pipe = Pipe.open();
        try (IoDriver driver = IoDriver.create()) {
            pipe.source().configureBlocking(false);
            Registration registration = driver.register(pipe.source());
            AtomicInteger wakes = new AtomicInteger();
            dev.jawait.Context cx = dev.jawait.Context.of(wakes::incrementAndGet);
            assertFalse(registration.pollReady(SelectionKey.OP_READ, cx), "no readiness seen yet");
            pipe.sink().write(ByteBuffer.wrap(new byte[] {7}));
            driver.park(1_000 * MS);
            assertEquals(1, wakes.get());
            assertTrue(registration.pollReady(SelectionKey.OP_READ, cx));
            ByteBuffer buf = ByteBuffer.allocate(8);
            assertEquals(1, pipe.source().read(buf));
            assertEquals(0, pipe.source().read(buf));
            registration.clearReady(SelectionKey.OP_READ);
            assertFalse(registration.pollReady(SelectionKey.OP_READ, cx));
            registration.close();
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void closingTheDriverWakesWaitersAndFailsLaterUse() throws Exception {
        int fds = Fds.count();
        Pipe pipe = Pipe.open();
        try {
            pipe.source().configureBlocking(false);
            IoDriver driver = IoDriver.create();
            Registration registration = driver.register(pipe.source());
            AtomicInteger wakes = new AtomicInteger();
            registration.arm(SelectionKey.OP_READ, wakes::incrementAndGet);
            TimerEntry timer = driver.newTimer();
            timer.arm(System.nanoTime() + 60_000 * MS, wakes::incrementAndGet);
            driver.close();
            driver.close(); // idempotent
            assertEquals(2, wakes.get(), "the I/O waiter and the timer waiter were woken");
            assertTrue(timer.isDriverClosed());
            IOException e = assertThrows(IOException.class,
                    () -> registration.arm(SelectionKey.OP_READ, wakes::incrementAndGet));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IOException.class, () -> driver.register(pipe.sink()));
            assertThrows(IllegalStateException.class, () -> driver.newTimer().arm(System.nanoTime() + MS, () -> {}));
            long start = System.nanoTime();
            driver.park(Long.MAX_VALUE); // returns: a closed driver never blocks for long
            assertTrue(System.nanoTime() - start < 10_000 * MS);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
        Fds.assertBackTo(fds);
    }

    @Test
    void aChannelCanBeRegisteredAgainRightAfterItsRegistrationWasClosed() throws Exception {
        Pipe pipe = Pipe.open();
        try (IoDriver driver = IoDriver.create()) {
            pipe.source().configureBlocking(false);
            // Nobody parked: the closing thread flushes the cancelled key itself.
            for (int i = 0; i < 100; i++) {
                Registration registration = driver.register(pipe.source());
                registration.arm(SelectionKey.OP_READ, () -> {});
                registration.close();
                registration.releaseChannel();
            }
            // A thread parked in select: it must be woken to flush the key before re-registering.
            AtomicBoolean stop = new AtomicBoolean();
            Thread parker = new Thread(() -> {
                while (!stop.get()) {
                    driver.park(Long.MAX_VALUE);
                }
            });
            parker.start();
            for (int i = 0; i < 100; i++) {
                Registration registration = driver.register(pipe.source());
                registration.arm(SelectionKey.OP_READ, () -> {});
                registration.close();
            }
            CountDownLatch readable = new CountDownLatch(1);
            Registration last = driver.register(pipe.source());
            last.arm(SelectionKey.OP_READ, readable::countDown);
            pipe.sink().write(ByteBuffer.wrap(new byte[] {1}));
            assertTrue(readable.await(20, TimeUnit.SECONDS), "the new registration works");
            assertEquals(1, driver.openRegistrations());
            stop.set(true);
            driver.unpark();
            parker.join(5_000);
        } finally {
            pipe.source().close();
            pipe.sink().close();
        }
    }

    @Test
    void enteredDriverIsCurrentOnlyInsideTheScope() {
        try (IoDriver driver = IoDriver.create()) {
            try (IoDriver.Scope scope = driver.enter()) {
                assertTrue(IoDriver.current() == driver);
            }
            assertTrue(IoDriver.current() != driver);
        }
    }
}
