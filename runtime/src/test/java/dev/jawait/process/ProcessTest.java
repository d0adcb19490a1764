package dev.jawait.process;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Child processes: exit codes, output, environment and directory, a program that cannot start,
 * kill and terminate, kill on abort with no zombie left (checked with {@code ProcessHandle} and
 * {@code ps}), and pipes that lose nothing when a read is cancelled. Every child is one this test
 * started, ended by its pid.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProcessTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void unixTools() {
        assumeTrue(Files.isExecutable(Path.of("/bin/sh")) && Files.isExecutable(Path.of("/bin/cat")),
                "needs /bin/sh and /bin/cat");
    }

    private static AsyncRuntime runtime() {
        return AsyncRuntime.builder().workerThreads(2).build();
    }

    @Test
    void exitCodeAndOutput() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Output out = rt.blockOn(rt.spawn(new Command("sh", "-c", "printf out; printf err >&2; exit 3").output()));
            assertEquals(3, out.exitCode());
            assertFalse(out.success());
            assertEquals("out", out.stdoutText());
            assertEquals("err", out.stderrText());
            assertEquals(7, rt.blockOn(rt.spawn(new Command("sh", "-c", "exit 7").status())));
            assertEquals(0, rt.blockOn(rt.spawn(new Command("true").status())));
        }
    }

    @Test
    void environmentAndWorkingDirectory() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Output out = rt.blockOn(rt.spawn(new Command("sh", "-c", "echo \"$JAWAIT_TEST:${HOME:-none}\"; pwd")
                    .env("JAWAIT_TEST", "yes").removeEnv("HOME").directory(dir).output()));
            assertEquals("yes:none\n" + dir.toRealPath() + "\n", out.stdoutText());
            Output empty = rt.blockOn(rt.spawn(new Command("/usr/bin/env").clearEnv().env("ONLY", "1").output()));
            assertEquals("ONLY=1\n", empty.stdoutText());
        }
    }

    @Test
    void aProgramThatCannotStartFailsClearly() {
        try (AsyncRuntime rt = runtime()) {
            IOException missing = assertThrows(IOException.class,
                    () -> rt.blockOn(rt.spawn(new Command("jawait-no-such-program", "x").spawn())));
            assertTrue(missing.getMessage().contains("jawait-no-such-program"), missing.getMessage());
            Path nowhere = dir.resolve("missing-dir");
            IOException noDir = assertThrows(IOException.class,
                    () -> rt.blockOn(rt.spawn(new Command("true").directory(nowhere).spawn())));
            assertTrue(noDir.getMessage().contains(nowhere.toString()), noDir.getMessage());
        }
    }

    @Test
    void killAndTerminate() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Child sleeper = rt.blockOn(new Command("sleep", "600").spawn());
            JoinHandle<Integer> exit = rt.spawn(sleeper.waitFor());
            sleeper.kill();
            assertEquals(137, rt.blockOn(exit), "128 + SIGKILL");
            Child polite = rt.blockOn(new Command("sleep", "600").spawn());
            polite.terminate();
            assertEquals(143, rt.blockOn(rt.spawn(polite.waitFor())), "128 + SIGTERM");
            IllegalStateException notPiped = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(new Command("true").stdin(Redirect.INHERIT).spawn()).stdin());
            assertTrue(notPiped.getMessage().contains("stdin is not piped"), notPiped.getMessage());
            sleeper.close();
            polite.close();
        }
    }

    @Test
    void abortingTheTaskWaitingForTheChildKillsItAndLeavesNoZombie() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Child child = rt.blockOn(new Command("sleep", "600").spawn());
            long pid = child.pid();
            JoinHandle<Integer> waiting = rt.spawn(child.waitFor());
            waitUntil(() -> rt.dumpTasks().contains("Child.waitFor(sleep (pid " + pid + "))"), "the wait");
            assertTrue(isRunning(pid));
            waiting.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(waiting));
            waitUntil(() -> !isRunning(pid) && !psKnows(pid), "the child " + pid + " to be gone");
            assertFalse(child.isAlive());
            child.close();
        }
    }

    @Test
    void abortingAnOutputKillsItsChildToo() throws Exception {
        String marker = "600.4242";  // a duration nobody else sleeps, to find our child
        try (AsyncRuntime rt = runtime()) {
            JoinHandle<Output> running = rt.spawn(new Command("sleep", marker).output());
            ProcessHandle[] child = new ProcessHandle[1];
            waitUntil(() -> {
                Optional<ProcessHandle> found = ProcessHandle.current().children()
                        .filter(h -> h.info().arguments().map(a -> a.length == 1 && a[0].equals(marker)).orElse(false))
                        .findFirst();
                found.ifPresent(h -> child[0] = h);
                return found.isPresent();
            }, "the child to start");
            running.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(running));
            long pid = child[0].pid();
            waitUntil(() -> !child[0].isAlive() && !psKnows(pid), "the child " + pid + " to be gone");
        }
    }

    @Test
    void closeKillsAChildStillRunning() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Child child = rt.blockOn(new Command("cat").spawn());
            long pid = child.pid();
            child.close();
            waitUntil(() -> !isRunning(pid) && !psKnows(pid), "the child " + pid + " to be gone");
            Child kept = rt.blockOn(new Command("cat").killOnAbort(false).spawn());
            kept.close(); // closes its stdin: cat reads end of file and exits 0 on its own
            assertEquals(0, rt.blockOn(rt.spawn(kept.waitFor())));
        }
    }

    @Test
    void aCancelledReadLosesNoBytes() throws Exception {
        try (AsyncRuntime rt = runtime(); Child cat = rt.blockOn(new Command("cat").spawn())) {
            ByteBuffer abandoned = ByteBuffer.allocate(64);
            Future<Integer> read = cat.stdout().read(abandoned);
            boolean wasPending = rt.blockOn(cx -> {
                boolean pending = read.poll(cx).isPending(); // cat has written nothing: it waits
                if (pending) {
                    read.cancel();
                }
                return Poll.ready(pending);
            });
            assertTrue(wasPending);
            rt.blockOn(cat.stdin().writeAll(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII))));
            cat.stdin().close();
            byte[] all = rt.blockOn(cat.stdout().readAllBytes());
            assertEquals("hello", new String(all, StandardCharsets.US_ASCII), "the cancelled read's bytes come first");
            assertEquals(0, abandoned.position(), "the cancelled read never touched its buffer");
            assertEquals(0, rt.blockOn(rt.spawn(cat.waitFor())));
        }
    }

    @Test
    void readExactAndEndOfStream() throws Exception {
        try (AsyncRuntime rt = runtime();
                Child child = rt.blockOn(new Command("sh", "-c", "printf 0123456789").spawn())) {
            ByteBuffer four = ByteBuffer.allocate(4);
            rt.blockOn(child.stdout().readExact(four));
            assertArrayEquals("0123".getBytes(StandardCharsets.US_ASCII), four.array());
            ByteBuffer rest = ByteBuffer.allocate(100);
            assertThrows(java.io.EOFException.class, () -> rt.blockOn(child.stdout().readExact(rest)));
            assertEquals("456789", new String(rest.array(), 0, rest.position(), StandardCharsets.US_ASCII));
            assertEquals(-1, rt.blockOn(child.stdout().read(ByteBuffer.allocate(1))));
        }
    }

    static boolean isRunning(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether {@code ps} still lists {@code pid} (running, or a zombie nobody reaped). */
    static boolean psKnows(long pid) {
        try {
            Process ps = new ProcessBuilder("ps", "-o", "stat=", "-p", Long.toString(pid)).redirectErrorStream(true).start();
            String out = new String(ps.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (!ps.waitFor(10, TimeUnit.SECONDS)) {
                ps.destroyForcibly();
                throw new AssertionError("ps did not finish");
            }
            return !out.isEmpty(); // "Z" would be a zombie
        } catch (IOException e) {
            return ProcessHandle.of(pid).isPresent(); // no ps: ProcessHandle alone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
