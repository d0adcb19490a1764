package dev.jawait.signal;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Unix signals as futures — Tokio's {@code tokio::signal}: {@link #shutdown()} for
 * {@code SIGTERM}/{@code SIGINT}, and {@link #receiver} for signals a service reacts to again and
 * again ({@code SIGHUP} to reload, {@code SIGUSR1} to dump state).
 *
 * <pre>{@code
 * // main: serve until asked to stop, then shut down gracefully
 * String signal = runtime.blockOn(Signals.shutdown());   // "TERM" or "INT"
 * runtime.close();                                       // every task's finally runs
 * }</pre>
 *
 * <h2>Which signals</h2>
 * Those the JVM lets Java handle: {@code TERM}, {@code INT}, {@code HUP} (normally the JVM's own:
 * they run the shutdown hooks and exit — while a receiver listens they only reach it), and
 * {@code USR1}, {@code WINCH}, {@code CONT}, {@code ALRM}, {@code PIPE}… on Linux and macOS. The
 * JVM reserves {@code QUIT} (its thread dump), {@code USR2} on Linux (it suspends threads with
 * it), and nobody can handle {@code KILL} or {@code STOP}: asking for those, or for a name the
 * platform does not have ({@code HUP} on Windows), throws {@link UnsupportedOperationException}
 * saying so. Names are given without {@code SIG} ({@code "SIGHUP"} is accepted too). A
 * {@code HUP}, {@code INT} or {@code TERM} the process was started ignoring ({@code HUP} under
 * {@code nohup}, {@code INT} for a script's background job) never reaches Java: a receiver leaves
 * it out of {@link SignalReceiver#signals()}, and is refused if nothing it asked for is left.
 *
 * <p>Signals reach Java on a thread the JVM starts for each one; the receiver just records the
 * signal and wakes the waiting task, so handling happens in that task, on a worker.
 */
public final class Signals {
    private Signals() {}

    /**
     * A receiver of {@code names} ({@code "HUP"}, {@code "USR1"}…), listening from now until it is
     * closed.
     *
     * <pre>{@code
     * try (SignalReceiver stop = Signals.receiver("TERM", "INT")) {
     *     await(Futures.select(server.run(), stop.recv()));
     * }
     * }</pre>
     *
     * @param names the signals to receive, without {@code SIG}; at least one
     * @return an open receiver; close it to give the JVM its handlers back
     * @throws UnsupportedOperationException if one of them cannot be received on this JVM, or
     *     if the process ignores every one of them (nothing is installed then); a {@code HUP},
     *     {@code INT} or {@code TERM} the process ignores while others are heard is left out of
     *     {@link SignalReceiver#signals()}
     * @throws IllegalArgumentException if no name is given
     */
    public static SignalReceiver receiver(String... names) {
        if (names.length == 0) {
            throw new IllegalArgumentException("no signal named");
        }
        List<String> normalized = new ArrayList<>(names.length);
        for (String name : names) {
            String n = normalize(name);
            if (!normalized.contains(n)) {
                normalized.add(n);
            }
        }
        SignalReceiver receiver = new SignalReceiver();
        receiver.listen(normalized);
        return receiver;
    }

    /**
     * Completes with {@code "TERM"} or {@code "INT"} when the process is asked to stop (a plain
     * {@code kill}, Ctrl-C, {@code docker stop}, systemd). The JVM's handlers are replaced from
     * the first poll until the future completes or is cancelled, so a second Ctrl-C after this
     * one completed stops the JVM its usual way. Until its first poll the JVM's handlers are in
     * place: start awaiting it early (a receiver from {@link #receiver} listens from its creation).
     *
     * <pre>{@code
     * await(Futures.select(ServerAsync.run(listener), Signals.shutdown().map(s -> null)));
     * }</pre>
     *
     * @return a future of the name of the signal that asked to stop
     * @throws UnsupportedOperationException (from the first poll) where the JVM does not let Java
     *     handle them ({@code -Xrs})
     */
    public static Future<String> shutdown() {
        return new Future<>() {
            private SignalReceiver receiver;
            private Future<String> next;

            @Override
            public Poll<String> poll(Context cx) {
                if (receiver == null) {
                    receiver = receiver("TERM", "INT");
                    next = receiver.recv();
                }
                Poll<String> p = next.poll(cx);
                if (p.isReady()) {
                    receiver.close();
                }
                return p;
            }

            @Override
            public boolean cancel() {
                if (receiver != null) {
                    next.cancel();
                    receiver.close();
                }
                return false;
            }

            @Override
            public String toString() {
                return "Signals.shutdown()";
            }
        };
    }

    /** "sighup", "SIGHUP", "HUP" -> "HUP". */
    static String normalize(String name) {
        String n = name.trim().toUpperCase(Locale.ROOT);
        if (n.startsWith("SIG")) {
            n = n.substring(3);
        }
        if (n.isEmpty()) {
            throw new IllegalArgumentException("not a signal name: '" + name + "'");
        }
        return n;
    }
}
