package dev.jawait.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.MiniExecutor;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Time.timeout: inner first, cancellation on expiry, composites drained, timer released. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TimeoutTest {
    private static final long MS = 1_000_000L;

    /** A leaf future that never completes and counts cancellations. */
    private static final class Never<T> implements Future<T> {
        final AtomicInteger cancels = new AtomicInteger();

        @Override
        public Poll<T> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public boolean cancel() {
            cancels.incrementAndGet();
            return false;
        }
    }

    /**
     * A composite that, once cancelled, needs two more polls to run its "finally" code and then
     * throws CancellationException — like a generated state machine.
     */
    private static final class Composite implements Future<String> {
        boolean cancelled;
        int cleanupPolls;
        boolean finallyRan;

        @Override
        public Poll<String> poll(Context cx) {
            if (!cancelled) {
                return Poll.pending();
            }
            if (++cleanupPolls < 3) {
                cx.waker().wake();
                return Poll.pending();
            }
            finallyRan = true;
            throw new CancellationException();
        }

        @Override
        public boolean cancel() {
            cancelled = true;
            return true;
        }
    }

    @Test
    void expiryCancelsALeafInnerAndThrowsTimeoutException() {
        try (MiniExecutor executor = new MiniExecutor()) {
            Never<String> inner = new Never<>();
            long start = System.nanoTime();
            assertThrows(TimeoutException.class,
                    () -> executor.blockOn(Time.timeout(Duration.ofMillis(30), inner)));
            assertTrue(System.nanoTime() - start >= 30 * MS);
            assertEquals(1, inner.cancels.get(), "the inner future was cancelled once");
            assertEquals(0, executor.driver().pendingTimers());
        }
    }

    @Test
    void expiryDrainsACompositeInnerBeforeThrowing() {
        try (MiniExecutor executor = new MiniExecutor()) {
            Composite inner = new Composite();
            TimeoutException e = assertThrows(TimeoutException.class,
                    () -> executor.blockOn(Time.timeout(Duration.ofMillis(10), inner)));
            assertTrue(inner.finallyRan, "the composite ran its finally code first");
            assertEquals(3, inner.cleanupPolls);
            assertEquals(0, e.getSuppressed().length, "the expected CancellationException is not noise");
        }
    }

    @Test
    void anInnerThatFinishesFirstWinsAndReleasesTheTimer() {
        try (MiniExecutor executor = new MiniExecutor()) {
            Future<Void> nap = Time.sleep(Duration.ofMillis(10));
            Future<Integer> inner = cx -> nap.poll(cx).isReady() ? Poll.ready(7) : Poll.pending();
            assertEquals(7, executor.blockOn(Time.timeout(Duration.ofSeconds(10), inner)));
            assertEquals(0, executor.driver().pendingTimers(), "the 10 s timer was removed");
            assertEquals("now", executor.blockOn(Time.timeout(Duration.ZERO, Future.ready("now"))),
                    "a ready inner wins even against a zero timeout");
        }
    }

    @Test
    void anInnerFailureIsRethrownAsIs() {
        try (MiniExecutor executor = new MiniExecutor()) {
            IOException boom = new IOException("boom");
            IOException e = assertThrows(IOException.class,
                    () -> executor.blockOn(Time.timeout(Duration.ofSeconds(10), Future.failed(boom))));
            assertTrue(e == boom);
            assertEquals(0, executor.driver().pendingTimers());
        }
    }

    @Test
    void cancellingTheTimeoutCancelsTimerAndInner() {
        try (MiniExecutor executor = new MiniExecutor();
                dev.jawait.runtime.driver.IoDriver.Scope scope = executor.driver().enter()) {
            Never<String> leaf = new Never<>();
            Future<String> timeout = Time.timeout(Duration.ofSeconds(10), leaf);
            assertTrue(timeout.poll(Context.of(() -> {})).isPending());
            assertEquals(1, executor.driver().pendingTimers());
            assertFalse(timeout.cancel(), "a leaf inner makes the timeout a leaf too");
            assertEquals(1, leaf.cancels.get());
            assertEquals(0, executor.driver().pendingTimers());

            Composite composite = new Composite();
            Future<String> outer = Time.timeout(Duration.ofSeconds(10), composite);
            assertTrue(outer.poll(Context.of(() -> {})).isPending());
            assertTrue(outer.cancel(), "a composite inner must be polled to completion");
            assertThrows(CancellationException.class, () -> executor.blockOn(outer));
            assertTrue(composite.finallyRan);
            assertEquals(0, executor.driver().pendingTimers());
        }
    }
}
