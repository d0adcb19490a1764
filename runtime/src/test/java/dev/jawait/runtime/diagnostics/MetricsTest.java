package dev.jawait.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.RuntimeMetrics;
import dev.jawait.time.Time;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** metrics() counts a known workload exactly once the runtime is quiet. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class MetricsTest {
    private static final int TASKS = 200;
    private static final int YIELDS = 4;
    /**
     * Long-poll detection measures wall-clock time: with the default 100 ms, a loaded machine
     * that deschedules a worker mid-poll makes a long poll of a fast one (seen in a CI run). An
     * hour keeps "no long poll" a fact about the workload, not about the machine.
     */
    private static final Duration NO_LONG_POLLS = Duration.ofHours(1);

    private static void runWorkload(AsyncRuntime rt) {
        List<dev.jawait.Future<Integer>> handles = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            handles.add(rt.spawn(new Yielding(YIELDS)));
        }
        List<Integer> results = rt.blockOn(Futures.joinAll(handles));
        assertEquals(TASKS, results.size());
        results.forEach(r -> assertEquals(YIELDS + 1, r));
    }

    private static void assertWorkloadCounted(RuntimeMetrics m) {
        assertEquals(TASKS, m.tasksSpawned(), m.toString());
        assertEquals(TASKS, m.tasksCompleted(), m.toString());
        assertEquals(0, m.tasksAlive(), m.toString());
        assertEquals((long) TASKS * (YIELDS + 1), m.polls(), m.toString());
        assertEquals(0, m.longPolls(), m.toString());
        assertEquals(0, m.localQueueDepth(), m.toString());
        assertEquals(0, m.globalQueueDepth(), m.toString());
    }

    @Test
    void multiThreadRuntimeCountsSpawnsPollsAndCompletions() throws InterruptedException {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).longPollThreshold(NO_LONG_POLLS).build()) {
            RuntimeMetrics before = rt.metrics();
            assertEquals(2, before.workers());
            assertEquals(0, before.tasksSpawned());
            assertEquals(0, before.polls());
            runWorkload(rt);
            assertWorkloadCounted(rt.metrics());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (rt.metrics().parks() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(5); // on a loaded machine a worker may not have gone idle yet
            }
            assertTrue(rt.metrics().parks() > 0, "idle workers parked at least once");
        }
    }

    @Test
    void currentThreadRuntimeCountsTheSame() {
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().longPollThreshold(NO_LONG_POLLS).build()) {
            runWorkload(rt);
            RuntimeMetrics m = rt.metrics();
            assertWorkloadCounted(m);
            assertEquals(0, m.workers());
            assertEquals(0, m.steals());
        }
    }

    @Test
    void liveTasksTimersAndBlockingThreadsAreVisible() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            List<JoinHandle<Void>> sleepers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                sleepers.add(rt.spawn(Time.sleep(Duration.ofSeconds(30))));
            }
            CountDownLatch release = new CountDownLatch(1);
            var blocking = rt.spawnBlocking(() -> release.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            RuntimeMetrics m = rt.metrics();
            while ((m.timersPending() < 3 || m.blockingThreads() < 1) && System.nanoTime() < deadline) {
                Thread.sleep(5);
                m = rt.metrics();
            }
            assertEquals(3, m.tasksSpawned());
            assertEquals(3, m.tasksAlive());
            assertEquals(0, m.tasksCompleted());
            assertEquals(3, m.timersPending());
            assertEquals(1, m.blockingThreads());
            sleepers.forEach(JoinHandle::abort);
            release.countDown();
            assertEquals(true, rt.blockOn(blocking));
            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (rt.metrics().tasksAlive() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            RuntimeMetrics after = rt.metrics();
            assertEquals(0, after.tasksAlive());
            assertEquals(3, after.tasksCompleted());
            assertEquals(0, after.timersPending(), "aborted sleeps release their timers");
        }
    }

    @Test
    void readinessEventsTheReactorDispatchesAreCounted() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build();
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0));
                SocketChannel client = SocketChannel.open(listener.localAddress());
                TcpStream server = rt.blockOn(listener.accept())) {
            long eventsBefore = rt.metrics().ioEvents();
            // The data must come after the read found the socket empty and armed its interest:
            // sent earlier, the read takes it on its fast path and the selector reports nothing.
            // (The poll counter moves before the poll runs, so it cannot tell.)
            Future<Integer> socketRead = server.read(ByteBuffer.allocate(8));
            CountDownLatch armed = new CountDownLatch(1);
            JoinHandle<Integer> read = rt.spawn(cx -> {
                Poll<Integer> p = socketRead.poll(cx);
                if (p.isPending()) {
                    armed.countDown();
                }
                return p;
            });
            assertTrue(armed.await(20, TimeUnit.SECONDS), "the read never waited for the selector");
            client.write(ByteBuffer.wrap(new byte[] {1, 2, 3}));
            assertEquals(3, rt.blockOn(read));
            assertTrue(rt.metrics().ioEvents() > eventsBefore, rt.metrics().toString());
        }
    }
}
