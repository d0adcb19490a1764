package dev.jawait.sync;

import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * The sending half of a {@link Oneshot}: sends one value, or closes without one.
 *
 * <pre>{@code
 * try (OneshotSender<Result> reply = request.reply()) {
 *     reply.send(compute(request));     // if compute throws, close() tells the receiver
 * } catch (ChannelClosedException e) {
 *     // the requester went away: nobody wants the result
 * }
 * }</pre>
 */
public final class OneshotSender<T> implements AutoCloseable {
    private final OneshotCore<T> core;

    OneshotSender(OneshotCore<T> core) {
        this.core = core;
    }

    /**
     * Delivers {@code value} (may be {@code null}).
     *
     * @param value the value for the receiver
     * @throws ChannelClosedException if the receiver was closed, so nobody will see the value
     *     ({@link ChannelClosedException#unsent()} hands it back)
     * @throws IllegalStateException if a value was already sent or the sender closed
     */
    public void send(T value) throws ChannelClosedException {
        if (!core.send(value)) {
            throw new ChannelClosedException("oneshot receiver closed", value);
        }
    }

    /**
     * Whether the receiver is closed, so sending is pointless.
     *
     * @return {@code true} once the receiver is closed
     */
    public boolean isClosed() {
        return core.isReceiverClosed();
    }

    /**
     * Completes when the receiver is closed: lets a producer stop work nobody waits for.
     *
     * @return a future that completes when the receiver is closed
     */
    public Future<Void> closed() {
        return cx -> core.pollReceiverClosed(cx.waker()) ? Poll.ready(null) : Poll.pending();
    }

    /** Without a value sent, makes the receive fail with {@link ChannelClosedException}. */
    @Override
    public void close() {
        core.closeSender();
    }

    @Override
    public String toString() {
        return "OneshotSender";
    }
}
