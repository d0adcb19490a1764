package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.Task;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Task.spawnBlocking: an elastic pool that grows to its bound and shrinks when idle. */
@Timeout(30)
class BlockingPoolTest {

    @Test
    void growsToTheBoundQueuesTheRestAndRetiresIdleThreads() throws Exception {
        String prefix = "elastic";
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix(prefix)
                .blockingThreads(4).blockingKeepAlive(Duration.ofMillis(150)).build()) {
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger running = new AtomicInteger();
            AtomicInteger maxRunning = new AtomicInteger();
            List<Future<Integer>> jobs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int v = i;
                jobs.add(rt.spawnBlocking(() -> {
                    maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                    assertTrue(release.await(25, TimeUnit.SECONDS));
                    running.decrementAndGet();
                    return v;
                }));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (running.get() < 4 && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            assertEquals(4, rt.blockingThreadCount(), "grew to the bound");
            Thread.sleep(50);
            assertEquals(4, running.get(), "the other jobs wait in the queue");
            release.countDown();
            List<Integer> results = rt.blockOn(Futures.joinAll(jobs));
            assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), results);
            assertEquals(4, maxRunning.get());
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (rt.blockingThreadCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, rt.blockingThreadCount(), "idle threads retired after keep-alive");
            // And it grows again on demand.
            assertEquals("again", rt.blockOn(rt.spawnBlocking(() -> "again")));
        }
        assertEquals(java.util.Set.of(), ShutdownTest.threadsNamed(prefix));
    }

    @Test
    void failuresComeBackAsIsAndRunOffTheWorkers() {
        IOException boom = new IOException("disk on fire");
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            Future<String> thread = rt.spawn(Task.spawnBlocking(() -> Thread.currentThread().getName()));
            assertTrue(rt.blockOn(thread).contains("-blocking-"), "ran on a blocking thread");
            IOException thrown = assertThrows(IOException.class,
                    () -> rt.blockOn(rt.spawn(Task.spawnBlocking(() -> {
                        throw boom;
                    }))));
            assertSame(boom, thrown);
        }
    }

    @Test
    void outsideARuntimeSpawnBlockingRunsWhenAwaited() throws Exception {
        String name = dev.jawait.Await.await(Task.spawnBlocking(() -> Thread.currentThread().getName()));
        assertEquals(Thread.currentThread().getName(), name);
    }
}
