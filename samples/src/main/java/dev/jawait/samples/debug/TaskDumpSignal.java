package dev.jawait.samples.debug;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.signal.SignalReceiver;
import dev.jawait.signal.Signals;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

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
 * {@link #install} then throws. The signal is received with {@link Signals#receiver} (the runtime's
 * {@code dev.jawait.signal}), and the dump is printed by a task of {@code runtime}: a runtime
 * whose every worker is blocked prints none (the JVM's {@code jcmd Thread.print} still works then).
 */
public final class TaskDumpSignal implements AutoCloseable {
    /** The signal the samples listen on. */
    public static final String SIGNAL = "USR1";

    private final SignalReceiver receiver;
    private final AtomicInteger dumps = new AtomicInteger();
    private final JoinHandle<Void> printer;

    private TaskDumpSignal(SignalReceiver receiver, AsyncRuntime runtime, PrintStream out) {
        this.receiver = receiver;
        this.printer = runtime.spawn(TaskDumpSignalAsync.printEach(receiver, runtime, out, dumps));
    }

    /**
     * Prints {@code runtime}'s task dump to {@code out} whenever the process receives
     * {@code SIG<signal>} (e.g. {@code "USR1"}), until {@link #close()}.
     *
     * @throws UnsupportedOperationException if the platform has no such signal or the JVM
     *     reserves it
     */
    public static TaskDumpSignal install(AsyncRuntime runtime, String signal, PrintStream out) {
        SignalReceiver receiver;
        try {
            receiver = Signals.receiver(signal);
        } catch (UnsupportedOperationException unknownOrReserved) {
            throw new UnsupportedOperationException("cannot listen on SIG" + signal + ": "
                    + unknownOrReserved.getMessage(), unknownOrReserved);
        }
        return new TaskDumpSignal(receiver, runtime, out);
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
        } catch (UnsupportedOperationException e) {
            System.out.println("task dump on a signal unavailable (" + e.getMessage()
                    + "); use -Djawait.jmx=true and the MBean's dumpTasks instead");
            return null;
        }
    }

    @Async
    static void printEach(SignalReceiver receiver, AsyncRuntime runtime, PrintStream out, AtomicInteger dumps) {
        while (true) {
            String signal;
            try {
                signal = await(receiver.recv());
            } catch (IllegalStateException closed) {
                return; // close(): no more dumps
            }
            String dump = runtime.dumpTasks();
            synchronized (out) {
                out.println("jawait task dump (SIG" + signal + ") at " + Instant.now() + ":");
                out.print(dump);
                out.flush();
            }
            dumps.incrementAndGet();
        }
    }

    /** How many dumps were printed so far. */
    public int dumps() {
        return dumps.get();
    }

    /** Puts back the handler that was there before (once) and ends the printing task. */
    @Override
    public void close() {
        printer.abort();
        receiver.close();
    }

    @Override
    public String toString() {
        return "TaskDumpSignal[SIG" + receiver.signals().get(0) + ", " + dumps() + " dumps]";
    }
}
