package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;

/**
 * A watcher of a {@link Watch} channel's value; use it from one task at a time (clone it for
 * another).
 *
 * <pre>{@code
 * T now = rx.borrow();                  // latest value, any time
 * await(rx.changed());                  // waits for a newer one and marks it seen
 * T newer = rx.borrow();
 * }</pre>
 */
public final class WatchReceiver<T> implements AutoCloseable {
    private final WatchCore<T> core;
    private volatile long seen;
    private boolean closed;

    WatchReceiver(WatchCore<T> core, long seen) {
        this.core = core;
        this.seen = seen;
    }

    /**
     * The latest value; does not mark it seen.
     *
     * @return the current value (possibly null)
     */
    public T borrow() {
        return core.current().value();
    }

    /**
     * The latest value, marking it seen.
     *
     * @return the current value (possibly null)
     */
    public T borrowAndUpdate() {
        WatchCore.Versioned<T> now = core.current();
        seen = now.version();
        return now.value();
    }

    /**
     * Whether a value newer than the last seen one exists.
     *
     * @return {@code true} if the sender replaced the value since this receiver last marked one seen
     */
    public boolean hasChanged() {
        return core.current().version() != seen;
    }

    /**
     * Completes when a value newer than the last seen one exists, and marks it seen; fails with
     * {@link ChannelClosedException} if the sender closed and nothing newer is left to see.
     * Cancelling it changes nothing.
     *
     * @return a future that completes on the next unseen value
     */
    public TryFuture<Void, ChannelClosedException> changed() {
        return new Changed<>(this);
    }

    /**
     * Waits for a change on a plain (non-runtime) thread.
     *
     * @throws ChannelClosedException if the sender closed and nothing newer is left to see
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void blockingChanged() throws ChannelClosedException, InterruptedException {
        Blocking.block(changed(), "receiver.changed()");
    }

    /** A receiver of the same channel that has seen what this one has seen. */
    @Override
    public WatchReceiver<T> clone() {
        WatchReceiver<T> twin = core.subscribe();
        twin.seen = seen;
        return twin;
    }

    /** Unsubscribes. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            core.unsubscribe();
        }
    }

    @Override
    public String toString() {
        return "WatchReceiver[" + borrow() + "]";
    }

    private static final class Changed<T> extends WaitList.Node
            implements TryFuture<Void, ChannelClosedException> {
        private final WatchReceiver<T> receiver;

        Changed(WatchReceiver<T> receiver) {
            this.receiver = receiver;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            long v = receiver.core.pollChanged(receiver.seen, this, cx.waker());
            if (v == -2) {
                return Poll.pending();
            }
            if (v == -1) {
                throw Failures.sneaky(new ChannelClosedException("watch sender closed", null));
            }
            receiver.seen = v;
            return Poll.ready(null);
        }

        @Override
        public boolean cancel() {
            receiver.core.forget(this);
            return false;
        }

        @Override
        public String toString() {
            return "WatchReceiver.changed()";
        }
    }
}
