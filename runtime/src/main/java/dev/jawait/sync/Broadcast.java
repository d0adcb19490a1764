package dev.jawait.sync;

/**
 * A multi-producer, multi-consumer channel where every receiver sees every message, like Tokio's
 * {@code tokio::sync::broadcast}.
 *
 * <pre>{@code
 * Broadcast<Event> bus = Broadcast.channel(128);
 * BroadcastReceiver<Event> mine = bus.sender().subscribe();   // sees what is sent from now on
 * bus.sender().send(new Event("started"));
 * Optional<Event> e = await(mine.recv());
 * }</pre>
 *
 * <p>Sending never waits: the last {@code capacity} messages are kept in a ring, and a receiver
 * that falls further behind gets a {@link LaggedException} saying how many it missed, then carries
 * on from the oldest message still kept. When every sender handle is closed, receivers get the
 * remaining messages and then {@link java.util.Optional#empty()}; when every receiver is closed,
 * {@link BroadcastSender#send} fails with {@link ChannelClosedException}. Messages must not be
 * {@code null}; the ring keeps each message until it is overwritten.
 *
 * @param sender the first sender handle (more via {@link BroadcastSender#clone()})
 * @param receiver the first receiver (more via {@link BroadcastSender#subscribe()})
 */
public record Broadcast<T>(BroadcastSender<T> sender, BroadcastReceiver<T> receiver) {

    /**
     * A broadcast channel keeping the last {@code capacity} (at least 1) messages.
     *
     * @param <T> the message type
     * @param capacity how many recent messages are kept for slow receivers
     * @return a new channel with one sender and no receiver yet
     */
    public static <T> Broadcast<T> channel(int capacity) {
        BroadcastCore<T> core = new BroadcastCore<>(capacity);
        return new Broadcast<>(new BroadcastSender<>(core), core.subscribe());
    }
}
