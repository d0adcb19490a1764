package dev.jawait.sync;

import dev.jawait.Failures;
import dev.jawait.TryFuture;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The sending end of a {@link Channel}. Thread-safe: share it, or {@link #clone()} it to give each
 * producer a handle of its own; the channel ends when every handle is {@linkplain #close()
 * closed}.
 *
 * <pre>{@code
 * try (Sender<Job> jobs = tx.clone()) {
 *     for (Job j : batch) {
 *         await(jobs.send(j));       // waits while the bounded channel is full
 *     }
 * }                                  // this handle is done
 * }</pre>
 *
 * <p>{@link #send} is cancellation-safe: if it is cancelled (its task aborted, or it lost a
 * select) the message was not sent, and a slot it had just been given goes to the next sender.
 * A send into a bounded channel with room is one CAS: no lock, and no allocation beyond the
 * returned future.
 */
public final class Sender<T> implements AutoCloseable {
    private final ChannelCore<T> core;
    private final AtomicBoolean closed = new AtomicBoolean();

    Sender(ChannelCore<T> core) {
        this.core = core;
    }

    /**
     * Sends {@code message} (not {@code null}), waiting while a bounded channel is full; senders
     * waiting for room are served in arrival order. Fails with {@link ChannelClosedException}
     * (which carries the message back) if the channel is closed.
     *
     * @param message the message to queue
     * @return a future that completes once the message is in the channel
     */
    public TryFuture<Void, ChannelClosedException> send(T message) {
        Objects.requireNonNull(message, "message");
        if (closed.get()) {
            return cx -> {
                throw Failures.sneaky(new ChannelClosedException("sender handle closed", message));
            };
        }
        return core.send(message);
    }

    /**
     * Sends at once if there is room and no other sender is waiting for room; returns
     * {@code false} if not. Allocation-free on a bounded channel.
     *
     * @param message the message to queue
     * @return {@code true} if it was queued, {@code false} if the channel is full or senders wait
     * @throws ChannelClosedException if the channel is closed; it carries the message back
     */
    public boolean trySend(T message) throws ChannelClosedException {
        if (closed.get()) {
            throw new ChannelClosedException("sender handle closed", message);
        }
        return core.trySend(message);
    }

    /**
     * Sends from a plain (non-runtime) thread, parking while the channel is full.
     *
     * @param message the message to queue
     * @throws ChannelClosedException if the channel is closed; it carries the message back
     * @throws InterruptedException if the thread is interrupted while it waits for room
     */
    public void blockingSend(T message) throws ChannelClosedException, InterruptedException {
        Blocking.block(send(message), "sender.send(message)");
    }

    /**
     * Another handle on the same channel, to be closed separately. (If the receiver has closed
     * the channel, sends through the new handle fail like through this one.)
     *
     * @throws IllegalStateException if this handle is closed
     */
    @Override
    public Sender<T> clone() {
        if (closed.get()) {
            throw new IllegalStateException("sender handle closed");
        }
        core.addSender();
        return new Sender<>(core);
    }

    /** Closes this handle (once); closing the last handle ends the channel. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            core.dropSender();
        }
    }

    /**
     * Whether sending through this handle fails: the handle or the channel is closed.
     *
     * @return {@code true} when {@link #send} would fail
     */
    public boolean isClosed() {
        return closed.get() || core.isClosed();
    }

    /**
     * The most messages the channel buffers; {@link Integer#MAX_VALUE} when unbounded.
     *
     * @return the channel's capacity
     */
    public int capacity() {
        return core.capacity;
    }

    @Override
    public String toString() {
        return "Sender[" + (isClosed() ? "closed" : "open") + "]";
    }
}
