package dev.jawait.signal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Signals: real {@code kill}s, to this JVM for USR1 (while a receiver listens) and to a child JVM
 * ({@link SignalProbeMain}) for HUP, TERM and INT, whose default action would end the process;
 * and the clear refusal of signals the JVM keeps.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SignalsTest {

    @Test
    void aReceiverGetsEverySignalUntilClosedThenThePreviousHandlerIsBack() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        Signal usr1 = new Signal("USR1");
        SignalHandler before = Signal.handle(usr1, SignalHandler.SIG_IGN);
        Signal.handle(usr1, before);
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            SignalReceiver first = Signals.receiver("SIGUSR1");
            SignalReceiver second = Signals.receiver("usr1");
            assertEquals(List.of("USR1"), first.signals());
            JoinHandle<String> waiting = rt.spawn(first.recv());
            for (int i = 1; i <= 3; i++) {
                kill("USR1", ProcessHandle.current().pid());
                long expected = i;
                waitUntil(() -> second.received() == expected, "signal " + i + " to reach the second receiver");
            }
            assertEquals("USR1", rt.blockOn(waiting));
            assertEquals(3, first.received());
            first.tryRecv(); // signals 2 and 3 coalesced, unless all three reached it before the task ran
            assertEquals("USR1", second.tryRecv(), "three USR1 while nobody received: one delivery");
            assertEquals(null, second.tryRecv());
            second.close();

            JoinHandle<String> pending = rt.spawn(first.recv());
            waitUntil(() -> rt.dumpTasks().contains("SignalReceiver[SIGUSR1].recv()"), "recv to wait");
            first.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> rt.blockOn(pending));
            assertTrue(closed.getMessage().contains("closed"), closed.getMessage());
        }
        SignalHandler after = Signal.handle(usr1, SignalHandler.SIG_IGN);
        Signal.handle(usr1, after);
        assertSame(before, after, "the last receiver out put the previous handler back");
    }

    @Test
    void signalsTheJvmKeepsAreRefusedClearly() {
        for (String name : List.of("QUIT", "KILL", "STOP", "NOSUCHSIGNAL")) {
            UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                    () -> Signals.receiver("HUP", name));
            assertTrue(e.getMessage().startsWith("SIG" + name + " cannot be received on this JVM"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Signals.receiver());
        assertThrows(IllegalArgumentException.class, () -> Signals.receiver("SIG"));
    }

    @Test
    void hupAndUsr1AreReceivedRepeatedlyAndTermShutsDownCleanly() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        Process probe = startProbe();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            for (String signal : List.of("HUP", "USR1", "HUP", "HUP")) {
                kill(signal, probe.pid());
                assertEquals("got " + signal, out.readLine()); // each one waited for: none coalesced
            }
            kill("TERM", probe.pid()); // (Process.destroy() would also close our end of its pipes)
            assertEquals("shutdown TERM", out.readLine());
            assertEquals("finally ran", out.readLine());
            assertTrue(probe.waitFor(20, TimeUnit.SECONDS), "the probe exits");
            assertEquals(0, probe.exitValue());
        } finally {
            probe.destroyForcibly();
            probe.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void ctrlCShutsDownCleanly() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        Process probe = startProbe();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            kill("INT", probe.pid());
            assertEquals("shutdown INT", out.readLine());
            assertEquals("finally ran", out.readLine());
            assertTrue(probe.waitFor(20, TimeUnit.SECONDS), "the probe exits");
            assertEquals(0, probe.exitValue());
        } finally {
            probe.destroyForcibly();
            probe.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void signalsTheProcessIgnoresAreLeftOutAndNeverWaitedForInVain() throws Exception {
        assumeTrue(onPath("kill"), "no kill command");
        assumeTrue(envCanSetSignals(), "this env cannot set signal dispositions (coreutils < 8.31)");
        Process probe = startProbe(IgnoredSignalProbeMain.class, "--ignore-signal=HUP,INT");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(probe.getInputStream(), StandardCharsets.UTF_8));
            String refused = out.readLine();
            assertTrue(refused.startsWith("refused: SIGHUP is ignored by this process"), refused);
            assertTrue(refused.contains("env --default-signal=HUP"), refused);
            assertEquals("hears [USR1]", out.readLine());
            assertEquals("stops on [TERM]", out.readLine());
            kill("INT", probe.pid()); // discarded by the kernel: the probe must still be waiting
            kill("TERM", probe.pid());
            assertEquals("shutdown TERM", out.readLine());
            assertTrue(probe.waitFor(20, TimeUnit.SECONDS), "the probe exits");
            assertEquals(0, probe.exitValue());
        } finally {
            probe.destroyForcibly();
            probe.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startProbe() throws Exception {
        // Whoever started this build may have left HUP or INT ignored (nohup, a background job),
        // and the probe would inherit that: give the signals it is sent their default action.
        return startProbe(SignalProbeMain.class, envCanSetSignals() ? "--default-signal=HUP,INT,TERM,USR1" : null);
    }

    /** Starts {@code main} in a child JVM, through {@code env envOption} when that is not null. */
    private static Process startProbe(Class<?> main, String envOption) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = location(main) + File.pathSeparator + location(Signals.class);
        List<String> command = new java.util.ArrayList<>();
        if (envOption != null) {
            command.addAll(List.of("env", envOption));
        }
        command.addAll(List.of(java, "-cp", classpath, main.getName()));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** Whether {@code env} has {@code --default-signal} and {@code --ignore-signal} (coreutils 8.31+). */
    private static boolean envCanSetSignals() {
        try {
            Process env = new ProcessBuilder("env", "--default-signal=HUP", "--ignore-signal=USR2", "true")
                    .redirectErrorStream(true).start();
            env.getInputStream().readAllBytes();
            return env.waitFor(10, TimeUnit.SECONDS) && env.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    private static void kill(String signal, long pid) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill finishes");
        assertEquals(0, kill.exitValue(), "kill -" + signal + " " + pid);
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
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
