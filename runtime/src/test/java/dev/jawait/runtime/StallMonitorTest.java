package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks queued on a worker that is stuck in one poll are run by the other workers: the task it
 * woke last (its LIFO slot, which no stealer takes) and the tasks it spawned (its local queue).
 * The stuck poll waits for them, bounded, so without the hand-off it would time out instead.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class StallMonitorTest {
    private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(20);

    /** Pending until woken once, then records that it ran. */
    static final class WaitsForOneWake implements Future<Void> {
        final AtomicReference<Waker> waker = new AtomicReference<>();
        final CountDownLatch ran = new CountDownLatch(1);

        @Override
        public Poll<Void> poll(Context cx) {
            if (waker.get() == null) {
                waker.set(cx.waker());
                return Poll.pending();
            }
            ran.countDown();
            return Poll.ready(null);
        }
    }

    @RepeatedTest(3)
    void theTaskAStuckWorkerWokeLastRunsElsewhere() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).longPollHandler(p -> { }).build()) {
            WaitsForOneWake woken = new WaitsForOneWake();
            JoinHandle<Void> wokenTask = rt.spawn(woken);
            long deadline = System.nanoTime() + BOUND_NANOS;
            while (woken.waker.get() == null) {
                assertTrue(System.nanoTime() < deadline, "the woken task never parked");
                Thread.sleep(1);
            }
            // Wakes the parked task from its worker (into that worker's LIFO slot), then hogs
            // the worker until the woken task has run somewhere else.
            JoinHandle<Boolean> hog = rt.spawn(cx -> {
                woken.waker.get().wake();
                return Poll.ready(awaitLatch(woken.ran));
            });
            assertTrue(rt.blockOn(hog), "the woken task did not run while its waker's worker was stuck");
            rt.blockOn(wokenTask);
            assertTrue(rt.stalls() >= 1, "stalls " + rt.stalls());
        }
    }

    @Test
    void tasksSpawnedByAStuckWorkerRunElsewhere() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).longPollHandler(p -> { }).build()) {
            int children = 50;
            CountDownLatch allRan = new CountDownLatch(children);
            AtomicInteger ran = new AtomicInteger();
            List<JoinHandle<Void>> handles = new ArrayList<>();
            JoinHandle<Boolean> hog = rt.spawn(cx -> {
                for (int i = 0; i < children; i++) {
                    handles.add(Task.spawn(Future.<Void>ready(null).map(v -> {
                        ran.incrementAndGet();
                        allRan.countDown();
                        return null;
                    })));
                }
                return Poll.ready(awaitLatch(allRan));
            });
            assertTrue(rt.blockOn(hog), "the children did not all run while their spawner's worker was stuck");
            for (JoinHandle<Void> h : handles) {
                rt.blockOn(h);
            }
            assertEquals(children, ran.get());
        }
    }

    /** Blocks the calling worker until the latch opens (true) or the bound passes (false). */
    private static boolean awaitLatch(CountDownLatch latch) {
        try {
            return latch.await(BOUND_NANOS, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
