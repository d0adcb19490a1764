package dev.jawait.signal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one place that touches {@code sun.misc.Signal} (module {@code jdk.unsupported}, in every
 * JDK 17 and 25), through method handles found at run time: no source file names the class, so
 * javac and javadoc have no internal API to warn about. One JVM handler per signal, installed
 * while at least one {@link SignalReceiver} listens and fanned out to all of them; when the last
 * one leaves, the handler that was there before (for {@code TERM}, {@code INT} and {@code HUP},
 * the JVM's own, which runs the shutdown hooks and exits) is put back.
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
        /** A {@code sun.misc.Signal}. */
        final Object signal;
        /** The {@code sun.misc.SignalHandler} that was there before ours. */
        Object previous;
        final List<SignalReceiver> receivers = new CopyOnWriteArrayList<>();

        Installed(Object signal) {
            this.signal = signal;
        }
    }

    /**
     * {@code new Signal(name)}, {@code Signal.handle(signal, handler)} and a {@code SignalHandler}
     * made from a {@link Runnable}, looked up when the first receiver listens. Without the
     * {@code jdk.unsupported} module (a trimmed runtime image) the lookup fails with a
     * {@link NoClassDefFoundError}, which {@link SignalReceiver} reports as unsupported.
     */
    private static final class Jvm {
        static final Class<?> HANDLER;
        static final MethodHandle NEW_SIGNAL;
        static final MethodHandle HANDLE;
        /** {@code SignalHandler.SIG_IGN}: what {@code handle} returns for a signal left ignored. */
        static final Object SIG_IGN;

        static {
            try {
                Class<?> signal = Class.forName("sun.misc.Signal");
                HANDLER = Class.forName("sun.misc.SignalHandler");
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                NEW_SIGNAL = lookup.findConstructor(signal, MethodType.methodType(void.class, String.class))
                        .asType(MethodType.methodType(Object.class, String.class));
                HANDLE = lookup.findStatic(signal, "handle", MethodType.methodType(HANDLER, signal, HANDLER))
                        .asType(MethodType.methodType(Object.class, Object.class, Object.class));
                SIG_IGN = HANDLER.getField("SIG_IGN").get(null);
            } catch (ReflectiveOperationException e) {
                NoClassDefFoundError missing = new NoClassDefFoundError("sun.misc.Signal: " + e);
                missing.initCause(e);
                throw missing;
            }
        }

        /** {@code new Signal(name)}; IllegalArgumentException for a name this system does not know. */
        static Object signal(String name) {
            try {
                return NEW_SIGNAL.invokeExact(name);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // the constructor declares no checked exception
            }
        }

        /**
         * {@code Signal.handle(signal, handler)}: installs {@code handler} and returns the one it
         * replaces; IllegalArgumentException for a signal the JVM keeps for itself.
         */
        static Object handle(Object signal, Object handler) {
            try {
                return HANDLE.invokeExact(signal, handler);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t); // handle declares no checked exception
            }
        }

        /** A {@code SignalHandler} whose {@code handle(Signal)} runs {@code action}. */
        static Object handler(Runnable action) {
            return Proxy.newProxyInstance(SignalDispatch.class.getClassLoader(), new Class<?>[] {HANDLER},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "handle" -> {
                            action.run();
                            yield null;
                        }
                        case "equals" -> proxy == args[0];
                        case "hashCode" -> System.identityHashCode(proxy);
                        default -> "SignalHandler[" + action + "]"; // toString
                    });
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
            Object signal;
            try {
                signal = Jvm.signal(name);
            } catch (IllegalArgumentException unknown) {
                throw unsupported(name, unknown);
            }
            Installed fresh = new Installed(signal);
            try {
                fresh.previous = Jvm.handle(signal, Jvm.handler(() -> deliver(fresh, name)));
            } catch (IllegalArgumentException reserved) {
                throw unsupported(name, reserved);
            }
            if (fresh.previous == Jvm.SIG_IGN && KEPT_IGNORED.contains(name)) {
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
            Jvm.handle(installed.signal, installed.previous);
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
