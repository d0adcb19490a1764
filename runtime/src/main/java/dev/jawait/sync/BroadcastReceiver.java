package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.util.Optional;

/**
 * One subscriber of a {@link Broadcast} channel; use it from one task at a time.
 *
 * <pre>{@code
 * while (true) {
 *     try {
 *         Optional<Quote> q = await(quotes.recv());
 *         if (q.isEmpty()) break;            // every sender closed
 *         show(q.get());
 *     } catch (LaggedException e) {
 *         showGap(e.missed());               // too slow: skipped ahead
 *     }
 * }
 * }</pre>
 *
 * <p>Cancelling {@link #recv()} takes nothing: no message is lost.
 */
public final class BroadcastReceiver<T> implements AutoCloseable {
    private final BroadcastCore<T> core;
    /** Sequence number of the next message to receive; guarded by the core's lock. */
    long next;
    private boolean closed;

    BroadcastReceiver(BroadcastCore<T> core, long next) {
        this.core = core;
        this.next = next;
    }

    /**
     * The next message; {@link Optional#empty()} once every sender is closed and this receiver
     * has seen everything; fails with {@link LaggedException} if messages were overwritten
     * before this receiver got them.
     *
     * @return a future of the next message, or of empty at the end
     */
    public TryFuture<Optional<T>, LaggedException> recv() {
        return new Recv<>(this);
    }

    /**
     * The next message if there is one, else {@code null} (also at the end).
     *
     * @return the next message, or {@code null} when none is there now
     * @throws LaggedException if messages were overwritten before this receiver got them
     */
    @SuppressWarnings("unchecked")
    public T tryRecv() throws LaggedException {
        Object m = core.pollRecv(this, null, null);
        if (m instanceof BroadcastCore.Lag) {
            throw new LaggedException(((BroadcastCore.Lag) m).missed());
        }
        return m == BroadcastCore.PENDING || m == BroadcastCore.END ? null : (T) m;
    }

    /**
     * Receives on a plain (non-runtime) thread, parking until a message or the end.
     *
     * @return the next message, or empty at the end
     * @throws LaggedException if messages were overwritten before this receiver got them
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public Optional<T> blockingRecv() throws LaggedException, InterruptedException {
        return Blocking.block(recv(), "receiver.recv()");
    }

    /** Unsubscribes: senders stop counting this receiver. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            core.unsubscribe();
        }
    }

    @Override
    public String toString() {
        return "BroadcastReceiver";
    }

    private static final class Recv<T> extends WaitList.Node
            implements TryFuture<Optional<T>, LaggedException> {
        private final BroadcastReceiver<T> receiver;

        Recv(BroadcastReceiver<T> receiver) {
            this.receiver = receiver;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Optional<T>> poll(Context cx) {
            if (receiver.closed) {
                throw new IllegalStateException("broadcast receiver closed");
            }
            Object m = receiver.core.pollRecv(receiver, this, cx.waker());
            if (m == BroadcastCore.PENDING) {
                return Poll.pending();
            }
            if (m == BroadcastCore.END) {
                return Poll.ready(Optional.empty());
            }
            if (m instanceof BroadcastCore.Lag) {
                throw Failures.sneaky(new LaggedException(((BroadcastCore.Lag) m).missed()));
            }
            return Poll.ready(Optional.of((T) m));
        }

        @Override
        public boolean cancel() {
            receiver.core.forget(this);
            return false;
        }

        @Override
        public String toString() {
            return "BroadcastReceiver.recv()";
        }
    }
}
