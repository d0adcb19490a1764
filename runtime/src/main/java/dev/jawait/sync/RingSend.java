package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.Waker;

/**
 * A send on a bounded channel ({@link RingChannelCore}). The first poll claims a place with one
 * CAS when there is room and nobody waits, so such a send allocates nothing beyond this future;
 * only a send that must wait allocates its queue node, to take its turn (FIFO, cancellable).
 *
 * <pre>{@code
 * await(new RingSend<>(core, "m"));   // what sender.send("m") returns
 * }</pre>
 *
 * <p>Cancellation-safe: cancelled while queued it delivers nothing; cancelled after room was
 * granted but before it pushed, it passes the room to the next waiting sender.
 */
final class RingSend<T> implements TryFuture<Void, ChannelClosedException> {
    /** {@link #waiter} once the message went in. */
    private static final RingChannelCore.SendWaiter SENT = new RingChannelCore.SendWaiter();

    private final RingChannelCore<T> core;
    private final T message;
    /** The place in the queue for room; {@code null} until the send has to wait. */
    private RingChannelCore.SendWaiter waiter;

    RingSend(RingChannelCore<T> core, T message) {
        this.core = core;
        this.message = message;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (waiter == null && core.tryClaim(message)) {
            waiter = SENT;
            return Poll.ready(null);
        }
        return pollSlow(cx);
    }

    private Poll<Void> pollSlow(Context cx) {
        RingChannelCore.SendWaiter w = waiter;
        if (w == SENT) {
            throw new IllegalStateException("send polled after it completed");
        }
        int status;
        if (w == null) {
            w = waiter = new RingChannelCore.SendWaiter();
            status = core.enqueue(w, cx.waker(), message);
            if (status == RingChannelCore.SendWaiter.GRANTED) {
                waiter = SENT; // pushed already
                return Poll.ready(null);
            }
        } else {
            Waker waker = cx.waker();
            if (w.waker != waker) {
                w.waker = waker;
            }
            status = w.status; // re-read after publishing the waker
            if (status == RingChannelCore.SendWaiter.GRANTED) {
                waiter = SENT;
                if (core.pushReserved(w, message)) {
                    return Poll.ready(null);
                }
                status = RingChannelCore.SendWaiter.CLOSED_OUT;
            }
        }
        if (status == RingChannelCore.SendWaiter.WAITING) {
            return Poll.pending();
        }
        if (status == RingChannelCore.SendWaiter.CLOSED_OUT) {
            throw Failures.sneaky(new ChannelClosedException(message));
        }
        throw new IllegalStateException("send polled after it was cancelled");
    }

    @Override
    public boolean cancel() {
        RingChannelCore.SendWaiter w = waiter;
        if (w != null && w != SENT) {
            core.cancel(w);
        }
        return false;
    }

    @Override
    public String toString() {
        return "Sender.send(" + message + ")";
    }
}
