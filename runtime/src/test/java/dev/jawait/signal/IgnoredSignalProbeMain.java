package dev.jawait.signal;

import dev.jawait.runtime.AsyncRuntime;

/**
 * The program {@link SignalsTest} starts with {@code HUP} and {@code INT} ignored (as
 * {@code nohup} or a script's background job would): prints how a receiver of only {@code HUP}
 * is refused, what a receiver of {@code HUP} and {@code USR1} hears, {@code ready}, and then
 * {@code shutdown <NAME>} when {@link Signals#shutdown()} completes.
 *
 * <pre>{@code
 * env --ignore-signal=HUP,INT java -cp runtime/target/classes:runtime/target/test-classes \
 *     dev.jawait.signal.IgnoredSignalProbeMain
 * }</pre>
 */
public final class IgnoredSignalProbeMain {
    private IgnoredSignalProbeMain() {}

    public static void main(String[] args) {
        try {
            Signals.receiver("HUP").close();
            System.out.println("not refused");
        } catch (UnsupportedOperationException expected) {
            System.out.println("refused: " + expected.getMessage());
        }
        try (SignalReceiver some = Signals.receiver("HUP", "USR1")) {
            System.out.println("hears " + some.signals());
        }
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build();
                SignalReceiver stop = Signals.receiver("TERM", "INT")) {
            System.out.println("stops on " + stop.signals());
            String signal = rt.blockOn(stop.recv());
            System.out.println("shutdown " + signal);
        }
    }
}
