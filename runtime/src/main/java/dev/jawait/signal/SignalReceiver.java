package dev.jawait.signal;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Receives signals sent to this process, again and again, until closed — like Tokio's
 * {@code signal::unix::Signal}. Made by {@link Signals#receiver}; it listens from that moment
 * (signals that arrive while nobody awaits {@link #recv()} are kept), and {@link #close()} gives
 * the signals back to whoever handled them before — for {@code TERM}, {@code INT} and
 * {@code HUP}, the JVM, which runs the shutdown hooks and exits.
 *
 * <pre>{@code
 * try (SignalReceiver hup = Signals.receiver("HUP")) {
 *     while (true) {
 *         await(hup.recv());            // "HUP"
 *         config = await(ConfigAsync.reload(path));
 *     }
 * }
 * }</pre>
 *
 * <p>Like Unix itself, a receiver coalesces: a signal that arrives while the same signal is still
 * waiting to be received is counted in {@link #received()} but delivered once. One task awaits
 * {@code recv()} at a time. Cancelling a {@code recv()} loses nothing.
 */
public final class SignalReceiver implements AutoCloseable {
    private List<String> names = List.of(); // what it hears: set by listen, before it is handed out
    private final ArrayDeque<String> pending = new ArrayDeque<>(2);
    private Waker waker;
    private long received;
    private boolean closed;

    SignalReceiver() {}

    /**
     * Installs the handlers for {@code requested}, leaving out the signals this process ignores
     * and the JVM keeps ignored; on failure, undoes the ones already installed.
     */
    void listen(List<String> requested) {
        List<String> heard = new ArrayList<>(requested.size());
        try {
            for (String name : requested) {
                if (SignalDispatch.add(name, this)) {
                    heard.add(name);
                }
            }
        } catch (RuntimeException | LinkageError e) {
            for (String name : heard) {
                SignalDispatch.remove(name, this);
            }
            if (e instanceof LinkageError) {
                throw new UnsupportedOperationException("signals need the jdk.unsupported module "
                        + "(sun.misc.Signal), missing from this runtime image", e);
            }
            throw e;
        }
        if (heard.isEmpty()) {
            throw new UnsupportedOperationException("SIG" + String.join(", SIG", requested)
                    + (requested.size() == 1 ? " is" : " are all") + " ignored by this process (it was "
                    + "started so: HUP under nohup, INT as a background job of a script), and the JVM "
                    + "delivers an ignored HUP, INT or TERM to nobody; start it with the signal's "
                    + "default action (e.g. env --default-signal=" + String.join(",", requested) + " java ...)");
        }
        names = List.copyOf(heard);
    }

    /** Called on the JVM's signal thread. */
    void delivered(String name) {
        Waker w;
        synchronized (this) {
            if (closed) {
                return;
            }
            received++;
            if (!pending.contains(name)) {
                pending.add(name);
            }
            w = waker;
            waker = null;
        }
        if (w != null) {
            w.wake();
        }
    }

    /**
     * The next signal, by name without {@code SIG} ({@code "HUP"}): at once if one arrived
     * since the last {@code recv()}, else when one arrives. Fails with
     * {@link IllegalStateException} if the receiver is (or gets) closed.
     *
     * @return a future of the next signal's name
     */
    public Future<String> recv() {
        return new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                synchronized (SignalReceiver.this) {
                    String next = pending.poll();
                    if (next != null) {
                        return Poll.ready(next);
                    }
                    if (closed) {
                        throw new IllegalStateException(SignalReceiver.this + " is closed");
                    }
                    waker = cx.waker();
                    return Poll.pending();
                }
            }

            @Override
            public boolean cancel() {
                synchronized (SignalReceiver.this) {
                    waker = null;
                }
                return false;
            }

            @Override
            public String toString() {
                return SignalReceiver.this + ".recv()";
            }
        };
    }

    /**
     * A signal received and not yet taken, or {@code null}; never waits.
     *
     * @return a pending signal's name, or {@code null}
     */
    public synchronized String tryRecv() {
        return pending.poll();
    }

    /**
     * How many signals arrived since this receiver was made (coalesced ones included).
     *
     * @return the count of signals delivered to this receiver
     */
    public synchronized long received() {
        return received;
    }

    /**
     * The signals this receiver listens to, without {@code SIG}: those asked for, but for a
     * {@code HUP}, {@code INT} or {@code TERM} this process ignores (the JVM never sees those).
     *
     * @return the names given to {@link Signals#receiver(String...)}, less those left out
     */
    public List<String> signals() {
        return names;
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return {@code true} until closed
     */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /**
     * Stops listening: the previous handlers are back once no other receiver listens, and a
     * pending {@link #recv()} fails with {@link IllegalStateException}. Idempotent.
     */
    @Override
    public void close() {
        Waker w;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            w = waker;
            waker = null;
        }
        for (String name : names) {
            SignalDispatch.remove(name, this);
        }
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public String toString() {
        return "SignalReceiver[SIG" + String.join(", SIG", names) + "]";
    }
}
