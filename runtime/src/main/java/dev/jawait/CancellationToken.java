package dev.jawait;

import dev.jawait.internal.Wrapper;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * A signal to stop, given from any thread and observed by any number of tasks, like Tokio's
 * {@code CancellationToken} or .NET's: {@link #cancel()} sets it once and for all,
 * {@link #cancelled()} is a future that completes when it is set, and {@link #guard guard(f)}
 * runs {@code f} but cancels it, failing with {@link CancellationException}, if the token is
 * cancelled first. {@link #child()} makes a token that is cancelled with this one (never the
 * reverse), for a part of the work that can also be stopped on its own.
 *
 * <pre>{@code
 * CancellationToken shutdown = new CancellationToken();
 *
 * @Async
 * static void serve(TcpListener listener, CancellationToken shutdown) throws IOException {
 *     while (true) {
 *         TcpStream s;
 *         try {
 *             s = await(shutdown.guard(listener.accept()));
 *         } catch (CancellationException stop) {
 *             return;                              // shutdown.cancel() was called
 *         }
 *         Task.spawn(ConnAsync.handle(s, shutdown.child()));
 *     }
 * }
 * // from a signal handler, another task, a test:
 * shutdown.cancel();
 * }</pre>
 *
 * <p>A child holds a reference to its parent, never the reverse: child tokens made per request
 * of a long-lived token are collected with their request. A future waiting on a child registers
 * with the child and each of its ancestors, and leaves them when it completes or is cancelled.
 */
public final class CancellationToken {
    private static final VarHandle CANCELLED;

    static {
        try {
            CANCELLED = MethodHandles.lookup().findVarHandle(CancellationToken.class, "cancelled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final CancellationToken parent;
    /** Set once by {@link #cancel()}; an ancestor's flag counts too (see {@link #isCancelled()}). */
    private volatile boolean cancelled;
    // Guarded by this token's lock (the token itself; waiters are woken outside it).
    private Waiting head;
    private Waiting tail;

    /** A token that is not cancelled. */
    public CancellationToken() {
        this(null);
    }

    private CancellationToken(CancellationToken parent) {
        this.parent = parent;
    }

    /**
     * A token cancelled when this one is (at once if it already is), and on its own
     * {@link #cancel()}, which leaves this one alone.
     *
     * @return a new token, cancelled with this one or by itself
     */
    public CancellationToken child() {
        return new CancellationToken(this);
    }

    /**
     * Cancels this token and its children, and wakes everything waiting on them. Idempotent;
     * any thread.
     */
    public void cancel() {
        if (!CANCELLED.compareAndSet(this, false, true)) {
            return;
        }
        Waiting chain;
        synchronized (this) {
            chain = head;
            for (Waiting w = head; w != null; w = w.next) {
                w.linked = false;
            }
            head = tail = null;
        }
        // The nodes stay chained through next until their futures look again: walk, then wake.
        while (chain != null) {
            Waiting following = chain.next;
            chain.next = chain.prev = null;
            chain.wake();
            chain = following;
        }
    }

    /**
     * Whether this token, or an ancestor, was cancelled.
     *
     * @return {@code true} once {@link #cancel()} was called on this token or on any token it descends from
     */
    public boolean isCancelled() {
        for (CancellationToken t = this; t != null; t = t.parent) {
            if (t.cancelled) {
                return true;
            }
        }
        return false;
    }

    /**
     * A future that completes (with null) once this token is cancelled; at once if it already
     * is. Cancelling the future only stops waiting.
     *
     * <pre>{@code
     * await(token.cancelled());
     * }</pre>
     *
     * @return a future of {@code null}, ready once this token is cancelled
     */
    public Future<Void> cancelled() {
        return new Cancelled(this);
    }

    /**
     * Runs {@code future}; if this token is cancelled before it completes, {@code future} is
     * cancelled (and, if it takes charge of that, polled until its {@code finally} code ran)
     * and the guard fails with {@link CancellationException}. Checked at each poll before
     * {@code future} is polled, so a token cancelled first wins even if {@code future} could
     * complete in the same poll.
     *
     * <pre>{@code
     * String line = await(token.guard(reader.readLine()));
     * }</pre>
     *
     * @param <T> the guarded future's value type
     * @param future the work to stop when the token fires; the guard owns it from now on
     * @return a future of {@code future}'s value, failing with {@code CancellationException} if the token
     *     fires first
     */
    public <T> Future<T> guard(Future<T> future) {
        return new Guarded<>(this, Objects.requireNonNull(future, "future"));
    }

    /**
     * {@link #guard(Future)} for a {@link TryFuture}: its checked failure stays declared.
     *
     * @param <T> the guarded future's value type
     * @param <E> the checked failure {@code future} declares
     * @param future the work to stop when the token fires; the guard owns it from now on
     * @return a future of {@code future}'s value, failing with {@code CancellationException} if the token
     *     fires first
     */
    public <T, E extends Throwable> TryFuture<T, E> guard(TryFuture<T, E> future) {
        return new Guarded<>(this, Objects.requireNonNull(future, "future"));
    }

    @Override
    public String toString() {
        return "CancellationToken[" + (isCancelled() ? "cancelled" : "active") + "]";
    }

    // ---- waiting -----------------------------------------------------------------------------

    /** Registers {@code w} with this token unless it is cancelled; returns whether it did. */
    private boolean add(Waiting w) {
        synchronized (this) {
            if (cancelled) {
                return false;
            }
            w.prev = tail;
            w.next = null;
            if (tail == null) {
                head = w;
            } else {
                tail.next = w;
            }
            tail = w;
            w.linked = true;
            return true;
        }
    }

    private void remove(Waiting w) {
        synchronized (this) {
            if (!w.linked) {
                return;
            }
            if (w.prev == null) {
                head = w.next;
            } else {
                w.prev.next = w.next;
            }
            if (w.next == null) {
                tail = w.prev;
            } else {
                w.next.prev = w.prev;
            }
            w.prev = w.next = null;
            w.linked = false;
        }
    }

    /**
     * One registration of a waiting future with one token of the chain from the token it
     * waits on up to the root: each ancestor's {@code cancel()} must reach it.
     */
    private static final class Waiting {
        final Waiter owner;
        Waiting prev;
        Waiting next;
        boolean linked;

        Waiting(Waiter owner) {
            this.owner = owner;
        }

        void wake() {
            Waker w = owner.waker;
            if (w != null) {
                w.wake();
            }
        }
    }

    /** What a future waiting on a token keeps: its waker and its registrations. */
    private static final class Waiter {
        private final CancellationToken token;
        volatile Waker waker;
        private Waiting[] registrations;

        Waiter(CancellationToken token) {
            this.token = token;
        }

        /**
         * Whether the token is cancelled; when not, makes sure a cancel from now on wakes
         * {@code waker}. The waker is published before the registrations, and every token's
         * flag is read after its registration, so a cancel is either seen here or wakes us.
         */
        boolean cancelledOrWatch(Waker next) {
            waker = next;
            if (registrations == null) {
                int depth = 0;
                for (CancellationToken t = token; t != null; t = t.parent) {
                    depth++;
                }
                Waiting[] regs = new Waiting[depth];
                int i = 0;
                for (CancellationToken t = token; t != null; t = t.parent) {
                    Waiting w = new Waiting(this);
                    regs[i++] = w;
                    if (!t.add(w)) {
                        registrations = regs;
                        return true; // cancelled: unwatch() drops what was added
                    }
                }
                registrations = regs;
            }
            return token.isCancelled();
        }

        /** Leaves every token; idempotent. */
        void unwatch() {
            waker = null;
            Waiting[] regs = registrations;
            if (regs == null) {
                return;
            }
            int i = 0;
            for (CancellationToken t = token; t != null && i < regs.length; t = t.parent, i++) {
                if (regs[i] != null) {
                    t.remove(regs[i]);
                }
            }
            registrations = null;
        }
    }

    /** {@link #cancelled()}. */
    private static final class Cancelled implements Future<Void> {
        private final Waiter waiter;

        Cancelled(CancellationToken token) {
            this.waiter = new Waiter(token);
        }

        @Override
        public Poll<Void> poll(Context cx) {
            if (waiter.token.isCancelled() || waiter.cancelledOrWatch(cx.waker())) {
                waiter.unwatch();
                return Poll.ready(null);
            }
            return Poll.pending();
        }

        @Override
        public boolean cancel() {
            waiter.unwatch();
            return false;
        }

        @Override
        public String toString() {
            return "CancellationToken.cancelled (" + (waiter.token.isCancelled() ? "cancelled" : "waiting") + ")";
        }
    }

    /** {@link #guard}: the future, cancelled when the token fires first. */
    private static final class Guarded<T, E extends Throwable> implements TryFuture<T, E>, Wrapper {
        private static final String BY_TOKEN = "cancelled by its CancellationToken";

        private final Waiter waiter;
        /** The future, null once it completed or was dropped. */
        private Future<T> future;
        /**
         * Set once the future was cancelled (by the token, or by whoever polls this guard) and
         * took charge of it: it is polled until it completes, then this fails with it.
         */
        private String cancelling;

        Guarded(CancellationToken token, Future<T> future) {
            this.waiter = new Waiter(token);
            this.future = future;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Future<T> f = future;
            if (f == null) {
                throw new CancellationException(BY_TOKEN);
            }
            if (cancelling == null && waiter.token.isCancelled()) {
                return cancelByToken(f, cx);
            }
            if (cancelling != null) {
                return drain(f, cx);
            }
            Poll<T> p;
            try {
                p = f.poll(cx);
            } catch (Throwable failure) {
                future = null;
                waiter.unwatch();
                throw failure;
            }
            if (p.isReady()) {
                future = null;
                waiter.unwatch();
                return p;
            }
            if (waiter.cancelledOrWatch(cx.waker())) {
                return cancelByToken(f, cx); // fired meanwhile
            }
            return Poll.pending();
        }

        /** The token fired before the future completed: cancel it, drain it if it takes charge. */
        private Poll<T> cancelByToken(Future<T> f, Context cx) {
            waiter.unwatch();
            if (!f.cancel()) {
                future = null;
                throw new CancellationException(BY_TOKEN);
            }
            cancelling = BY_TOKEN;
            return drain(f, cx);
        }

        /** Polls a cancelled future that took charge until it is done; then fails. */
        private Poll<T> drain(Future<T> f, Context cx) {
            Throwable cleanupFailure = null;
            try {
                if (f.poll(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (CancellationException expected) {
                // the cancellation asked for
            } catch (Throwable t) {
                cleanupFailure = t;
            }
            future = null;
            CancellationException c = new CancellationException(cancelling);
            if (cleanupFailure != null) {
                c.addSuppressed(cleanupFailure); // its finally code failed: say so
            }
            throw c;
        }

        @Override
        public boolean cancel() {
            waiter.unwatch();
            Future<T> f = future;
            if (f == null) {
                return false;
            }
            if (cancelling != null) {
                return true; // already draining
            }
            if (!f.cancel()) {
                future = null;
                return false;
            }
            cancelling = "cancelled";
            return true;
        }

        @Override
        public Future<?> wrapped() {
            return future;
        }

        @Override
        public String toString() {
            return "CancellationToken.guard" + (cancelling != null ? " (cancelling)" : "");
        }
    }
}
