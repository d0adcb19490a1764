package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** Hand-written futures for runtime tests: a trigger fired from outside, a cleanup composite. */
public final class TestFutures {
    private TestFutures() {}

    /** A leaf pending until {@link #fire}; counts polls; cancel() releases and returns false. */
    public static final class Trigger<T> implements Future<T> {
        private volatile Waker waker;
        private volatile boolean fired;
        private volatile T value;
        public final AtomicInteger polls = new AtomicInteger();
        public final AtomicBoolean cancelled = new AtomicBoolean();

        @Override
        public Poll<T> poll(Context cx) {
            polls.incrementAndGet();
            if (fired) {
                return Poll.ready(value);
            }
            waker = cx.waker();
            if (fired) {
                return Poll.ready(value);
            }
            return Poll.pending();
        }

        public void fire(T v) {
            value = v;
            fired = true;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        @Override
        public boolean cancel() {
            cancelled.set(true);
            waker = null;
            return false;
        }
    }

    /**
     * A composite like a generated state machine: waits on a child; when cancelled it cancels
     * the child, returns true, and on the next poll runs its "finally" (sets the flag) and throws
     * CancellationException.
     */
    public static final class WithFinally<T> implements Future<T> {
        private final Future<T> child;
        private boolean cancelling;
        public final AtomicBoolean finallyRan = new AtomicBoolean();

        public WithFinally(Future<T> child) {
            this.child = child;
        }

        @Override
        public Poll<T> poll(Context cx) {
            if (cancelling) {
                finallyRan.set(true);
                throw new CancellationException("cancelled at await");
            }
            Poll<T> p;
            try {
                p = child.poll(cx);
            } catch (RuntimeException | Error e) {
                finallyRan.set(true);
                throw e;
            }
            if (p.isReady()) {
                finallyRan.set(true);
            }
            return p;
        }

        @Override
        public boolean cancel() {
            cancelling = true;
            child.cancel();
            return true;
        }
    }

    /** Pending forever, waking itself every poll: a busy task. */
    public static Future<Void> spinForever(AtomicInteger polls) {
        return cx -> {
            polls.incrementAndGet();
            cx.waker().wake();
            return Poll.pending();
        };
    }
}
