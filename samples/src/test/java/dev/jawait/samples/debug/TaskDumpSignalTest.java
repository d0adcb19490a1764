package dev.jawait.samples.debug;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import dev.jawait.samples.miniredis.MiniRedis;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code kill -USR1 <pid>} makes a sample server print its task dump, showing each connection's
 * task at the template line it waits on: in-process (the handler, and its removal) and end to end
 * (the documented command against a mini-redis process).
 */
@Timeout(60)
class TaskDumpSignalTest {
    private static final Path REDIS_CONNECTION =
            Paths.get("src/main/java/dev/jawait/samples/miniredis/RedisConnection.java");

    /** "RedisConnection.<method> suspended at RedisConnection.java:<line of the marker>". */
    private static String suspendedAt(String method, String marker) throws IOException {
        List<String> lines = Files.readAllLines(REDIS_CONNECTION);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                assertEquals(-1, found, "marker " + marker + " appears twice");
                found = i + 1;
            }
        }
        assertTrue(found > 0, "no " + marker + " in " + REDIS_CONNECTION);
        return "RedisConnection." + method + " suspended at RedisConnection.java:" + found;
    }

    private static void await(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get());
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theSignalPrintsTheDumpAndCloseRestoresThePreviousHandler() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        Signal usr1 = new Signal(TaskDumpSignal.SIGNAL);
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                Socket idleClient = new Socket()) {
            idleClient.connect(server.address(), 5000);
            // Both tasks parked before the signal: the connection's, and the accept loop back at
            // its accept (it spawned the connection's task and may still be on its way there).
            String accept = suspendedAt("acceptLoop", "await(listener.accept())");
            String serve = suspendedAt("serve", "guard(socket.readable())");
            await(() -> {
                String dump = runtime.dumpTasks();
                return dump.contains(accept) && dump.contains(serve);
            }, () -> "both tasks parked:\n" + runtime.dumpTasks());
            SignalHandler before = Signal.handle(usr1, SignalHandler.SIG_IGN);
            Signal.handle(usr1, before);
            try (TaskDumpSignal dumps = TaskDumpSignal.install(runtime, TaskDumpSignal.SIGNAL, out)) {
                Signal.raise(usr1);
                await(() -> dumps.dumps() == 1, () -> "the dump");
                String text = printed.toString(StandardCharsets.UTF_8);
                assertTrue(text.startsWith("jawait task dump (SIGUSR1) at "), text);
                assertTrue(text.contains(accept), text);
                assertTrue(text.contains(serve), text);
            }
            SignalHandler after = Signal.handle(usr1, SignalHandler.SIG_IGN);
            Signal.handle(usr1, after);
            assertSame(before, after, "close() put the previous handler back");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aSignalTheJvmReservesIsRefusedClearly() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> TaskDumpSignal.install(runtime, "QUIT", System.err));
            assertTrue(e.getMessage().startsWith("cannot listen on SIGQUIT: "), e.getMessage());
        }
    }

    @Test
    void killUsr1MakesARunningMiniRedisPrintItsTasks() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        Process server = new ProcessBuilder(java, "-cp", classpath(), MiniRedis.class.getName(), "--port", "0")
                .start();
        StringBuffer stderr = collect(server);
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = stdout.readLine();
            assertTrue(ready != null && ready.contains("ready to accept connections on "), ready);
            int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1));
            assertEquals("task dump: kill -USR1 " + server.pid(), stdout.readLine());
            try (Socket idleClient = new Socket()) {
                idleClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
                // connect() returns once the kernel queued the connection; a PING round trip proves the
                // server accepted it and its serve task exists before the signal asks for the dump.
                idleClient.setSoTimeout(20_000);
                idleClient.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                byte[] pong = idleClient.getInputStream().readNBytes(7);
                assertEquals("+PONG\r\n", new String(pong, StandardCharsets.US_ASCII));
                String accept = suspendedAt("acceptLoop", "await(listener.accept())");
                String serve = suspendedAt("serve", "guard(socket.readable())");
                // Even after the PONG the serve task may still be between its write and its next await
                // when the signal lands: signal again (bounded) until one dump shows both tasks parked.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!dumpNames(stderr, serve, accept)) {
                    assertTrue(System.nanoTime() < deadline, () -> "no dump naming both tasks; so far:\n" + stderr);
                    Process kill = new ProcessBuilder("kill", "-USR1", Long.toString(server.pid()))
                            .redirectErrorStream(true).start();
                    assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
                    assertEquals(0, kill.exitValue());
                    long dumpDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                    while (System.nanoTime() < dumpDeadline
                            && !dumpNames(stderr, serve, accept)) {
                        Thread.sleep(10);
                    }
                }
                // contains, not startsWith: a loaded machine may make the runtime log a stall warning first
                assertTrue(stderr.toString().contains("jawait task dump (SIGUSR1) at "), stderr.toString());
                assertTrue(server.isAlive(), "the server goes on after a dump");
            }
        } finally {
            server.destroy(); // the one process this test started
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Whether a task dump printed on {@code stderr} names both places: looked for after the dump's
     * header, since the runtime's stall warnings (on a loaded machine) name suspension points too.
     */
    private static boolean dumpNames(StringBuffer stderr, String serve, String accept) {
        String text = stderr.toString();
        int dump = text.indexOf("jawait task dump (SIGUSR1) at ");
        while (dump >= 0) {
            int next = text.indexOf("jawait task dump (SIGUSR1) at ", dump + 1);
            String one = text.substring(dump, next < 0 ? text.length() : next);
            if (one.contains(serve) && one.contains(accept)) {
                return true;
            }
            dump = next;
        }
        return false;
    }

    /** Everything the process writes to stderr, collected by a daemon thread. */
    private static StringBuffer collect(Process p) {
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    text.append(line).append('\n');
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "stderr-of-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    private static String classpath() throws Exception {
        return location(MiniRedis.class) + File.pathSeparator + location(AsyncRuntime.class);
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
