package dev.jawait.sync;

/**
 * The other side of a channel is gone: a send after every receiver closed (mpsc, oneshot,
 * broadcast, watch) or after every sender handle closed, or a oneshot/watch receive whose sender
 * closed without a value.
 *
 * <pre>{@code
 * try {
 *     await(tx.send(job));
 * } catch (ChannelClosedException e) {
 *     Job lost = (Job) e.unsent();       // the message that was not delivered
 * }
 * }</pre>
 *
 * <p>It is checked, so {@code await(tx.send(m))} reminds the caller that the receiver may have
 * gone away. A failed send hands the message back through {@link #unsent()}.
 */
public final class ChannelClosedException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Not serialised: messages need not be serialisable. */
    private final transient Object unsent;

    /** A closed-channel failure without an undelivered message. */
    public ChannelClosedException() {
        this("channel closed", null);
    }

    /**
     * A failed send of {@code unsent}.
     *
     * @param unsent the message handed back to the sender, or {@code null}
     */
    public ChannelClosedException(Object unsent) {
        this("channel closed", unsent);
    }

    ChannelClosedException(String message, Object unsent) {
        super(message);
        this.unsent = unsent;
    }

    /**
     * The message that could not be sent, or {@code null} when this is not a send failure.
     *
     * @return the message given back, or {@code null}
     */
    public Object unsent() {
        return unsent;
    }
}
