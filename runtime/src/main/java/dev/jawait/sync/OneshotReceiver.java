package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;

/**
 * The receiving half of a {@link Oneshot}.
 *
 * <pre>{@code
 * String answer = await(reply.recv());   // ChannelClosedException if the sender gave up
 * }</pre>
 *
 * <p>Cancelling {@link #recv()} takes nothing: a later {@code recv()} still gets the value.
 */
public final class OneshotReceiver<T> implements AutoCloseable {
    private final OneshotCore<T> core;

    OneshotReceiver(OneshotCore<T> core) {
        this.core = core;
    }

    /**
     * The value; fails with {@link ChannelClosedException} if the sender closed without one, or if
     * it was already received or this receiver was closed.
     *
     * @return a future of the value sent
     */
    public TryFuture<T, ChannelClosedException> recv() {
        return new Recv<>(core);
    }

    /**
     * Receives on a plain (non-runtime) thread, parking until the value or the close arrives.
     *
     * @return the value sent
     * @throws ChannelClosedException if the sender closed without sending, or the value was already taken
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public T blockingRecv() throws ChannelClosedException, InterruptedException {
        return Blocking.block(recv(), "receiver.recv()");
    }

    /** Refuses the value: {@link OneshotSender#send} then fails with {@link ChannelClosedException}. */
    @Override
    public void close() {
        core.closeReceiver();
    }

    @Override
    public String toString() {
        return "OneshotReceiver";
    }

    private static final class Recv<T> implements TryFuture<T, ChannelClosedException> {
        private final OneshotCore<T> core;
        private final Object[] out = new Object[1];
        private boolean registered;

        Recv(OneshotCore<T> core) {
            this.core = core;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<T> poll(Context cx) {
            int state = core.pollRecv(cx.waker(), this, out);
            if (state == OneshotCore.SENT) {
                registered = false;
                T value = (T) out[0];
                out[0] = null;
                return Poll.ready(value);
            }
            if (state == OneshotCore.EMPTY) {
                registered = true;
                return Poll.pending();
            }
            registered = false;
            String why = state == OneshotCore.SENDER_CLOSED ? "oneshot sender closed without a value"
                    : state == OneshotCore.TAKEN ? "oneshot value already received" : "oneshot receiver closed";
            throw Failures.sneaky(new ChannelClosedException(why, null));
        }

        @Override
        public boolean cancel() {
            if (registered) {
                core.forgetReceiver(this);
                registered = false;
            }
            return false;
        }

        @Override
        public String toString() {
            return "OneshotReceiver.recv()";
        }
    }
}
