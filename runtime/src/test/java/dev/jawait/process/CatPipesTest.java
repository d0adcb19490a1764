package dev.jawait.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100 concurrent {@code cat} children, each fed 10 MiB on its standard input by one task while
 * another reads its standard output: what comes back must have the SHA-256 of what went in, and
 * every child must exit 0. A gigabyte through pipes each way on two cores: each child's input is
 * a window of one shared array (nothing copied up front), and a child's pipes are read and written
 * 64 KiB at a time on the blocking pool, so at most two of its threads wait per child.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class CatPipesTest {
    private static final int CHILDREN = 100;
    private static final int SIZE = 10 << 20;

    @Test
    void aHundredCatsPipeTenMebibytesEach() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/bin/cat")), "needs /bin/cat");
        byte[] base = new byte[SIZE + (1 << 20)];
        new SplittableRandom(100).nextBytes(base);
        byte[][] expected = new byte[CHILDREN][];
        for (int i = 0; i < CHILDREN; i++) {
            MessageDigest md = sha256();
            md.update(base, offset(i), SIZE);
            expected[i] = md.digest();
        }
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).longPollHandler(p -> { }).build()) {
            long start = System.nanoTime();
            List<JoinHandle<byte[]>> cats = new ArrayList<>();
            for (int i = 0; i < CHILDREN; i++) {
                cats.add(rt.spawn(throughCat(ByteBuffer.wrap(base, offset(i), SIZE).asReadOnlyBuffer())));
            }
            for (int i = 0; i < CHILDREN; i++) {
                assertArrayEquals(expected[i], rt.blockOn(cats.get(i)), "cat " + i);
            }
            System.out.printf("CatPipesTest: %d cats x %d MiB each way in %.1f s, blocking threads now %d%n",
                    CHILDREN, SIZE >> 20, (System.nanoTime() - start) / 1e9, rt.blockingThreadCount());
        }
    }

    private static int offset(int child) {
        return (child * 8191) % (1 << 20);
    }

    /** Spawns cat, feeds it {@code input} from a task of its own, digests its output, checks exit 0. */
    private static Future<byte[]> throughCat(ByteBuffer input) {
        return new Command("cat").stderr(Redirect.INHERIT).spawn().flatMap(cat -> {
            JoinHandle<Void> feeding = Task.spawn(cat.stdin().writeAll(input).map(written -> {
                cat.stdin().close(); // end of file: cat exits once it has echoed everything
                return written;
            }));
            return digestAll(cat.stdout(), sha256(), ByteBuffer.allocate(64 * 1024))
                    .flatMap(digest -> feeding.flatMap(fed -> cat.waitFor()).map(code -> {
                        cat.close();
                        assertEquals(0, code, "cat's exit code");
                        return digest;
                    }));
        });
    }

    private static Future<byte[]> digestAll(ChildOutput out, MessageDigest md, ByteBuffer buf) {
        return out.read(buf.clear()).flatMap(n -> {
            if (n < 0) {
                return Future.ready(md.digest());
            }
            md.update(buf.flip());
            return digestAll(out, md, buf);
        });
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
