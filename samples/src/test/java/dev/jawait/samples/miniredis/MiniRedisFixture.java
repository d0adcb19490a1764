package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An in-process mini-redis on a two-worker runtime, with what a test needs to check that
 * connections leave nothing behind: the runtime's live tasks, the server's connected clients and
 * byte gauges, and this process's open file descriptors, each compared with its level before the
 * clients came.
 *
 * <pre>{@code
 * try (MiniRedisFixture f = MiniRedisFixture.start()) {
 *     ... clients connect, misbehave, go ...
 *     f.awaitNothingLeft();              // bounded wait, fails with a task dump
 * }
 * }</pre>
 */
final class MiniRedisFixture implements AutoCloseable {
    /** How long connections may take to be cleaned up after their clients went (a bound, not a speed). */
    static final Duration CLEANUP = Duration.ofSeconds(20);

    final List<Throwable> failures = TestRuntimes.failureList();
    final AsyncRuntime runtime;
    final MiniRedis server;
    private final int baselineTasks;

    private MiniRedisFixture() throws IOException {
        runtime = TestRuntimes.twoWorkers(failures);
        server = MiniRedis.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        baselineTasks = runtime.liveTaskCount(); // the accept loop and the expiry task
    }

    static MiniRedisFixture start() throws IOException {
        return new MiniRedisFixture();
    }

    InetSocketAddress address() {
        return server.address();
    }

    ServerState state() {
        return server.state();
    }

    /** Tasks beyond the server's own (accept loop, expiry): one per connection, two when subscribed. */
    int connectionTasks() {
        return runtime.liveTaskCount() - baselineTasks;
    }

    /**
     * Waits (bounded) until every connection is gone from the server: no task beyond the
     * server's own, no client counted, no byte held in the gauges; fails naming what is left.
     */
    void awaitNothingLeft() throws InterruptedException {
        ServerState state = state();
        awaitTrue(() -> connectionTasks() == 0 && state.connectedClients() == 0
                        && state.queuedOutputBytes() == 0 && state.bufferedInputBytes() == 0
                        && state.hub().channelCount() == 0,
                () -> "connections to be cleaned up: " + connectionTasks() + " connection tasks, "
                        + state.connectedClients() + " clients, " + state.queuedOutputBytes() + " queued bytes, "
                        + state.bufferedInputBytes() + " buffered input bytes, " + state.hub().channelCount()
                        + " channels\n" + runtime.dumpTasks());
    }

    /**
     * A fresh client's PING round trip (connect, send, read +PONG), which must complete within
     * {@code bound} (stretched when the machine is oversubscribed, see {@link ServerWatch#underLoad}):
     * other clients are being served. Returns how long it took.
     */
    Duration pingRoundTrip(Duration bound) throws IOException {
        bound = ServerWatch.underLoad(bound);   // the same for the server on a quiet machine
        long start = System.nanoTime();
        try (Socket s = new Socket()) {
            s.connect(address(), (int) bound.toMillis());
            s.setSoTimeout((int) bound.toMillis()); // a read past the bound fails the test
            s.getOutputStream().write("PING\r\n".getBytes(US_ASCII));
            InputStream in = s.getInputStream();
            assertEquals("+PONG\r\n", new String(in.readNBytes(7), US_ASCII));
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        if (took.compareTo(bound) > 0) {
            throw new AssertionError("PING round trip took " + took.toMillis() + " ms, more than " + bound.toMillis());
        }
        return took;
    }

    /** This process's open file descriptors, or -1 where /proc/self/fd does not exist. */
    static long openFileDescriptors() throws IOException {
        Path fds = Paths.get("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return -1;
        }
        try (Stream<Path> list = Files.list(fds)) {
            return list.count() - 1; // the listing's own descriptor
        }
    }

    /** Polls {@code condition} every 10 ms until it holds, failing after {@link #CLEANUP}. */
    static void awaitTrue(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + CLEANUP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + CLEANUP.toSeconds() + " s waiting for " + what.get());
            }
            TimeUnit.MILLISECONDS.sleep(10);
        }
    }

    /** A thread writing PINGs to {@code client} until {@code total} bytes, a stall for good, or a failure. */
    static Thread floodPings(RespClient client, AtomicLong sent, long total) {
        byte[] chunk = "PING\r\n".repeat(10_000).getBytes(US_ASCII);
        Thread t = new Thread(() -> {
            try {
                while (sent.get() < total) {
                    client.sendRaw(chunk);
                    sent.addAndGet(chunk.length);
                }
            } catch (java.io.IOException closed) {
                // the test reset the connection
            }
        }, "ping-flood");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void close() {
        server.close();
        runtime.close();
        assertEquals(List.of(), failures, "no task failed unhandled");
    }
}
