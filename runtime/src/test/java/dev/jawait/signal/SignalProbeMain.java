package dev.jawait.signal;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;

/**
 * The program {@link SignalsTest} sends real signals to: prints {@code ready} once it listens,
 * {@code got <NAME>} for each HUP/USR1 received, and on TERM/INT {@code shutdown <NAME>} then
 * {@code finally ran}, and exits 0.
 *
 * <pre>{@code
 * java -cp runtime/target/classes:runtime/target/test-classes dev.jawait.signal.SignalProbeMain
 * }</pre>
 */
public final class SignalProbeMain {
    private SignalProbeMain() {}

    public static void main(String[] args) {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build();
                SignalReceiver repeated = Signals.receiver("HUP", "USR1")) {
            JoinHandle<Void> printing = rt.spawn(new PrintEach(repeated));
            Future<String> shutdown = Signals.shutdown();
            Future<String> announced = new Future<>() {
                private boolean polled;

                @Override
                public Poll<String> poll(Context cx) {
                    Poll<String> p = shutdown.poll(cx); // the first poll installs the handlers
                    if (!polled) {
                        polled = true;
                        System.out.println("ready");
                    }
                    return p;
                }
            };
            String signal = rt.blockOn(announced);
            System.out.println("shutdown " + signal);
            printing.abort();
        } finally {
            System.out.println("finally ran");
        }
    }

    /** Prints every signal the receiver gets, for ever. */
    private static final class PrintEach implements Future<Void> {
        private final SignalReceiver receiver;
        private Future<String> next;

        PrintEach(SignalReceiver receiver) {
            this.receiver = receiver;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (next == null) {
                    next = receiver.recv();
                }
                Poll<String> p = next.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                next = null;
                System.out.println("got " + p.value());
            }
        }

        @Override
        public boolean cancel() {
            if (next != null) {
                next.cancel();
            }
            return false;
        }
    }
}
