package dev.jawait.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An open file: streaming and positional reads and writes, size/truncate/sync, one operation at a
 * time, cancellation that loses nothing, close, and no descriptor left behind by a cancelled open.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncFileTest {
    @TempDir
    Path dir;

    private static AsyncRuntime runtime() {
        return AsyncRuntime.builder().workerThreads(1).build();
    }

    @Test
    void streamingAndPositionalReadsAndWrites() throws Exception {
        Path p = dir.resolve("data.bin");
        byte[] content = random(600_000, 7); // more than two 256 KiB calls
        try (AsyncRuntime rt = runtime()) {
            try (AsyncFile f = rt.blockOn(AsyncFile.create(p))) {
                ByteBuffer src = ByteBuffer.wrap(content);
                rt.blockOn(f.writeAll(src));
                assertFalse(src.hasRemaining());
                assertEquals(content.length, f.position());
                int n = rt.blockOn(f.write(ByteBuffer.wrap(new byte[] {42})));
                assertEquals(1, n);
                rt.blockOn(f.writeAllAt(ByteBuffer.wrap(new byte[] {9, 9}), 10));
                assertEquals(content.length + 1, f.position(), "a positional write does not move the position");
                assertEquals(content.length + 1L, rt.blockOn(f.size()));
                rt.blockOn(f.sync());
            }
            byte[] expected = Arrays.copyOf(content, content.length + 1);
            expected[content.length] = 42;
            expected[10] = 9;
            expected[11] = 9;
            assertArrayEquals(expected, Files.readAllBytes(p));

            try (AsyncFile f = rt.blockOn(AsyncFile.open(p))) {
                ByteBuffer all = ByteBuffer.allocate(expected.length + 100);
                int reads = 0;
                int r;
                while ((r = rt.blockOn(f.read(all))) > 0) {
                    assertTrue(r <= AsyncFile.CHUNK, "at most one chunk per read: " + r);
                    reads++;
                }
                assertEquals(-1, r);
                assertTrue(reads >= 3, "reads " + reads);
                assertArrayEquals(expected, Arrays.copyOf(all.array(), all.position()));

                ByteBuffer at = ByteBuffer.allocate(4);
                assertEquals(4, rt.blockOn(f.readAt(at, 10)));
                assertArrayEquals(new byte[] {9, 9, expected[12], expected[13]}, at.array());
                assertEquals(expected.length, f.position(), "readAt does not move the position");

                f.seek(expected.length - 3);
                ByteBuffer tail = ByteBuffer.allocate(8);
                EOFException eof = assertThrows(EOFException.class, () -> rt.blockOn(f.readExact(tail)));
                assertTrue(eof.getMessage().contains("5 bytes still expected"), eof.getMessage());
                assertEquals(3, tail.position(), "what was read stays in dst");
                assertEquals(0, rt.blockOn(f.read(ByteBuffer.allocate(0))));
            }

            try (AsyncFile f = rt.blockOn(AsyncFile.open(p, StandardOpenOption.WRITE))) {
                f.seek(100_000);
                rt.blockOn(f.truncate(50));
                assertEquals(50, f.position(), "a position past the new end moves back");
                assertEquals(50L, rt.blockOn(f.size()));
            }
            try (AsyncFile log = rt.blockOn(AsyncFile.open(p, StandardOpenOption.WRITE, StandardOpenOption.APPEND))) {
                rt.blockOn(log.writeAll(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            }
            assertEquals(53, Files.size(p), "append mode writes at the end");
        }
    }

    /** A runtime with one blocking thread, and a way to keep that thread busy. */
    private static AsyncRuntime oneBlockingThread() {
        return AsyncRuntime.builder().workerThreads(1).blockingThreads(1).build();
    }

    /** Occupies the only blocking thread until the returned latch is counted down. */
    private static CountDownLatch occupyBlockingPool(AsyncRuntime rt) throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        rt.spawnBlocking(() -> {
            running.countDown();
            return release.await(30, TimeUnit.SECONDS);
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));
        return release;
    }

    /** Polls {@code op} once (its call queues behind the busy pool) and cancels it. */
    private static <T> Future<Boolean> pollOnceThenCancel(Future<T> op) {
        return cx -> {
            boolean pending = op.poll(cx).isPending();
            if (pending) {
                op.cancel();
            }
            return Poll.ready(pending);
        };
    }

    @Test
    void oneOperationAtATime() throws Exception {
        Path p = dir.resolve("one.bin");
        Files.write(p, random(1000, 1));
        try (AsyncRuntime rt = oneBlockingThread(); AsyncFile f = rt.blockOn(AsyncFile.open(p))) {
            CountDownLatch release = occupyBlockingPool(rt);
            Future<Integer> first = f.read(ByteBuffer.allocate(10));
            Future<Object> both = cx -> {
                assertTrue(first.poll(cx).isPending(), "queued behind the busy pool");
                f.read(ByteBuffer.allocate(10)).poll(cx);
                return Poll.ready(null);
            };
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> rt.blockOn(both));
            assertTrue(e.getMessage().contains("read is still in progress"), e.getMessage());
            release.countDown();
            assertEquals(10, rt.blockOn(first), "the first one goes on");
        }
    }

    @Test
    void aCancelledReadConsumesNothingAndACancelledWriteCanBeRepeated() throws Exception {
        Path p = dir.resolve("cancel.bin");
        byte[] content = random(AsyncFile.CHUNK * 3, 3);
        Files.write(p, content);
        try (AsyncRuntime rt = oneBlockingThread();
                AsyncFile f = rt.blockOn(AsyncFile.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE))) {
            CountDownLatch release = occupyBlockingPool(rt);
            ByteBuffer abandoned = ByteBuffer.allocate(AsyncFile.CHUNK);
            assertTrue(rt.blockOn(pollOnceThenCancel(f.read(abandoned))));
            assertEquals(0, f.position(), "a cancelled read moves nothing");
            byte[] patch = random(AsyncFile.CHUNK + 5, 4);
            f.seek(1000);
            ByteBuffer src = ByteBuffer.wrap(patch);
            assertTrue(rt.blockOn(pollOnceThenCancel(f.writeAll(src))));
            assertEquals(0, src.position(), "a cancelled write leaves src as it was");
            assertEquals(1000, f.position());
            release.countDown(); // the cancelled calls run now, as leftovers

            rt.blockOn(f.writeAll(src)); // again: the same bytes at the same place
            assertEquals(0, abandoned.position(), "the cancelled read never touched its buffer");
            f.seek(0);
            ByteBuffer first = ByteBuffer.allocate(16);
            rt.blockOn(f.readExact(first));
            assertArrayEquals(Arrays.copyOf(content, 16), first.array(), "no bytes were lost");
            byte[] expected = content.clone();
            System.arraycopy(patch, 0, expected, 1000, patch.length);
            assertArrayEquals(expected, Files.readAllBytes(p));
        }
    }

    @Test
    void closeFailsAPendingOperationClearly() throws Exception {
        Path p = dir.resolve("closed.bin");
        Files.write(p, random(10, 2));
        try (AsyncRuntime rt = runtime()) {
            AsyncFile f = rt.blockOn(AsyncFile.open(p));
            f.close();
            assertFalse(f.isOpen());
            IOException e = assertThrows(IOException.class, () -> rt.blockOn(f.read(ByteBuffer.allocate(4))));
            assertEquals(p + ": file closed", e.getMessage());
        }
    }

    @Test
    void aCancelledOpenLeavesNoDescriptor() throws Exception {
        Path p = dir.resolve("open.bin");
        Files.write(p, random(10, 5));
        try (AsyncRuntime rt = oneBlockingThread()) {
            CountDownLatch release = occupyBlockingPool(rt);
            assertTrue(rt.blockOn(pollOnceThenCancel(AsyncFile.open(p))), "queued, then cancelled");
            release.countDown();
            // And cancelled at any moment of the call: whichever of call and cancel comes second closes it.
            for (int i = 0; i < 200; i++) {
                Future<AsyncFile> open = AsyncFile.open(p);
                AsyncFile won = rt.blockOn(cx -> {
                    Poll<AsyncFile> once = open.poll(cx);
                    if (once.isPending()) {
                        open.cancel();
                        return Poll.ready(null);
                    }
                    return once;
                });
                if (won != null) {
                    won.close(); // it was ready at once: ours to close
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (openDescriptorsOf(p) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // a call cancelled mid-way closes its file when it finishes
            }
            assertEquals(0, openDescriptorsOf(p));
        }
    }

    private static long openDescriptorsOf(Path p) throws IOException {
        Path target = p.toRealPath();
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).equals(target);
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }
}
