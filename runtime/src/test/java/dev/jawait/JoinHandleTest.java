package dev.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TestFutures;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JoinHandle outcomes, abort, cancel (stop waiting), unhandled failures, Task.spawn rules. */
@Timeout(20)
class JoinHandleTest {

    @Test
    void failuresNobodyAwaitsGoToTheHandlerAwaitedOnesDoNot() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IOException lost = new IOException("lost");
        IOException seen = new IOException("seen");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                .unhandledFailureHandler(reported::add).build()) {
            JoinHandle<Object> dropped = rt.spawn(Future.failed(lost));
            FuturesTest.waitUntil(dropped::isFinished);
            TestFutures.Trigger<Integer> gate = new TestFutures.Trigger<>();
            JoinHandle<Integer> awaited = rt.spawn(gate.map(x -> {
                throw Failures.sneaky(seen);
            }));
            Thread firer = new Thread(() -> {
                FuturesTest.waitUntil(() -> gate.polls.get() > 0);
                gate.fire(1);
            });
            firer.start();
            assertSame(seen, assertThrows(IOException.class, () -> rt.blockOn(awaited)));
            TestFutures.Trigger<Integer> forever = new TestFutures.Trigger<>();
            JoinHandle<Integer> aborted = rt.spawn(forever);
            aborted.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(aborted));
        }
        assertEquals(List.of(lost), reported);
    }

    @Test
    void cancellingTheAwaiterDoesNotAbortTheTask() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            TestFutures.Trigger<String> gate = new TestFutures.Trigger<>();
            JoinHandle<String> task = rt.spawn(gate);
            // An awaiting task that is aborted while waiting on the handle.
            JoinHandle<String> awaiter = rt.spawn(task);
            FuturesTest.waitUntil(() -> gate.polls.get() > 0);
            awaiter.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(awaiter));
            assertFalse(task.isFinished());
            assertFalse(task.cancel(), "JoinHandle.cancel() is a leaf cancel: returns false");
            gate.fire("still ran");
            assertEquals("still ran", rt.blockOn(task));
            assertFalse(gate.cancelled.get());
        }
    }

    @Test
    void abortAfterCompletionIsANoOp() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            JoinHandle<Integer> h = rt.spawn(Future.ready(7));
            FuturesTest.waitUntil(h::isFinished);
            h.abort();
            assertEquals(7, rt.blockOn(h));
        }
    }

    @Test
    void abortBeforeTheFirstPollNeverRunsTheFuture() {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            TestFutures.Trigger<Integer> f = new TestFutures.Trigger<>();
            JoinHandle<Integer> h = rt.spawn(f);
            h.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(h));
            assertEquals(0, f.polls.get());
            assertTrue(f.cancelled.get(), "its cancel() still released what it held");
        }
    }

    @Test
    void taskSpawnNeedsARuntime() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Task.spawn(Future.ready(1)));
        assertTrue(e.getMessage().contains("runtime"));
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            // Inside blockOn of a current-thread runtime, spawned tasks run on the same thread.
            Thread me = Thread.currentThread();
            Future<Boolean> sameThread = Future.ready(0)
                    .flatMap(x -> Task.spawn(Future.ready(0).map(y -> Thread.currentThread() == me)));
            assertTrue(rt.blockOn(sameThread));
            assertSame(null, AsyncRuntime.currentOrNull());
            assertSame(rt, rt.blockOn(cx -> Poll.ready(AsyncRuntime.currentOrNull())));
        }
    }

    @Test
    void currentThreadRuntimeIsWokenFromOtherThreads() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            TestFutures.Trigger<String> gate = new TestFutures.Trigger<>();
            JoinHandle<String> h = rt.spawn(gate.map(s -> s + "!"));
            Thread firer = new Thread(() -> {
                FuturesTest.waitUntil(() -> gate.polls.get() > 0);
                gate.fire("woken");
            });
            firer.start();
            assertEquals("woken!", rt.blockOn(h));
            firer.join();
        }
    }

    @Test
    void aFailureWhoseHandleIsDroppedIsReportedWithoutWaitingForClose() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IllegalStateException lost = new IllegalStateException("dropped on the floor");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                .unhandledFailureHandler(reported::add).build()) {
            spawnAndDrop(rt, lost);
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (reported.isEmpty() && System.nanoTime() < deadline) {
                System.gc();
                rt.blockOn(rt.spawn(Task.yieldNow())); // the worker looks between tasks
                Thread.onSpinWait();
            }
            assertEquals(List.of(lost), reported, "reported once the handle was collected");
        }
        assertEquals(1, reported.size(), "and not again at close");
    }

    @Test
    void aFailureReadAfterItHappenedIsRethrownEveryTimeAndNotReported() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IOException late = new IOException("read late");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                .unhandledFailureHandler(reported::add).build()) {
            JoinHandle<Object> h = rt.spawn(Future.failed(late));
            FuturesTest.waitUntil(h::isFinished); // failed while nobody awaited it: tracked
            assertSame(late, assertThrows(IOException.class, () -> rt.blockOn(h)));
            assertSame(late, assertThrows(IOException.class, () -> rt.blockOn(h)), "read again");
        }
        assertEquals(List.of(), reported, "the handle read it, so nothing is unhandled");
    }

    @Test
    void aThrowableReturnedAsTheResultIsAValueNotAFailure() {
        List<Throwable> reported = new CopyOnWriteArrayList<>();
        IOException result = new IOException("a result, not a failure");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                .unhandledFailureHandler(reported::add).build()) {
            JoinHandle<IOException> h = rt.spawn(Future.ready(result));
            FuturesTest.waitUntil(h::isFinished);
            assertSame(result, rt.blockOn(h));
        }
        assertEquals(List.of(), reported);
    }

    private static void spawnAndDrop(AsyncRuntime rt, Throwable failure) {
        JoinHandle<Object> h = rt.spawn(Future.failed(failure));
        FuturesTest.waitUntil(h::isFinished);
    }

    @Test
    void twoThreadsCanBlockOnOneCurrentThreadRuntime() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            TestFutures.Trigger<String> a = new TestFutures.Trigger<>();
            TestFutures.Trigger<String> b = new TestFutures.Trigger<>();
            JoinHandle<String> ha = rt.spawn(a.map(s -> s + "A"));
            JoinHandle<String> hb = rt.spawn(b.map(s -> s + "B"));
            java.util.concurrent.atomic.AtomicReference<String> other = new java.util.concurrent.atomic.AtomicReference<>();
            Thread t = new Thread(() -> other.set(rt.blockOn(hb)));
            t.start();
            Thread firer = new Thread(() -> {
                FuturesTest.waitUntil(() -> a.polls.get() > 0 && b.polls.get() > 0);
                b.fire("b");
                a.fire("a");
            });
            firer.start();
            assertEquals("aA", rt.blockOn(ha));
            t.join(10_000);
            firer.join(10_000);
            assertEquals("bB", other.get());
        }
    }

    @Test
    void rootOfAMultiThreadBlockOnCanSpawn() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            Future<String> root = Future.ready("x").flatMap(x -> Task.spawn(
                    Future.ready(0).map(y -> Thread.currentThread().getName())));
            assertTrue(rt.blockOn(root).contains("-worker-"), "spawned task runs on a worker");
        }
    }
}
