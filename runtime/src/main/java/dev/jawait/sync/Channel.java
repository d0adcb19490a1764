package dev.jawait.sync;

/**
 * A multi-producer, single-consumer FIFO channel, like Tokio's {@code tokio::sync::mpsc}: the
 * {@link Sender} and {@link Receiver} ends of one queue.
 *
 * <pre>{@code
 * Channel<String> ch = Channel.bounded(64);
 * Sender<String> tx = ch.sender();
 * Receiver<String> rx = ch.receiver();
 *
 * Task.spawn(ProducerAsync.run(tx));          // await(tx.send(line)) waits while the buffer is full
 * Optional<String> line;
 * while ((line = await(rx.recv())).isPresent()) {
 *     handle(line.get());
 * }                                           // empty: every sender closed and all was received
 * }</pre>
 *
 * <p><b>Bounded</b> channels give backpressure: {@link Sender#send} waits while {@code capacity}
 * messages are buffered, and waiting senders go in arrival order. <b>Unbounded</b> channels never
 * make a sender wait. Messages must not be {@code null}.
 *
 * <p><b>Closing.</b> The channel ends when every sender handle is closed (share one handle, or
 * make more with {@link Sender#clone()}, each closed once) or when the receiver is closed. The
 * receiver still gets every message sent before that, then {@link Receiver#recv} completes with
 * {@link java.util.Optional#empty()}. Sends after the end fail with {@link ChannelClosedException}.
 *
 * @param sender the sending end (shareable, thread-safe)
 * @param receiver the receiving end (one consumer)
 */
public record Channel<T>(Sender<T> sender, Receiver<T> receiver) {
    /** Largest capacity whose ring is allocated up front (a larger buffer grows as it fills). */
    private static final int RING_LIMIT = 1 << 16;

    /**
     * A channel that buffers at most {@code capacity} (at least 1) messages.
     *
     * @param <T> the message type
     * @param capacity the most messages buffered before {@link Sender#send} waits
     * @return a new channel
     */
    public static <T> Channel<T> bounded(int capacity) {
        if (capacity == Integer.MAX_VALUE) {
            throw new IllegalArgumentException("use Channel.unbounded() for an unbounded channel");
        }
        if (capacity > RING_LIMIT) {
            return over(new LockedChannelCore<>(capacity)); // grows on demand instead
        }
        return over(new RingChannelCore<>(capacity));
    }

    /**
     * A channel whose senders never wait.
     *
     * @param <T> the message type
     * @return a new channel
     */
    public static <T> Channel<T> unbounded() {
        return over(new LockedChannelCore<>(Integer.MAX_VALUE));
    }

    private static <T> Channel<T> over(ChannelCore<T> core) {
        return new Channel<>(new Sender<>(core), new Receiver<>(core));
    }
}
