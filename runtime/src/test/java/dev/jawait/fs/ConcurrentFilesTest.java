package dev.jawait.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.MachineLoad;
import dev.jawait.sync.Semaphore;
import dev.jawait.time.LatenessProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,000 concurrent tasks on a one-worker runtime each write a 1 MiB file and read it back (one in
 * fifty with {@link AsyncFiles#readAllBytes}, the rest with {@link AsyncFile#readExact}), and the
 * SHA-256 of what comes back must be what was written — while a 10 ms interval on the same worker
 * stays on time (p95 lateness under 50 ms), because no file call runs on the worker. Hashing also
 * goes to the blocking pool, so the worker only starts calls and moves positions. The control
 * does the same file work inside the tasks' polls and must see the interval fall behind.
 *
 * <p>What the measurement must not depend on, on a loaded two-core machine: all 1,000 tasks run at
 * once, but at most 32 of them touch the disk at a time (a {@link Semaphore}, as a service would
 * bound its I/O), reading into buffers that go round with the permits — a gigabyte of buffers
 * allocated together would let garbage-collector pauses decide the lateness; and the blocking pool
 * has two threads — more threads copying and hashing on two cores take the CPU from the worker
 * (with 8 threads instead of 2 the median lateness here was 25 ms instead of 4). A round whose p95
 * is spoiled by the machine anyway (other builds) is measured again, up to three rounds.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class ConcurrentFilesTest {
    private static final int TASKS = 1000;
    private static final int MIB = 1 << 20;
    private static final int IN_FLIGHT = 32;
    private static final long ON_TIME = TimeUnit.MILLISECONDS.toNanos(50);

    @TempDir
    Path dir;

    private final byte[] base = AsyncFileTest.random(2 * MIB, 1000);
    private final Queue<ByteBuffer> buffers = new ConcurrentLinkedQueue<>();

    @Test
    void aThousandTasksWriteAndReadBackAMebibyteEachWhileTheIntervalStaysOnTime() throws Exception {
        byte[][] expected = new byte[TASKS][];
        for (int i = 0; i < TASKS; i++) { // each task writes its own 1 MiB window of base
            MessageDigest md = sha256();
            md.update(base, offset(i), MIB);
            expected[i] = md.digest();
        }
        for (int i = 0; i < IN_FLIGHT; i++) {
            buffers.add(ByteBuffer.allocate(MIB));
        }
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).blockingThreads(2)
                .longPollHandler(p -> { }).build()) {
            List<String> rounds = new ArrayList<>();
            for (int round = 1; round <= 3; round++) {
                LatenessProbe probe = measure(rt, TASKS, expected, this::roundTrip);
                String summary = "round " + round + ": " + probe.summary();
                rounds.add(summary);
                System.out.println("ConcurrentFilesTest: " + summary);
                assertTrue(probe.ticks() >= probe.expectedTicks() / (2 * dev.jawait.runtime.driver.MachineLoad.perCore()), summary);
                // 50 ms on a machine with a core to spare; stretched when other builds oversubscribe it
                long onTime = MachineLoad.stretch(ON_TIME);
                if (probe.percentileNanos(95) < onTime) {
                    break;
                }
                assertTrue(round < 3, "p95 lateness over " + onTime / 1_000_000 + " ms in every round: " + rounds);
            }
        }
        try (var left = Files.list(dir)) {
            assertEquals(0, left.count(), "every task deleted its file");
        }
    }

    /** The control: the same file work done inside the poll blocks the worker, and the probe sees it. */
    @Test
    void theProbeSeesFileWorkDoneOnTheWorker() throws Exception {
        int tasks = 200;
        byte[][] expected = new byte[tasks][];
        for (int i = 0; i < tasks; i++) {
            MessageDigest md = sha256();
            md.update(base, offset(i), MIB);
            expected[i] = md.digest();
        }
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).longPollHandler(p -> { }).build()) {
            LatenessProbe probe = measure(rt, tasks, expected, this::roundTripOnTheWorker);
            System.out.println("ConcurrentFilesTest control: " + probe.summary());
            assertTrue(probe.percentileNanos(95) > ON_TIME, probe.summary());
        }
    }

    /** Spawns {@code tasks} round trips at once with the probe ticking beside them; checks every digest. */
    private static LatenessProbe measure(AsyncRuntime rt, int tasks, byte[][] expected,
            IntFunction<Future<byte[]>> roundTrip) throws Exception {
        LatenessProbe probe = new LatenessProbe(Duration.ofMillis(10));
        JoinHandle<Void> ticking = rt.spawn(probe);
        probe.awaitTicking();
        System.gc(); // what the test allocated so far is long-lived: out of the young generation now
        probe.start();
        List<JoinHandle<byte[]>> handles = new ArrayList<>(tasks);
        for (int i = 0; i < tasks; i++) {
            handles.add(rt.spawn(roundTrip.apply(i)));
        }
        try {
            for (int i = 0; i < tasks; i++) {
                assertArrayEquals(expected[i], rt.blockOn(handles.get(i)), "file " + i);
            }
        } finally {
            probe.stop();
            ticking.abort();
        }
        return probe;
    }

    private static int offset(int task) {
        return (task * 1031) % MIB;
    }

    private final Semaphore disk = new Semaphore(IN_FLIGHT);

    /** Waits for a permit, writes the window, reads it back, deletes: the SHA-256 of what came back. */
    private Future<byte[]> roundTrip(int task) {
        return disk.acquire().flatMap(permit -> {
            ByteBuffer buffer = buffers.poll(); // one per permit
            Path file = dir.resolve("file-" + task);
            ByteBuffer content = ByteBuffer.wrap(base, offset(task), MIB).asReadOnlyBuffer();
            return AsyncFile.create(file)
                    .flatMap(out -> out.writeAll(content).map(written -> {
                        out.close();
                        return written;
                    }))
                    .flatMap(written -> task % 50 == 0 ? wholeDigest(file) : readBackDigest(file, buffer))
                    .flatMap(digest -> AsyncFiles.delete(file).map(deleted -> {
                        buffers.add(buffer);
                        permit.close();
                        return digest;
                    }));
        });
    }

    private static Future<byte[]> wholeDigest(Path file) {
        return AsyncFiles.readAllBytes(file).flatMap(bytes -> Task.spawnBlocking(() -> sha256().digest(bytes)));
    }

    private static Future<byte[]> readBackDigest(Path file, ByteBuffer into) {
        return AsyncFile.open(file).flatMap(in -> in.readExact(into.clear()).map(read -> {
            in.close();
            return read;
        })).flatMap(read -> Task.spawnBlocking(() -> sha256().digest(into.array())));
    }

    /** The same work with plain blocking calls inside one poll. */
    private Future<byte[]> roundTripOnTheWorker(int task) {
        return cx -> {
            try {
                Path file = dir.resolve("blocking-" + task);
                Files.write(file, java.util.Arrays.copyOfRange(base, offset(task), offset(task) + MIB));
                byte[] digest = sha256().digest(Files.readAllBytes(file));
                Files.delete(file);
                return Poll.ready(digest);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
