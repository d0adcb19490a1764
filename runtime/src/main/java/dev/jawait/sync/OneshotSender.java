package dev.jawait.sync;

import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * The sending half of a {@link Oneshot}: sends one value, or closes without one.
 *
 * <pre>{@code
 * try (OneshotSender<Result> reply = request.reply()) {
 *     reply.send(compute(request));     // if compute throws, close() tells the receiver
 * }
 * }</pre>
 */
public final class OneshotSender<T> implements AutoCloseable {
    private final OneshotCore<T> core;

    OneshotSender(OneshotCore<T> core) {
        this.core = core;
    }

    /**
     * Delivers {@code value} (may be {@code null}); returns {@code false} if the receiver was
     * closed, so nobody will see it.
     *
     * @throws IllegalStateException if a value was already sent or the sender closed
     */
    public boolean send(T value) {
        return core.send(value);
    }

    /** Whether the receiver is closed, so sending is pointless. */
    public boolean isClosed() {
        return core.isReceiverClosed();
    }

    /** Completes when the receiver is closed: lets a producer stop work nobody waits for. */
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
