package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** close(): graceful, runs finally code of live tasks, and leaves no thread behind. */
@Timeout(30)
class ShutdownTest {

    static Set<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith(prefix))
                .collect(Collectors.toSet());
    }

    @Test
    void closeAbortsPendingTasksRunsTheirFinallyAndJoinsEveryThread() throws Exception {
        String prefix = "shutdown-mt";
        List<TestFutures.WithFinally<Integer>> composites = new ArrayList<>();
        List<TestFutures.Trigger<Integer>> leaves = new ArrayList<>();
        List<JoinHandle<Integer>> handles = new ArrayList<>();
        CountDownLatch blockingStarted = new CountDownLatch(1);
        AsyncRuntime rt = AsyncRuntime.builder().workerThreads(3).threadNamePrefix(prefix).build();
        for (int i = 0; i < 200; i++) {
            TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
            TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
            leaves.add(leaf);
            composites.add(composite);
            handles.add(rt.spawn(composite));
        }
        rt.spawnBlocking(() -> {
            blockingStarted.countDown();
            return null;
        });
        assertTrue(blockingStarted.await(20, TimeUnit.SECONDS));
        // Let every task reach its first await.
        while (leaves.stream().anyMatch(l -> l.polls.get() == 0)) {
            Thread.sleep(1);
        }
        assertTrue(threadsNamed(prefix).size() >= 3, "workers running: " + threadsNamed(prefix));
        rt.close();
        assertEquals(Set.of(), threadsNamed(prefix), "threads outlived close()");
        for (int i = 0; i < composites.size(); i++) {
            assertTrue(composites.get(i).finallyRan.get(), "finally of task " + i);
            assertTrue(leaves.get(i).cancelled.get(), "child of task " + i + " released");
            assertTrue(handles.get(i).isFinished());
            JoinHandle<Integer> h = handles.get(i);
            assertThrows(CancellationException.class,
                    () -> h.poll(Context.of(() -> {})));
        }
        assertThrows(IllegalStateException.class, () -> rt.spawn(Future.ready(1)));
        assertThrows(IllegalStateException.class, () -> rt.blockOn(Future.ready(1)));
        rt.close(); // idempotent
    }

    @Test
    void aDefaultRuntimeLeavesTheThreadSetAsItFoundIt() throws Exception {
        Set<String> before = threadsNamed("jawait");
        AsyncRuntime rt = AsyncRuntime.newMultiThread();
        assertEquals(Runtime.getRuntime().availableProcessors(), rt.workerThreads());
        CountDownLatch inBlocking = new CountDownLatch(1);
        rt.spawnBlocking(() -> {
            inBlocking.countDown();
            return 1;
        });
        rt.spawn(new TestFutures.WithFinally<>(new TestFutures.Trigger<Integer>()));
        assertTrue(inBlocking.await(20, TimeUnit.SECONDS));
        assertTrue(threadsNamed("jawait-worker").size() > 0);
        rt.close();
        assertEquals(before, threadsNamed("jawait"));
    }

    @Test
    void currentThreadRuntimeCloseRunsFinallyCode() {
        AsyncRuntime rt = AsyncRuntime.newCurrentThread();
        TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
        JoinHandle<Integer> h = rt.spawn(composite);
        rt.blockOn(Task.yieldNow()); // the task reaches its await
        assertEquals(1, leaf.polls.get());
        rt.close();
        assertTrue(composite.finallyRan.get());
        assertTrue(h.isFinished());
        assertThrows(IllegalStateException.class, () -> rt.spawn(Future.ready(1)));
    }

    @Test
    void aTaskThatIgnoresCancellationIsCutOffAfterTheShutdownTimeout() throws InterruptedException {
        String prefix = "stubborn";
        AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix(prefix)
                .shutdownTimeout(Duration.ofMillis(200)).build();
        JoinHandle<Void> h = rt.spawn(new Future<Void>() {
            @Override
            public Poll<Void> poll(Context cx) {
                return Poll.pending(); // never completes, even when cancelled
            }

            @Override
            public boolean cancel() {
                return true;
            }
        });
        rt.spawn(Task.yieldNow());
        long start = System.nanoTime();
        rt.close();
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(tookMs < 5_000, "close took " + tookMs + " ms");
        assertTrue(h.isFinished(), "the stubborn task is completed (cancelled) by close()");
        assertThrows(CancellationException.class, () -> h.poll(Context.of(() -> {})));
        // After a cut-off, close() gives the workers only a 500 ms grace to exit: on a loaded
        // machine one may be scheduled later than that. It must still end, soon (bounded).
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!threadsNamed(prefix).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(Set.of(), threadsNamed(prefix));
    }

    @Test
    void blockOnWaitingForATaskReturnsWhenCloseCancelsIt() throws Exception {
        AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build();
        JoinHandle<Integer> h = rt.spawn(new TestFutures.Trigger<>());
        // Close only once blockOn really waits: closed earlier, blockOn would refuse to start
        // (IllegalStateException) instead of being woken by the cancellation.
        CountDownLatch waiting = new CountDownLatch(1);
        Future<Integer> awaitH = cx -> {
            Poll<Integer> p = h.poll(cx);
            if (p.isPending()) {
                waiting.countDown();
            }
            return p;
        };
        Thread closer = new Thread(() -> {
            try {
                if (waiting.await(20, TimeUnit.SECONDS)) {
                    rt.close();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        closer.start();
        try {
            assertThrows(CancellationException.class, () -> rt.blockOn(awaitH));
        } finally {
            closer.join();
            rt.close();
        }
    }

    @Test
    void aTaskInterruptingItsWorkerDoesNotBreakTheRuntime() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            rt.blockOn(rt.spawn(cx -> {
                Thread.currentThread().interrupt();
                return Poll.ready(null);
            }));
            TestFutures.Trigger<String> later = new TestFutures.Trigger<>();
            JoinHandle<String> h = rt.spawn(later);
            new Thread(() -> {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    return;
                }
                later.fire("still works");
            }).start();
            assertEquals("still works", rt.blockOn(h));
        }
    }

    @Test
    void closeFromInsideATaskIsRefused() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            Future<String> f = cx -> {
                try {
                    rt.close();
                    return Poll.ready("closed?!");
                } catch (IllegalStateException e) {
                    return Poll.ready("refused");
                }
            };
            assertEquals("refused", rt.blockOn(rt.spawn(f)));
        }
    }
}
