package dev.jawait;

import java.util.concurrent.CancellationException;

/**
 * The engine of {@link Futures#join join} and {@link Futures#race race}: polls only the
 * children that were woken (each child gets its own small waker that marks it and wakes the
 * parent), and cancels children following the {@link Future#cancel()} protocol: a child whose
 * {@code cancel()} returns true is polled to completion before the composite completes, so its
 * {@code finally} code runs.
 *
 * <pre>{@code
 * Future<Object[]> all = new CompositeFuture.Join(new Future<?>[] {a, b});
 * }</pre>
 */
abstract class CompositeFuture<R> implements Future<R> {
    private static final byte PENDING = 0;
    private static final byte DONE = 1;
    /** Cancelled, but took charge of it: poll until it completes, ignore the outcome. */
    private static final byte DRAINING = 2;

    /** A child's waker: marks the child as worth polling and wakes the parent's task. */
    private static final class ChildWaker implements Waker, Context {
        private final CompositeFuture<?> parent;
        private volatile boolean woken = true;

        ChildWaker(CompositeFuture<?> parent) {
            this.parent = parent;
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public void wake() {
            if (!woken) {
                woken = true;
                Waker p = parent.parentWaker;
                if (p != null) {
                    p.wake();
                }
            }
        }
    }

    private final Future<?>[] children;
    private final byte[] status;
    private final ChildWaker[] wakers;
    private volatile Waker parentWaker;
    private int draining;
    /** Set once the composite decided its outcome (a failure, a race winner, or cancel). */
    private boolean finishing;
    private boolean cancelled;
    private Throwable failure;

    CompositeFuture(Future<?>[] children) {
        this.children = children;
        this.status = new byte[children.length];
        this.wakers = new ChildWaker[children.length];
        for (int i = 0; i < children.length; i++) {
            wakers[i] = new ChildWaker(this);
        }
    }

    /** A child completed with {@code value} while the composite is still undecided. */
    abstract void onValue(int index, Object value);

    /** Whether the composite is decided now (e.g. a race has a winner, a join has all values). */
    abstract boolean decided();

    /** The value when decided without failure. */
    abstract R result();

    @Override
    public final Poll<R> poll(Context cx) {
        parentWaker = cx.waker();
        boolean rescan = true;
        while (rescan) {
            rescan = false;
            for (int i = 0; i < children.length; i++) {
                byte st = status[i];
                if (st == DONE || !wakers[i].woken) {
                    continue;
                }
                wakers[i].woken = false;
                Poll<?> p;
                try {
                    p = children[i].poll(wakers[i]);
                } catch (Throwable e) {
                    finishChild(i);
                    if (st == PENDING && !finishing) {
                        failure = e;
                        startFinishing();
                        rescan = true;
                    }
                    continue;
                }
                if (p.isPending()) {
                    continue;
                }
                finishChild(i);
                if (st == PENDING && !finishing) {
                    onValue(i, p.value());
                    if (decided()) {
                        startFinishing();
                        rescan = true;
                    }
                }
            }
        }
        if (finishing && draining == 0) {
            detachParent();
            if (failure != null) {
                throw Failures.sneaky(failure);
            }
            if (cancelled) {
                throw new CancellationException("cancelled");
            }
            return Poll.ready(result());
        }
        return Poll.pending();
    }

    private void finishChild(int i) {
        if (status[i] == DRAINING) {
            draining--;
        }
        status[i] = DONE;
        children[i] = null; // let the finished child be collected
    }

    /** Cancels every child still pending; those that take charge are drained. */
    private void startFinishing() {
        finishing = true;
        for (int i = 0; i < children.length; i++) {
            if (status[i] != PENDING) {
                continue;
            }
            boolean drain;
            try {
                drain = children[i].cancel();
            } catch (Throwable e) {
                drain = false;
            }
            if (drain) {
                status[i] = DRAINING;
                draining++;
                wakers[i].woken = true;
            } else {
                status[i] = DONE;
                children[i] = null;
            }
        }
    }

    private void detachParent() {
        parentWaker = null; // late child wakes must not wake the (reused) parent task
    }

    @Override
    public final boolean cancel() {
        if (!finishing) {
            cancelled = true;
            startFinishing();
        }
        return true;
    }

    /** Waits for every child; the first failure fails it and cancels the rest. */
    static final class Join extends CompositeFuture<Object[]> {
        private final Object[] values;
        private int remaining;

        Join(Future<?>[] children) {
            super(children);
            this.values = new Object[children.length];
            this.remaining = children.length;
        }

        @Override
        void onValue(int index, Object value) {
            values[index] = value;
            remaining--;
        }

        @Override
        boolean decided() {
            return remaining == 0;
        }

        @Override
        Object[] result() {
            return values;
        }
    }

    /** The first child to complete (value or failure) decides; the others are cancelled. */
    static final class Race<T> extends CompositeFuture<T> {
        private boolean won;
        private T winner;

        Race(Future<?>[] children) {
            super(children);
        }

        @Override
        @SuppressWarnings("unchecked")
        void onValue(int index, Object value) {
            won = true;
            winner = (T) value;
        }

        @Override
        boolean decided() {
            return won;
        }

        @Override
        T result() {
            return winner;
        }
    }
}
