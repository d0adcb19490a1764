package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Many tasks, many wakers, racing aborts: nothing lost, nothing run twice. */
class SchedulerStressTest {

    /**
     * A task that spawns {@code total} children in batches (children spawned from a worker go
     * through the LIFO slot and local queue, and get stolen) and sums their results.
     */
    static final class SpawnAndSum implements Future<Long> {
        private final int total;
        private final int batch;
        private int spawned;
        private JoinHandle<Integer>[] handles;
        private int awaited;
        private int inBatch;
        private long sum;

        SpawnAndSum(int total, int batch) {
            this.total = total;
            this.batch = batch;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (handles == null) {
                    if (spawned == total) {
                        return Poll.ready(sum);
                    }
                    inBatch = Math.min(batch, total - spawned);
                    handles = new JoinHandle[inBatch];
                    for (int i = 0; i < inBatch; i++) {
                        int v = spawned + i;
                        handles[i] = Task.spawn(v % 3 == 0 ? Future.ready(v) : Task.yieldNow().map(x -> v));
                    }
                    spawned += inBatch;
                    awaited = 0;
                }
                while (awaited < inBatch) {
                    Poll<Integer> p = handles[awaited].poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    sum += p.value();
                    handles[awaited++] = null;
                }
                handles = null;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4})
    @Timeout(120)
    void aMillionTasksCompleteWithTheRightSum(int workers) {
        int n = 1_000_000;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(workers)
                .threadNamePrefix("stress" + workers).build()) {
            long sum = rt.blockOn(rt.spawn(new SpawnAndSum(n, 100_000)));
            assertEquals((long) n * (n - 1) / 2, sum);
            assertEquals(0, rt.liveTaskCount());
        }
    }

    @Test
    @Timeout(60)
    void tasksSpawnedFromOutsideAllComplete() {
        int n = 50_000;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            List<Future<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int v = i;
                hs.add(rt.spawn(Task.yieldNow().map(x -> v)));
            }
            List<Integer> all = rt.blockOn(Futures.joinAll(hs));
            long sum = 0;
            for (int v : all) {
                sum += v;
            }
            assertEquals((long) n * (n - 1) / 2, sum);
        }
    }

    @Test
    @Timeout(60)
    void wakeStormFromEightForeignThreadsLosesNoTask() throws Exception {
        int tasks = 2_000;
        int threads = 8;
        AtomicIntegerArray tokens = new AtomicIntegerArray(tasks);
        AtomicReferenceArray<Waker> wakers = new AtomicReferenceArray<>(tasks);
        CountDownLatch registered = new CountDownLatch(tasks);
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(4).build()) {
            List<Future<Integer>> handles = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                int id = i;
                handles.add(rt.spawn(new Future<Integer>() {
                    boolean first = true;

                    @Override
                    public Poll<Integer> poll(Context cx) {
                        if (first) {
                            first = false;
                            wakers.set(id, cx.waker());
                            registered.countDown();
                        }
                        return tokens.get(id) == threads ? Poll.ready(id) : Poll.pending();
                    }
                }));
            }
            assertTrue(registered.await(20, TimeUnit.SECONDS));
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Thread> storm = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 97;
                Thread th = new Thread(() -> {
                    try {
                        start.await();
                    } catch (Exception e) {
                        throw new AssertionError(e);
                    }
                    for (int k = 0; k < tasks; k++) {
                        int id = (k + offset) % tasks;
                        tokens.incrementAndGet(id);
                        wakers.get(id).wake();
                    }
                });
                th.start();
                storm.add(th);
            }
            for (Thread th : storm) {
                th.join();
            }
            List<Integer> ids = rt.blockOn(Futures.joinAll(handles));
            for (int i = 0; i < tasks; i++) {
                assertEquals(i, ids.get(i));
            }
        }
    }

    @Test
    @Timeout(60)
    void abortRacingCompletionHasExactlyOneOutcome() throws Exception {
        int rounds = 10_000;
        AtomicInteger unhandled = new AtomicInteger();
        int values = 0;
        int cancels = 0;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2)
                .unhandledFailureHandler(e -> unhandled.incrementAndGet()).build()) {
            Thread aborter;
            for (int r = 0; r < rounds; r++) {
                TestFutures.Trigger<Integer> trigger = new TestFutures.Trigger<>();
                JoinHandle<Integer> h = rt.spawn(trigger);
                CountDownLatch go = new CountDownLatch(1);
                aborter = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    h.abort();
                });
                if (r % 50 != 0) {
                    // Most rounds race on the same thread pair cheaply: abort from this thread.
                    trigger.fire(r);
                    h.abort();
                } else {
                    aborter.start();
                    go.countDown();
                    trigger.fire(r);
                    aborter.join();
                }
                boolean firstIsCancel;
                try {
                    int v = rt.blockOn(h);
                    assertEquals(r, v);
                    assertFalse(trigger.cancelled.get(), "a task that completed was cancelled");
                    values++;
                    firstIsCancel = false;
                } catch (CancellationException e) {
                    cancels++;
                    firstIsCancel = true;
                }
                assertTrue(h.isFinished());
                // One outcome: awaiting the finished handle again gives the same one.
                boolean secondIsCancel;
                try {
                    assertEquals(r, rt.blockOn(h));
                    secondIsCancel = false;
                } catch (CancellationException e) {
                    secondIsCancel = true;
                }
                assertEquals(firstIsCancel, secondIsCancel);
            }
            assertEquals(rounds, values + cancels);
            assertEquals(0, unhandled.get(), "aborts are not failures");
            assertEquals(0, rt.liveTaskCount());
        }
    }

    @Test
    @Timeout(30)
    void twoTasksPingPongingThroughTheLifoSlotDoNotStarveTheQueue() {
        AtomicBoolean stop = new AtomicBoolean();
        Waker[] wakers = new Waker[2];
        AtomicInteger bounces = new AtomicInteger();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            for (int i = 0; i < 2; i++) {
                int me = i;
                rt.spawn(cx -> {
                    wakers[me] = cx.waker();
                    if (stop.get()) {
                        return Poll.ready(null);
                    }
                    bounces.incrementAndGet();
                    Waker other = wakers[1 - me];
                    if (other != null) {
                        other.wake();
                    } else {
                        cx.waker().wake();
                    }
                    return Poll.pending();
                });
            }
            JoinHandle<String> victim = rt.spawn(Task.yieldNow().map(x -> "ran"));
            assertEquals("ran", rt.blockOn(victim));
            stop.set(true);
            for (Waker w : wakers) {
                w.wake();
            }
            assertTrue(bounces.get() > 0);
        }
    }

    @Test
    @Timeout(30)
    void aBusySelfWakingTaskDoesNotStarveOthers() {
        AtomicInteger spins = new AtomicInteger();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            JoinHandle<Void> busy = rt.spawn(TestFutures.spinForever(spins));
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int v = i;
                others.add(rt.spawn(Task.yieldNow().map(x -> v)));
            }
            assertEquals(100, rt.blockOn(Futures.joinAll(others)).size());
            busy.abort();
            assertInstanceOf(CancellationException.class, catchFailure(rt, busy));
            assertTrue(spins.get() > 0);
        }
    }

    static Throwable catchFailure(AsyncRuntime rt, Future<?> f) {
        try {
            rt.blockOn(f);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }
}
