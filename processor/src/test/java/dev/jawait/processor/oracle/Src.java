package dev.jawait.processor.oracle;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.Waker;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The futures templates await. What they do depends on the global {@link SrcMode} the harness
 * sets before each run: ready at once, pending {@code k} times (waking themselves inline, from
 * another thread, or from another thread after a short delay), failing, or never ready.
 * Each completion is logged as {@code @n=value} (or {@code @n!} for a failure), so the
 * {@link Log} also shows when every awaited future finished relative to the template's side
 * effects.
 *
 * <pre>{@code
 * int x = await(Src.i(1)) + await(Src.i(2));
 * String s;
 * try { s = await(Src.io("data")); } catch (IOException e) { s = "failed"; }
 * }</pre>
 */
public final class Src {
    private static volatile SrcMode mode = SrcMode.ready();
    private static final AtomicInteger CREATED = new AtomicInteger();
    private static final List<Integer> CANCELLED = Collections.synchronizedList(new ArrayList<>());
    private static volatile Runnable onHang;
    private static ScheduledThreadPoolExecutor waker;

    private Src() {}

    // ---- what templates call -------------------------------------------------------------

    /** An int source. */
    public static Future<Integer> i(int value) {
        return new Source<>(value, null, false);
    }

    /** A long source. */
    public static Future<Long> l(long value) {
        return new Source<>(value, null, false);
    }

    /** A boolean source. */
    public static Future<Boolean> b(boolean value) {
        return new Source<>(value, null, false);
    }

    /** A String source. */
    public static Future<String> s(String value) {
        return new Source<>(value, null, false);
    }

    /** A source of any value. */
    public static <T> Future<T> v(T value) {
        return new Source<>(value, null, false);
    }

    /** A {@code Future<Void>}. */
    public static Future<Void> tick() {
        return new Source<>(null, null, false);
    }

    /** An int source that may fail with {@link IOException} (injected failures are IOExceptions). */
    public static TryFuture<Integer, IOException> io(int value) {
        return new Source<>(value, null, true);
    }

    /** A String source that may fail with {@link IOException}. */
    public static TryFuture<String, IOException> io(String value) {
        return new Source<>(value, null, true);
    }

    /** A source that always fails with {@code failure} (after the mode's pending polls). */
    public static <T> Future<T> fail(RuntimeException failure) {
        return new Source<>(null, failure, false);
    }

    /** A source that always fails with {@code IOException(message)}. */
    public static <T> TryFuture<T, IOException> failIo(String message) {
        return new Source<>(null, new IOException(message), true);
    }

    /** A source that always fails with the checked exception {@code failure}. */
    public static <T, X extends Exception> TryFuture<T, X> failWith(X failure) {
        return new Source<>(null, failure, false);
    }

    /**
     * A {@link CompletionStage} source: already complete when the mode is READY, else completed
     * from another thread shortly after; fails with {@code IllegalStateException} when it is
     * the mode's failing source. Not logged (it completes on another thread, at no fixed point).
     */
    public static <T> CompletionStage<T> stage(T value) {
        int index = CREATED.incrementAndGet();
        SrcMode m = mode;
        CompletableFuture<T> stage = new CompletableFuture<>();
        Runnable complete = () -> {
            if (index == m.failAt() || index == m.hangAt()) {
                stage.completeExceptionally(new IllegalStateException("injected at stage #" + index));
            } else {
                stage.complete(value);
            }
        };
        if (m.pendings() == 0) {
            complete.run();
        } else {
            waker().schedule(complete, 200, TimeUnit.MICROSECONDS);
        }
        return stage;
    }

    // ---- what the harness calls ----------------------------------------------------------

    /** Starts a run: sets the mode, restarts numbering, forgets cancellations and hang hooks. */
    public static void reset(SrcMode newMode) {
        mode = newMode;
        CREATED.set(0);
        CANCELLED.clear();
        onHang = null;
    }

    /** How many sources the current run created. */
    public static int created() {
        return CREATED.get();
    }

    /** The numbers of the sources whose {@code cancel()} was called in this run, in order. */
    public static List<Integer> cancelled() {
        synchronized (CANCELLED) {
            return new ArrayList<>(CANCELLED);
        }
    }

    /** Called (once, from the polling thread) when the hanging source is first polled. */
    public static void onHang(Runnable hook) {
        onHang = hook;
    }

    /** Stops the helper thread that delivers delayed wake-ups; it restarts on demand. */
    public static synchronized void shutdown() {
        if (waker != null) {
            waker.shutdownNow();
            waker = null;
        }
    }

    private static synchronized ScheduledThreadPoolExecutor waker() {
        if (waker == null) {
            waker = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "oracle-src-waker");
                t.setDaemon(true);
                return t;
            });
        }
        return waker;
    }

    /** One awaited value; leaf future (cancel releases nothing and returns false). */
    private static final class Source<T, E extends Exception> implements TryFuture<T, E> {
        private final int index = CREATED.incrementAndGet();
        private final T value;
        private final Exception failure;
        private final SrcMode modeAtCreation = mode;
        private int polls;
        private boolean done;
        private boolean cancelled;
        private boolean hangSignalled;

        private final boolean io;

        Source(T value, Exception failure, boolean io) {
            this.value = value;
            this.failure = failure;
            this.io = io;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (done) throw new IllegalStateException("Src #" + index + " polled after it completed");
            if (cancelled) throw new IllegalStateException("Src #" + index + " polled after cancel()");
            SrcMode m = modeAtCreation;
            if (index == m.hangAt()) {
                if (!hangSignalled) {
                    hangSignalled = true;
                    Runnable hook = onHang;
                    if (hook != null) hook.run();
                }
                return Poll.pending();
            }
            if (polls < m.pendings()) {
                Waker w = cx.waker();
                switch ((index + polls++) % 3) {
                    case 0 -> w.wake();
                    case 1 -> waker().execute(w::wake);
                    default -> waker().schedule(w::wake, 200, TimeUnit.MICROSECONDS);
                }
                return Poll.pending();
            }
            done = true;
            if (index == m.failAt()) {
                Log.add("@" + index + "!");
                throw Failures.sneaky(injected(m));
            }
            if (failure != null) {
                Log.add("@" + index + "!");
                throw Failures.sneaky(failure);
            }
            Log.add("@" + index + "=" + Render.value(value));
            return Poll.ready(value);
        }

        private Throwable injected(SrcMode m) {
            if (m.cancelAtFail()) return new CancellationException("cancelled at Src #" + index);
            // A TryFuture<_, IOException> source may fail with its checked type; others unchecked.
            if (io || failure instanceof IOException) {
                return new IOException("injected at Src #" + index);
            }
            return new IllegalStateException("injected at Src #" + index);
        }

        @Override
        public boolean cancel() {
            if (done || cancelled) {
                // A protocol violation by the caller; logged so the oracle comparison shows it.
                Log.add("!cancel after completion of Src #" + index);
                return false;
            }
            cancelled = true;
            CANCELLED.add(index);
            return false;
        }

        @Override
        public String toString() {
            return "Src#" + index;
        }
    }
}
