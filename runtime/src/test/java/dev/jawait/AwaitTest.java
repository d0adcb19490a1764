package dev.jawait;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TestFutures;
import java.io.IOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** await outside async code blocks the caller; on a runtime thread it refuses, helpfully. */
@Timeout(20)
class AwaitTest {

    @Test
    void blockingAwaitWaitsForAWakeFromAnotherThread() throws Exception {
        TestFutures.Trigger<String> trigger = new TestFutures.Trigger<>();
        Thread waiter = Thread.currentThread();
        Thread firer = new Thread(() -> {
            // Fire once the waiter has polled and gone to sleep (bounded; else fire anyway and
            // let the count below tell): fired earlier, the first poll would already be ready.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!(trigger.polls.get() > 0 && waiter.getState() == Thread.State.WAITING)
                    && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
            trigger.fire("late");
        });
        firer.start();
        assertEquals("late", await(trigger));
        firer.join();
        assertTrue(trigger.polls.get() >= 2 && trigger.polls.get() <= 3,
                "sleeps between polls, no busy spin: " + trigger.polls.get());
    }

    @Test
    void checkedFailuresAreRethrownAsIs() {
        IOException boom = new IOException("boom");
        TryFuture<Integer, IOException> failing = TryFuture.of(Future.failed(boom));
        IOException thrown = assertThrows(IOException.class, () -> await(failing));
        assertSame(boom, thrown);
        assertEquals(5, await(Future.ready(5)));
    }

    @Test
    void completionStagesAreAwaitedAndUnwrapped() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        new Thread(() -> cf.complete("stage")).start();
        assertEquals("stage", await(cf));
        IllegalArgumentException cause = new IllegalArgumentException("bad");
        CompletableFuture<String> failed = CompletableFuture.supplyAsync(() -> {
            throw cause;
        });
        assertSame(cause, assertThrows(IllegalArgumentException.class, () -> await(failed)));
    }

    @Test
    void interruptingABlockedAwaitCancelsTheFutureAndRunsItsFinally() throws Exception {
        TestFutures.Trigger<String> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<String> composite = new TestFutures.WithFinally<>(leaf);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                await(composite);
            } catch (Throwable e) {
                outcome.set(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        waiter.start();
        while (leaf.polls.get() == 0) {
            Thread.sleep(1);
        }
        waiter.interrupt();
        waiter.join(10_000);
        assertFalse(waiter.isAlive());
        assertTrue(outcome.get() instanceof CancellationException, String.valueOf(outcome.get()));
        assertTrue(composite.finallyRan.get());
        assertTrue(leaf.cancelled.get());
        assertTrue(stillInterrupted.get(), "interrupt status kept");
    }

    /** Stands in for a user class whose template method is called directly on a worker. */
    static final class Inner {
        static String template() {
            return await(Future.ready("never"));
        }
    }

    @Test
    void onAWorkerThreadAwaitNamesTheCompanionToCallInstead() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            Future<String> direct = cx -> Poll.ready(Inner.template());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(rt.spawn(direct)));
            assertTrue(e.getMessage().contains("await(AwaitTest_InnerAsync.template(...))"),
                    e.getMessage());
            Future<String> lambda = cx -> Poll.ready(await(Future.ready("x")));
            IllegalStateException e2 = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(rt.spawn(lambda)));
            assertTrue(e2.getMessage().contains(
                    "await(AwaitTestAsync.onAWorkerThreadAwaitNamesTheCompanionToCallInstead(...))"),
                    e2.getMessage());
        }
    }

    @Test
    void insideACurrentThreadBlockOnAwaitRefuses() {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            Future<String> f = cx -> Poll.ready(Inner.template());
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(f));
            assertTrue(e.getMessage().contains("AwaitTest_InnerAsync.template"), e.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(cx -> Poll.ready(rt.blockOn(Future.ready(1)))),
                    "nested blockOn");
        }
    }

    @Test
    void onABlockingPoolThreadAwaitMayBlock() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            TryFuture<String, Exception> f = rt.spawnBlocking(() -> await(rt.spawn(Future.ready("ok"))));
            assertEquals("ok", rt.blockOn(f));
        }
    }
}
