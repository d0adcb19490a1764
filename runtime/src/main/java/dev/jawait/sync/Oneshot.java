package dev.jawait.sync;

/**
 * A channel for exactly one value, like Tokio's {@code tokio::sync::oneshot}: typically how a
 * task hands a result back to whoever asked for it.
 *
 * <pre>{@code
 * Oneshot<Integer> reply = Oneshot.channel();
 * requests.trySend(new Request(query, reply.sender()));
 * int answer = await(reply.receiver().recv());   // throws ChannelClosedException if the
 *                                                 // sender was closed without answering
 * }</pre>
 *
 * <p>The value may be {@code null}. Closing the sender without sending fails the receive with
 * {@link ChannelClosedException}; closing the receiver makes {@link OneshotSender#send} fail with
 * it too.
 *
 * @param sender sends the value once
 * @param receiver receives it once
 */
public record Oneshot<T>(OneshotSender<T> sender, OneshotReceiver<T> receiver) {

    /**
     * A new, empty oneshot channel.
     *
     * @param <T> the value type
     * @return a channel whose sender and receiver are used once
     */
    public static <T> Oneshot<T> channel() {
        OneshotCore<T> core = new OneshotCore<>();
        return new Oneshot<>(new OneshotSender<>(core), new OneshotReceiver<>(core));
    }
}
