package dev.jawait.samples.debug;

import dev.jawait.runtime.AsyncRuntime;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Prints a runtime's task dump ({@link AsyncRuntime#dumpTasks()}) each time the process receives a
 * signal, so a running server can be asked from outside what every task is waiting for — the way
 * {@code kill -QUIT} prints the JVM's thread dump:
 *
 * <pre>{@code
 * try (TaskDumpSignal dumps = TaskDumpSignal.install(runtime, "USR1", System.err)) {
 *     server.awaitClose(runtime);
 * }
 * // elsewhere:  kill -USR1 <pid>    (the dump goes to the server's stderr)
 * }</pre>
 *
 * <p>Why {@code USR1}: the JVM keeps {@code QUIT} for its thread dump, runs shutdown hooks on
 * {@code HUP}, {@code INT} and {@code TERM}, and HotSpot on Linux suspends threads with
 * {@code USR2} (its SR signal, used for instance by JFR's sampler) — replacing any of those breaks
 * the JVM. {@code USR1} is unused by HotSpot on Linux and macOS. Windows has no {@code USR1}:
 * {@link #install} then throws. {@code sun.misc.Signal} is in the {@code jdk.unsupported} module,
 * present in every JDK 17 and 25 image (a jlink image without it fails with
 * {@link NoClassDefFoundError}).
 *
 * <p>The handler runs on a thread of the JVM's signal dispatcher, never on a runtime worker;
 * {@code dumpTasks()} is safe to call from any thread.
 */
public final class TaskDumpSignal implements AutoCloseable {
    /** The signal the samples listen on. */
    public static final String SIGNAL = "USR1";

    private final Signal signal;
    private final SignalHandler previous;
    private final AtomicInteger dumps = new AtomicInteger();
    private boolean closed;

    private TaskDumpSignal(Signal signal, AsyncRuntime runtime, PrintStream out) {
        this.signal = signal;
        this.previous = Signal.handle(signal, caught -> {
            String dump = runtime.dumpTasks();
            synchronized (out) {
                out.println("jawait task dump (SIG" + caught.getName() + ") at " + Instant.now() + ":");
                out.print(dump);
                out.flush();
            }
            dumps.incrementAndGet();
        });
    }

    /**
     * Prints {@code runtime}'s task dump to {@code out} whenever the process receives
     * {@code SIG<signal>} (e.g. {@code "USR1"}), until {@link #close()}.
     *
     * @throws UnsupportedOperationException if the platform has no such signal or the JVM
     *     reserves it
     */
    public static TaskDumpSignal install(AsyncRuntime runtime, String signal, PrintStream out) {
        try {
            return new TaskDumpSignal(new Signal(signal), runtime, out);
        } catch (IllegalArgumentException unknownOrReserved) {
            throw new UnsupportedOperationException("cannot listen on SIG" + signal + ": "
                    + unknownOrReserved.getMessage(), unknownOrReserved);
        }
    }

    /**
     * For a sample's {@code main}: dumps on {@code SIGUSR1} to stderr and prints how to ask for a
     * dump; where that is impossible, prints why and returns {@code null} (the server runs anyway).
     */
    public static TaskDumpSignal installForMain(AsyncRuntime runtime) {
        try {
            TaskDumpSignal dumps = install(runtime, SIGNAL, System.err);
            System.out.println("task dump: kill -" + SIGNAL + " " + ProcessHandle.current().pid());
            return dumps;
        } catch (UnsupportedOperationException | LinkageError e) {
            System.out.println("task dump on a signal unavailable (" + e.getMessage()
                    + "); use -Djawait.jmx=true and the MBean's dumpTasks instead");
            return null;
        }
    }

    /** How many dumps were printed so far. */
    public int dumps() {
        return dumps.get();
    }

    /** Puts back the handler that was there before (once). */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            Signal.handle(signal, previous);
        }
    }

    @Override
    public String toString() {
        return "TaskDumpSignal[SIG" + signal.getName() + ", " + dumps() + " dumps]";
    }
}
