package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.MachineLoad;
import dev.jawait.time.Interval;
import dev.jawait.time.Time;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One task that hogs a worker of a two-worker runtime (a CPU loop, {@code Thread.sleep}, a
 * blocking socket read) must not stop I/O, timers or the other tasks: while it runs, an accept
 * loop takes 100 new connections, each echoes round after round, and a 10 ms interval keeps
 * ticking.
 *
 * <p>The hog is woken by a timer, so it runs on the worker that was waiting in the driver, and
 * that worker leaves the driver to run it: the case in which, without the runtime's stall
 * monitor, nobody polls the selector or the timers until the hog returns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StalledWorkerTest {
    private static final int CONNECTIONS = 100;
    private static final Duration PERIOD = Duration.ofMillis(10);

    enum Hog {
        CPU_LOOP(Duration.ofSeconds(5)),
        THREAD_SLEEP(Duration.ofSeconds(2)),
        BLOCKING_SOCKET_READ(Duration.ofSeconds(2));

        final Duration length;

        Hog(Duration length) {
            this.length = length;
        }
    }

    @ParameterizedTest
    @EnumSource(Hog.class)
    void oneHoggedWorkerLeavesIoTimersAndOtherTasksServed(Hog hog) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).longPollHandler(p -> { }).build();
                TcpListener listener = TcpListener.bind(new InetSocketAddress(loopback, 0));
                ServerSocket silentPeer = new ServerSocket(0, 50, loopback)) {
            rt.spawn(new EchoFutures.Server(listener, rt::spawn, CONNECTIONS));
            Ticker ticker = new Ticker(Time.interval(PERIOD));
            JoinHandle<Void> ticking = rt.spawn(ticker);
            ticker.ticked.await(); // the driver is being polled: some worker waits in it
            Thread.sleep(50); // both workers idle again: one in the driver, the other on its own

            HogTask task = new HogTask(hog, silentPeer);
            JoinHandle<Void> hogging = rt.spawn(task);
            assertTrue(task.started.await(20, TimeUnit.SECONDS), "the hog never started");
            ticker.startMeasuring();

            List<Socket> clients = new ArrayList<>();
            long worstRoundTrip = 0;
            int rounds = 0;
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = new Socket();
                    clients.add(s);
                    s.connect(listener.localAddress(), 5_000);
                    s.setSoTimeout(10_000);
                    worstRoundTrip = Math.max(worstRoundTrip, echoOnce(s, i));
                }
                while (!task.finished) {
                    for (int i = 0; i < clients.size(); i++) {
                        worstRoundTrip = Math.max(worstRoundTrip, echoOnce(clients.get(i), rounds + i));
                    }
                    rounds++;
                }
            } finally {
                for (Socket s : clients) {
                    s.close();
                }
            }
            ticker.stopMeasuring();
            rt.blockOn(hogging);
            ticking.abort();

            // The hog ran all along (the echoes and ticks were served beside it, not after it).
            assertTrue(rounds >= 1, "no echo round completed while the hog ran");
            long[] lateness = ticker.measuredLateness();
            long expectedTicks = hog.length.toNanos() / PERIOD.toNanos();
            String summary = hog + ": " + lateness.length + " ticks (expected about " + expectedTicks
                    + "), lateness ms median " + millis(percentile(lateness, 50)) + ", p95 "
                    + millis(percentile(lateness, 95)) + ", max " + millis(percentile(lateness, 100))
                    + "; " + rounds + " echo rounds on " + CONNECTIONS + " connections, worst round trip "
                    + millis(worstRoundTrip) + " ms";
            System.out.println(summary);
            // Bounds for a quiet machine, stretched by its load like HostConnectTest's: at a load
            // of 40 on 2 cores the ticker and the echo tasks get a twentieth of a core. Without
            // the stall monitor the ticks stop for the whole hog (seconds), which the tick count
            // still shows at any load.
            double load = MachineLoad.perCore();
            String context = summary + " (load per core " + load + ")";
            assertTrue(lateness.length >= expectedTicks / (2 * load), context);
            assertTrue(percentile(lateness, 95) < MachineLoad.stretch(TimeUnit.MILLISECONDS.toNanos(50)), context);
            assertTrue(worstRoundTrip < MachineLoad.stretch(TimeUnit.SECONDS.toNanos(1)), context);
        }
    }

    /** Writes 64 bytes and reads them back; returns the round trip in nanoseconds. */
    private static long echoOnce(Socket s, int seed) throws IOException {
        byte[] out = new byte[64];
        Arrays.fill(out, (byte) seed);
        long start = System.nanoTime();
        s.getOutputStream().write(out);
        byte[] in = s.getInputStream().readNBytes(out.length);
        long took = System.nanoTime() - start;
        assertArrayEquals(out, in, "echo");
        return took;
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return Long.MAX_VALUE;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.NaN : Math.round(nanos / 1e5) / 10.0;
    }

    /** Sleeps 20 ms (so a timer wakes it on the driver's worker), then hogs that worker. */
    private static final class HogTask implements Future<Void> {
        final CountDownLatch started = new CountDownLatch(1);
        volatile boolean finished;
        private final Hog hog;
        private final ServerSocket silentPeer;
        private Future<Void> sleep;

        HogTask(Hog hog, ServerSocket silentPeer) {
            this.hog = hog;
            this.silentPeer = silentPeer;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (sleep == null) {
                sleep = Time.sleep(Duration.ofMillis(20));
            }
            if (sleep.poll(cx).isPending()) {
                return Poll.pending();
            }
            started.countDown();
            try {
                hogTheWorker();
            } finally {
                finished = true;
            }
            return Poll.ready(null);
        }

        private void hogTheWorker() {
            long end = System.nanoTime() + hog.length.toNanos();
            switch (hog) {
                case CPU_LOOP -> {
                    long x = 0;
                    while (System.nanoTime() < end) {
                        x += x * 31 + 7;
                    }
                    if (x == 42) {
                        System.out.println(x);
                    }
                }
                case THREAD_SLEEP -> {
                    try {
                        Thread.sleep(hog.length.toMillis());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                case BLOCKING_SOCKET_READ -> {
                    try (Socket s = new Socket()) {
                        s.connect(silentPeer.getLocalSocketAddress(), 5_000);
                        s.setSoTimeout((int) hog.length.toMillis());
                        InputStream in = s.getInputStream();
                        int b = in.read();
                        throw new AssertionError("the silent peer sent " + b);
                    } catch (SocketTimeoutException expected) {
                        // the read blocked the worker for the whole time
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
    }

    /** Takes ticks of an interval for ever, recording how late each was while measuring. */
    private static final class Ticker implements Future<Void> {
        final CountDownLatch ticked = new CountDownLatch(3);
        private final Interval interval;
        private final List<Long> lateness = new ArrayList<>();
        private volatile boolean measuring;
        private Future<Long> tick;

        Ticker(Interval interval) {
            this.interval = interval;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (tick == null) {
                    tick = interval.tick();
                }
                Poll<Long> p = tick.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                tick = null;
                long late = System.nanoTime() - p.value();
                if (measuring) {
                    synchronized (lateness) {
                        lateness.add(late);
                    }
                }
                ticked.countDown();
            }
        }

        void startMeasuring() {
            measuring = true;
        }

        void stopMeasuring() {
            measuring = false;
        }

        long[] measuredLateness() {
            synchronized (lateness) {
                return lateness.stream().mapToLong(Long::longValue).sorted().toArray();
            }
        }
    }
}
