package dev.jawait.samples.unixecho;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.SlowWorkerReports;
import dev.jawait.samples.TestRuntimes;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Unix echo sample: 64 MiB round trips through it with jawait's own {@code UnixStream} and
 * with {@code socat} (installed with apt-get when missing and possible, skipped otherwise), and a
 * graceful {@code kill -TERM} of the sample process holding 100 open connections.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class UnixEchoServerTest {
    private static final int SIZE = 64 << 20;

    @TempDir
    Path dir;

    @Test
    void sixtyFourMibRoundTripThroughUnixStream() throws Exception {
        byte[] payload = randomBytes(SIZE, 64);
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                UnixEchoServer server = UnixEchoServer.start(runtime, dir.resolve("echo.sock"))) {
            long start = System.nanoTime();
            byte[] echoed = runtime.blockOn(EchoClientAsync.roundTrip(server.path(), payload));
            System.out.printf("unix echo: 64 MiB each way through UnixStream in %.2f s%n", (System.nanoTime() - start) / 1e9);
            assertArrayEquals(sha256(payload), sha256(echoed));
            waitUntil(() -> server.closed() == 1, "the connection task to end");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sixtyFourMibRoundTripThroughSocat() throws Exception {
        assumeTrue(socatInstalled(), "socat is not installed and could not be installed");
        Path in = dir.resolve("in.bin");
        Path out = dir.resolve("out.bin");
        byte[] payload = randomBytes(SIZE, 65);
        Files.write(in, payload);
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                UnixEchoServer server = UnixEchoServer.start(runtime, dir.resolve("echo.sock"))) {
            long start = System.nanoTime();
            // -t: after sending end of file, wait that long (at most) for the echo to end.
            Process socat = new ProcessBuilder("socat", "-t", "120", "-", "UNIX-CONNECT:" + server.path())
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectErrorStream(false)
                    .redirectError(dir.resolve("socat.err").toFile()).start();
            try {
                assertTrue(socat.waitFor(180, TimeUnit.SECONDS), "socat finishes");
            } finally {
                socat.destroyForcibly(); // the one process this test started (no-op once it exited)
            }
            System.out.printf("unix echo: 64 MiB each way through socat in %.2f s%n", (System.nanoTime() - start) / 1e9);
            assertEquals(0, socat.exitValue(), () -> "socat failed: " + read(dir.resolve("socat.err")));
            assertEquals(SIZE, Files.size(out));
            assertArrayEquals(sha256(payload), sha256(Files.readAllBytes(out)));
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void sigtermWithAHundredOpenConnectionsRunsEveryFinallyAndExitsZero() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        Path path = dir.resolve("term.sock");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", classpath(), UnixEchoServer.class.getName(), "--path", path.toString())
                .redirectError(dir.resolve("server.err").toFile()).start();
        List<SocketChannel> clients = new ArrayList<>();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String banner = stdout.readLine();
            assertTrue(banner != null && banner.startsWith("unix echo server listening on " + path), banner);
            for (int i = 0; i < 100; i++) {
                SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path));
                clients.add(c);
                // A round trip proves the server accepted it and its task is serving it.
                byte[] line = ("hello " + i + "\n").getBytes(StandardCharsets.US_ASCII);
                c.write(ByteBuffer.wrap(line));
                ByteBuffer back = ByteBuffer.allocate(line.length);
                while (back.hasRemaining() && c.read(back) >= 0) {
                    // until the whole line is back
                }
                assertArrayEquals(line, back.array());
            }
            long signalled = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(server.pid())).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, kill.exitValue());
            assertEquals("SIGTERM: shutting down", stdout.readLine());
            assertEquals("closed 100 of 100 connections", stdout.readLine(), "every connection's finally ran");
            assertTrue(server.waitFor(30, TimeUnit.SECONDS), "the server exits");
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - signalled);
            System.out.println("unix echo: SIGTERM to exit with 100 open connections: " + tookMs + " ms");
            assertEquals(0, server.exitValue(), () -> "exit status; stderr: " + read(dir.resolve("server.err")));
            assertFalse(Files.exists(path), "the socket file is removed");
            String stderr = SlowWorkerReports.without(read(dir.resolve("server.err")));
            assertFalse(stderr.contains("WARNING"), "a clean shutdown logs nothing: " + stderr);
            for (SocketChannel c : clients) {
                assertEquals(-1, c.read(ByteBuffer.allocate(1)), "the server closed every connection");
            }
        } finally {
            for (SocketChannel c : clients) {
                c.close();
            }
            server.destroyForcibly(); // the one process this test started (no-op once it exited)
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** socat on the PATH, installing it with apt-get first where that is possible (root). */
    private static boolean socatInstalled() throws InterruptedException {
        if (onPath("socat")) {
            return true;
        }
        if (!"root".equals(System.getProperty("user.name")) || !onPath("apt-get")) {
            return false;
        }
        try {
            Process apt = new ProcessBuilder("apt-get", "install", "-y", "-q", "socat")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!apt.waitFor(300, TimeUnit.SECONDS)) {
                apt.destroyForcibly();
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        return onPath("socat");
    }

    private static String classpath() throws Exception {
        return location(UnixEchoServer.class) + File.pathSeparator + location(AsyncRuntime.class);
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
