package dev.jawait.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TaskDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Lets a sample test act once a server's tasks really wait where it expects (for input, for
 * writability), read from the runtime's task dump, instead of sleeping and hoping they got there.
 *
 * <pre>{@code
 * String writing = TaskDumps.suspendedAt(Path.of("src/main/java/dev/jawait/samples/http/HelloServer.java"),
 *         "serve", "await(socket.writeAll(unsent))");
 * TaskDumps.await(runtime, dump -> TaskDumps.count(dump, writing) == 1, "the session waiting to write");
 * }</pre>
 */
public final class TaskDumps {
    private TaskDumps() {}

    /** "{@code Class.method suspended at Class.java:<line of marker>}", as task dumps print it. */
    public static String suspendedAt(Path source, String method, String marker) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int found = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                assertEquals(-1, found, "marker " + marker + " appears twice in " + source);
                found = i + 1;
            }
        }
        assertTrue(found > 0, "no " + marker + " in " + source);
        String file = source.getFileName().toString();
        String type = file.substring(0, file.length() - ".java".length());
        return type + "." + method + " suspended at " + file + ":" + found;
    }

    /** How many idle tasks of {@code dump} are suspended at {@code where} (a {@link #suspendedAt} line). */
    public static long count(TaskDump dump, String where) {
        return dump.tasks().stream()
                .filter(t -> t.state().equals("idle") && t.awaits().contains(where))
                .count();
    }

    /** Waits (up to 20 s) until the runtime's task dump satisfies {@code condition}; fails with the dump. */
    public static void await(AsyncRuntime runtime, Predicate<TaskDump> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.test(runtime.taskDump())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ":\n" + runtime.dumpTasks());
            }
            Thread.sleep(10);
        }
    }
}
