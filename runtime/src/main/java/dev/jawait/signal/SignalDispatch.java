package dev.jawait.signal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The one place that touches {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every
 * JDK 17 and 25): one JVM handler per signal, installed while at least one
 * {@link SignalReceiver} listens and fanned out to all of them; when the last one leaves, the
 * handler that was there before (for {@code TERM}, {@code INT} and {@code HUP}, the JVM's own,
 * which runs the shutdown hooks and exits) is put back.
 *
 * <p>HotSpot installs nothing for {@code HUP}, {@code INT} or {@code TERM} when the process
 * started with that signal ignored ({@code HUP} under {@code nohup}, {@code INT} for a background
 * job of a script): the kernel discards them, so {@link #add} answers false and nobody is
 * registered for them.
 *
 * <pre>{@code
 * SignalDispatch.add("HUP", receiver);      // false if ignored; throws UnsupportedOperationException if reserved
 * SignalDispatch.remove("HUP", receiver);   // the JVM's handler is back when nobody listens
 * }</pre>
 */
final class SignalDispatch {
    /** A signal we handle: the JVM's handler before us, and who listens now. */
    private static final class Installed {
        final Signal signal;
        SignalHandler previous;
        final List<SignalReceiver> receivers = new CopyOnWriteArrayList<>();

        Installed(Signal signal) {
            this.signal = signal;
        }
    }

    private static final Map<String, Installed> INSTALLED = new HashMap<>();

    private SignalDispatch() {}

    /** The signals HotSpot refuses to handle in Java when the process started ignoring them. */
    private static final Set<String> KEPT_IGNORED = Set.of("HUP", "INT", "TERM");

    /**
     * Makes {@code receiver} hear {@code name} ("HUP"), installing the JVM handler if needed;
     * false (nothing installed) if this process ignores the signal and the JVM keeps it so.
     */
    static synchronized boolean add(String name, SignalReceiver receiver) {
        Installed installed = INSTALLED.get(name);
        if (installed == null) {
            Signal signal;
            try {
                signal = new Signal(name);
            } catch (IllegalArgumentException unknown) {
                throw unsupported(name, unknown);
            }
            Installed fresh = new Installed(signal);
            try {
                fresh.previous = Signal.handle(signal, caught -> deliver(fresh, name));
            } catch (IllegalArgumentException reserved) {
                throw unsupported(name, reserved);
            }
            if (fresh.previous == SignalHandler.SIG_IGN && KEPT_IGNORED.contains(name)) {
                return false; // the JVM left the signal ignored: our handler would never run
            }
            INSTALLED.put(name, fresh);
            installed = fresh;
        }
        installed.receivers.add(receiver);
        return true;
    }

    /** Stops {@code receiver} hearing {@code name}; the last one out restores the JVM handler. */
    static synchronized void remove(String name, SignalReceiver receiver) {
        Installed installed = INSTALLED.get(name);
        if (installed != null && installed.receivers.remove(receiver) && installed.receivers.isEmpty()) {
            INSTALLED.remove(name);
            Signal.handle(installed.signal, installed.previous);
        }
    }

    /** Runs on the thread the JVM starts for each signal it delivers to Java. */
    private static void deliver(Installed installed, String name) {
        for (SignalReceiver r : installed.receivers) {
            r.delivered(name);
        }
    }

    private static UnsupportedOperationException unsupported(String name, IllegalArgumentException why) {
        String hint = switch (name) {
            case "QUIT" -> " (the JVM prints its thread dump on it)";
            case "USR2" -> " (HotSpot suspends threads with it on Linux)";
            case "KILL", "STOP" -> " (no process can handle it)";
            default -> "";
        };
        return new UnsupportedOperationException("SIG" + name + " cannot be received on this JVM"
                + hint + ": " + why.getMessage(), why);
    }
}
