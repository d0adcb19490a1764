package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.Optional;

/**
 * The receiving end of a {@link Channel}: one consumer takes the messages in order.
 *
 * <pre>{@code
 * Optional<Event> e;
 * while ((e = await(events.recv())).isPresent()) {
 *     apply(e.get());
 * }
 * // every sender closed (or events.close()) and everything sent was received
 * }</pre>
 *
 * <p>{@link #recv} is cancellation-safe: a cancelled receive has taken nothing, so no message is
 * lost. Use it from one task at a time.
 */
public final class Receiver<T> implements AutoCloseable {
    private final ChannelCore<T> core;
    /** A completed receive, reused by the next {@link #recv()} (the receiver has one consumer). */
    private Recv<T> idle;

    Receiver(ChannelCore<T> core) {
        this.core = core;
    }

    /**
     * The next message; {@link Optional#empty()} once the channel is closed and every message
     * sent before was received.
     *
     * <p>A receive that completed is reused by the next call, so receiving allocates no future
     * (only the {@code Optional}): as with any future, do not poll or cancel it after it completed.
     *
     * @return a future of the next message, or of empty at the end
     */
    public Future<Optional<T>> recv() {
        Recv<T> r = idle;
        if (r != null) {
            idle = null;
            return r;
        }
        return new Recv<>(this);
    }

    /**
     * The next message if one is buffered, else {@code null}; allocation-free.
     *
     * @return the next message, or {@code null} when none is buffered (or at the end)
     */
    @SuppressWarnings("unchecked")
    public T tryRecv() {
        Object m = core.pollRecv(null, null);
        return m == ChannelCore.END || m == ChannelCore.BUSY ? null : (T) m;
    }

    /**
     * Receives from a plain (non-runtime) thread, parking until a message or the end arrives.
     *
     * @return the next message, or empty at the end
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public Optional<T> blockingRecv() throws InterruptedException {
        return Blocking.block(recv(), "receiver.recv()");
    }

    /**
     * Stops the channel accepting messages: senders (waiting ones included) fail with
     * {@link ChannelClosedException}; messages already buffered can still be received.
     */
    @Override
    public void close() {
        core.close();
    }

    /**
     * Whether no more messages will be accepted (the receiver or every sender closed).
     *
     * @return {@code true} once sending can no longer succeed
     */
    public boolean isClosed() {
        return core.isClosed();
    }

    /**
     * Whether the stream has ended: closed, and every message received.
     *
     * @return {@code true} when {@link #recv()} can only return empty
     */
    public boolean isTerminated() {
        return core.isTerminated();
    }

    /**
     * Messages buffered right now.
     *
     * @return the number of messages waiting to be received
     */
    public int size() {
        return core.size();
    }

    /** The most messages ever buffered at once; for tests of the capacity bound. */
    int highWaterMark() {
        return core.highWaterMark();
    }

    @Override
    public String toString() {
        return "Receiver[size=" + size() + (isClosed() ? ", closed]" : "]");
    }

    private static final class Recv<T> implements Future<Optional<T>> {
        private final Receiver<T> receiver;
        private boolean registered;

        Recv(Receiver<T> receiver) {
            this.receiver = receiver;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<Optional<T>> poll(Context cx) {
            Receiver<T> rx = receiver;
            Object m = rx.core.pollRecv(cx.waker(), this);
            if (m == null || m == ChannelCore.BUSY) {
                return notYet(m, cx);
            }
            registered = false;
            rx.idle = this;
            return Poll.ready(m == ChannelCore.END ? Optional.empty() : Optional.of((T) m));
        }

        private Poll<Optional<T>> notYet(Object m, Context cx) {
            if (m == null) {
                registered = true;
            } else {
                cx.waker().wake(); // a sender is mid-write on another thread: come back shortly
            }
            return Poll.pending();
        }

        @Override
        public boolean cancel() {
            if (registered) {
                receiver.core.forgetReceiver(this);
                registered = false;
            }
            return false;
        }

        @Override
        public String toString() {
            return "Receiver.recv()";
        }
    }
}
