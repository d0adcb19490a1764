package dev.jawait.samples.miniredis;

import static dev.jawait.samples.ExternalTools.installed;
import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.samples.SampleProcess;
import dev.jawait.samples.SlowWorkerReports;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 20: mini-redis run as a process under {@code redis-benchmark -c 50} gets SIGTERM in the
 * middle of the load. It exits with status 0 within 2 s of the signal (stretched only by the
 * machine's load, {@link ServerWatch#underLoad}); every command that was sent before the signal
 * is answered, and on each connection the replies are correct, in order, and end between two
 * replies — redis-benchmark cannot tell that, so {@link NumberedPipeline} clients pipeline
 * numbered INCR/ECHO commands beside it; a command the server had not read when it stopped is
 * not answered at all, never half; and the server reports no file descriptor left open.
 *
 * <p>"Sent before the signal" is made exact with {@code SIGSTOP}: the server is stopped under
 * load, each pipeline fills its window (the kernel keeps taking the bytes), then {@code SIGTERM}
 * and {@code SIGCONT} are sent; the commands written until then were all in the server's socket
 * buffers before it could see the signal.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ShutdownUnderLoadTest {
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final int BENCHMARK_CLIENTS = 50;
    private static final int PIPELINES = 4;
    /** Replies each pipeline gets before the signal: the load is on by then. */
    private static final int WARM_UP_REPLIES = 2000;

    @TempDir
    Path dir;

    @Test
    void sigtermUnderRedisBenchmarkAnswersWhatWasSentAndExitsZeroWithinTwoSeconds() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        assumeTrue(installed("redis-benchmark", "redis-tools"),
                "redis-benchmark not installed and cannot be installed (needs root apt-get of redis-tools)");
        Path benchmarkOutput = dir.resolve("redis-benchmark.out");
        Process benchmark = null;
        List<NumberedPipeline> pipelines = new ArrayList<>();
        try (SampleProcess server = SampleProcess.start(dir, MiniRedis.class, "--port", "0")) {
            String ready = server.lineMatching(l -> l.contains("ready to accept connections on "), STEP);
            int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1));
            benchmark = new ProcessBuilder("redis-benchmark", "-h", "127.0.0.1", "-p", Integer.toString(port),
                    "-c", Integer.toString(BENCHMARK_CLIENTS), "-n", "100000000", "-t", "incr", "-q")
                    .redirectErrorStream(true).redirectOutput(benchmarkOutput.toFile()).start();
            for (int id = 0; id < PIPELINES; id++) {
                pipelines.add(NumberedPipeline.start(port, id, STEP));
            }
            int connected = awaitConnectedClients(port, BENCHMARK_CLIENTS + PIPELINES + 1, benchmarkOutput);
            for (NumberedPipeline p : pipelines) {
                awaitReplies(p, WARM_UP_REPLIES);
            }
            assertTrue(benchmark.isAlive(), () -> "redis-benchmark is still loading: " + read(benchmarkOutput));

            // Stopped, the server reads nothing, but its kernel still takes what the clients send:
            // once every pipeline has its window full, those commands are all in the server's
            // socket buffers when SIGTERM arrives, and each of them must be answered.
            server.signal("STOP");
            long[] sentBeforeSignal = new long[PIPELINES];
            for (int i = 0; i < PIPELINES; i++) {
                sentBeforeSignal[i] = awaitFullWindow(pipelines.get(i));
            }
            long signalled = System.nanoTime();
            server.signal("TERM");
            server.signal("CONT");
            Duration allowed = ServerWatch.underLoad(Duration.ofSeconds(2));
            int status = server.exitCode(allowed.minusNanos(System.nanoTime() - signalled));
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            System.out.printf("mini-redis exited %d ms after SIGTERM (allowed %d ms), %d clients connected;"
                    + " pipelines sent %s before the signal%n", took.toMillis(), allowed.toMillis(), connected,
                    java.util.Arrays.toString(sentBeforeSignal));
            assertEquals(0, status, server::stderr);

            for (int i = 0; i < PIPELINES; i++) {
                NumberedPipeline p = pipelines.get(i);
                assertTrue(p.awaitEnd(STEP), "pipeline " + i + " sees the end of the stream");
                assertNull(p.failure());
                assertTrue(p.answered() >= sentBeforeSignal[i], "pipeline " + i + ": every command sent before the"
                        + " signal is answered: " + p.answered() + " of " + sentBeforeSignal[i]);
                assertTrue(p.answered() <= p.written(), "no reply without a command");
            }

            server.lineMatching("SIGTERM: shutting down"::equals, STEP);
            String closed = server.lineMatching(l -> l.startsWith("closed "), STEP);
            Matcher m = Pattern.compile("closed (\\d+) connections").matcher(closed);
            assertTrue(m.matches(), closed + ": none cut at the shutdown timeout");
            int closedCount = Integer.parseInt(m.group(1));
            // The connections open at the signal: redis-benchmark's and the pipelines', and perhaps
            // the last INFO probe's if its end was not served yet; not every connection ever made.
            assertTrue(closedCount >= BENCHMARK_CLIENTS + PIPELINES && closedCount <= connected, closed);
            assertEquals("descriptors left open: none", server.lineMatching(l -> l.startsWith("descriptors "), STEP));
            assertFalse(SlowWorkerReports.without(server.stderr()).contains("Exception"), server::stderr);
        } finally {
            for (NumberedPipeline p : pipelines) {
                p.close();
            }
            if (benchmark != null) {
                benchmark.destroy(); // our own child, by its handle; it ends by itself once the server is gone
                benchmark.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Asks INFO (over a connection of its own, which counts) until at least {@code wanted} clients
     * are connected; returns that count.
     */
    private static int awaitConnectedClients(int port, int wanted, Path benchmarkOutput) throws Exception {
        long deadline = System.nanoTime() + ServerWatch.underLoad(STEP).toNanos();
        Pattern clients = Pattern.compile("connected_clients:(\\d+)");
        int connected = 0;
        while (System.nanoTime() < deadline) {
            try (RespClient c = new RespClient(new InetSocketAddress("127.0.0.1", port))) {
                Matcher m = clients.matcher((String) c.call("INFO", "clients"));
                assertTrue(m.find(), "INFO has connected_clients");
                connected = Integer.parseInt(m.group(1));
            }
            if (connected >= wanted) {
                return connected;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError(connected + " clients connected, not " + wanted + "; redis-benchmark: "
                + read(benchmarkOutput));
    }

    /**
     * Waits until {@code p} has {@link NumberedPipeline#WINDOW} commands written and unanswered (the
     * server being stopped, nothing more comes back); returns how many it has written.
     */
    private static long awaitFullWindow(NumberedPipeline p) throws InterruptedException {
        long deadline = System.nanoTime() + ServerWatch.underLoad(STEP).toNanos();
        while (p.written() - p.answered() < NumberedPipeline.WINDOW && p.failure() == null
                && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertNull(p.failure());
        long written = p.written();
        assertEquals(NumberedPipeline.WINDOW, written - p.answered(), "the window fills while the server is stopped");
        return written;
    }

    private static void awaitReplies(NumberedPipeline p, long wanted) throws InterruptedException {
        long deadline = System.nanoTime() + ServerWatch.underLoad(STEP).toNanos();
        while (p.answered() < wanted && p.failure() == null && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(10);
        }
        assertNull(p.failure());
        assertTrue(p.answered() >= wanted, "the pipeline got " + p.answered() + " replies, not " + wanted);
    }

    /** What redis-benchmark printed (its progress lines end in carriage returns). */
    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file).replace('\r', '\n') : "";
        } catch (java.io.IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
