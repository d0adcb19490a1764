package dev.jawait.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child process (started by the test, stopped by it by its own handle) whose merged output is
 * collected line by line on a thread, so the test can wait — bounded — for a line.
 *
 * <pre>{@code
 * try (ProcessLines p = ProcessLines.start("openssl", "s_server", ...)) {
 *     String accept = p.await(line -> line.startsWith("ACCEPT"), 30);
 * }
 * }</pre>
 */
final class ProcessLines implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private ProcessLines(Process process) {
        this.process = process;
        this.reader = new Thread(this::readAll, "process-output");
        reader.setDaemon(true);
        reader.start();
    }

    static ProcessLines start(String... command) throws IOException {
        return new ProcessLines(new ProcessBuilder(command).redirectErrorStream(true).start());
    }

    Process process() {
        return process;
    }

    private void readAll() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (this) {
                    lines.add(line);
                    notifyAll();
                }
            }
        } catch (IOException e) {
            // the process was stopped
        }
    }

    /** The first line matching {@code wanted}, waiting up to {@code seconds}; fails with the output so far. */
    synchronized String await(Predicate<String> wanted, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            for (String line : lines) {
                if (wanted.test(line)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no such line within " + seconds + " s; output:\n" + String.join("\n", lines));
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
    }

    /** Waits up to {@code seconds} for the process to exit; its exit code, or fails. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("still running after " + seconds + " s; output:\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    synchronized String output() {
        return String.join("\n", lines);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        reader.join(5000);
    }
}
