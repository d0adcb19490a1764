package dev.jawait.sync;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A sending handle of a {@link Broadcast} channel; thread-safe. The channel ends when every handle
 * is closed.
 *
 * <pre>{@code
 * try (BroadcastSender<String> tx = bus.sender()) {
 *     tx.send("shutdown");           // never waits; old messages are overwritten
 * } catch (ChannelClosedException e) {
 *     // every receiver is gone: nobody would see it
 * }
 * }</pre>
 */
public final class BroadcastSender<T> implements AutoCloseable {
    private final BroadcastCore<T> core;
    private final AtomicBoolean closed = new AtomicBoolean();

    BroadcastSender(BroadcastCore<T> core) {
        this.core = core;
    }

    /**
     * Sends {@code message} (not {@code null}) to every current receiver without waiting; returns
     * how many receivers will see it (at least 1).
     *
     * @param message the message for every receiver
     * @return the number of receivers subscribed when it was sent
     * @throws ChannelClosedException if no receiver is subscribed (every one was closed): nobody
     *     would ever see the message, so it is not kept; {@link ChannelClosedException#unsent()}
     *     hands it back. A later {@link #subscribe()} makes sending possible again.
     * @throws IllegalStateException if this handle or the channel is closed
     */
    public int send(T message) throws ChannelClosedException {
        if (closed.get()) {
            throw new IllegalStateException("broadcast sender closed");
        }
        return core.send(message);
    }

    /**
     * A new receiver that sees every message sent from now on.
     *
     * @return a receiver positioned after the last message sent
     */
    public BroadcastReceiver<T> subscribe() {
        return core.subscribe();
    }

    /**
     * How many receivers are subscribed.
     *
     * @return the number of receivers not closed yet
     */
    public int receiverCount() {
        return core.receiverCount();
    }

    /** Another handle on the same channel, closed separately. */
    @Override
    public BroadcastSender<T> clone() {
        if (closed.get()) {
            throw new IllegalStateException("broadcast sender closed");
        }
        core.addSender();
        return new BroadcastSender<>(core);
    }

    /** Closes this handle (once); the last one ends the channel for every receiver. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            core.dropSender();
        }
    }

    @Override
    public String toString() {
        return "BroadcastSender[receivers=" + receiverCount() + "]";
    }
}
