package dev.jawait.sync;

import dev.jawait.Failures;
import dev.jawait.TryFuture;

/**
 * A send on a {@link LockedChannelCore} with a bound: reserve a slot from its {@link PermitQueue}
 * (fair, cancellable), then push. Channels whose ring would be too large to preallocate use it.
 *
 * <pre>{@code
 * TryFuture<Void, ChannelClosedException> f = new QueuedSend<>(core, "m");   // core.send("m")
 * }</pre>
 */
final class QueuedSend<T> extends PermitFuture<Void> implements TryFuture<Void, ChannelClosedException> {
    private final LockedChannelCore<T> core;
    private final T message;

    QueuedSend(LockedChannelCore<T> core, T message) {
        super(core.slots, 1);
        this.core = core;
        this.message = message;
    }

    @Override
    Void granted() {
        try {
            core.push(message);
        } catch (ChannelClosedException e) {
            throw Failures.sneaky(e);
        }
        return null;
    }

    @Override
    RuntimeException closed() {
        throw Failures.sneaky(new ChannelClosedException(message));
    }

    @Override
    public String toString() {
        return "Sender.send(" + message + ")";
    }
}
