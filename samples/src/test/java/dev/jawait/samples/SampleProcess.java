package dev.jawait.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A sample's {@code main} run as a process of its own (this JVM's {@code java}, the test
 * classpath's samples and runtime classes), with its stdout read line by line with a bound and
 * its stderr kept in a file: for tests that send it signals and check how it exits.
 *
 * <pre>{@code
 * try (SampleProcess p = SampleProcess.start(dir, MiniRedis.class, "--port", "0")) {
 *     String ready = p.lineMatching(l -> l.contains("ready"), Duration.ofSeconds(30));
 *     p.signal("TERM");
 *     assertEquals(0, p.exitCode(Duration.ofSeconds(30)));
 * }
 * }</pre>
 */
public final class SampleProcess implements AutoCloseable {
    private static final String EOF = new String("end of stdout"); // compared by identity

    private final Process process;
    private final Path stderr;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();

    private SampleProcess(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        Thread reader = new Thread(this::pump, "stdout of pid " + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code main}'s class with {@code args}; its stderr goes to a file in {@code dir}. */
    public static SampleProcess start(Path dir, Class<?> main, String... args) throws IOException {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", location(main) + File.pathSeparator
                + location(AsyncRuntime.class), main.getName()));
        command.addAll(List.of(args));
        Path err = Files.createTempFile(dir, main.getSimpleName(), ".err");
        return new SampleProcess(new ProcessBuilder(command).redirectError(err.toFile()).start(), err);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process was destroyed: the end of its output.
        } finally {
            lines.add(EOF);
        }
    }

    /** The process id, e.g. for {@code kill}. */
    public long pid() {
        return process.pid();
    }

    /** The next stdout line that satisfies {@code wanted} (earlier ones are skipped), waiting at most {@code within}. */
    public String lineMatching(Predicate<String> wanted, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line == EOF) {
                throw new AssertionError((line == null ? "no such line within " + within : "stdout ended")
                        + "; stdout so far: " + seen + "; stderr: " + stderr());
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** Sends {@code SIG<name>} with the {@code kill} command (the caller checks it is on the PATH). */
    public void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS), "kill finishes");
        assertEquals(0, kill.exitValue(), "kill -" + name);
    }

    /** Waits at most {@code within} for the process to exit and returns its exit status. */
    public int exitCode(Duration within) throws InterruptedException {
        assertTrue(process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS),
                () -> "the process exits within " + within + "; stdout so far: " + seen + "; stderr: " + stderr());
        return process.exitValue();
    }

    /** What the process wrote to stderr so far. */
    public String stderr() {
        try {
            return Files.readString(stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs (the one this object started, by its handle). */
    @Override
    public void close() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    private static String location(Class<?> c) {
        try {
            return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
