package dev.jawait.samples.miniredis;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Routes {@code PUBLISH} to the connections subscribed to a channel. Each subscriber owns a
 * bounded outbox (a jawait channel drained by its writer task); the hub encodes a message once
 * and offers the same bytes to every subscriber, never waiting: a subscriber whose outbox is
 * over its limit is evicted, as Redis does with its pub/sub output-buffer limit, so one slow
 * client cannot stall publishers.
 *
 * <pre>{@code
 * hub.subscribe("news", subscriber);
 * int receivers = hub.publish("news".getBytes(), "hello".getBytes());
 * }</pre>
 */
public final class PubSubHub {

    /** One subscribed connection, as the hub sees it. */
    public interface Subscriber {
        /** Queues an encoded push without waiting; false when the subscriber cannot take it. */
        boolean deliver(byte[] frame);

        /** Called after a refused delivery: the subscriber is too slow and must go away. */
        void evict();
    }

    private final ConcurrentHashMap<String, Set<Subscriber>> channels = new ConcurrentHashMap<>();

    /** Adds the subscriber to a channel; idempotent. */
    public void subscribe(String channel, Subscriber subscriber) {
        channels.compute(channel, (k, set) -> {
            Set<Subscriber> s = set != null ? set : ConcurrentHashMap.newKeySet();
            s.add(subscriber);
            return s;
        });
    }

    /** Removes the subscriber from a channel; the channel disappears with its last subscriber. */
    public void unsubscribe(String channel, Subscriber subscriber) {
        channels.computeIfPresent(channel, (k, set) -> {
            set.remove(subscriber);
            return set.isEmpty() ? null : set;
        });
    }

    /** Sends a message to the channel's subscribers; how many received it. */
    public int publish(byte[] channel, byte[] message) {
        Set<Subscriber> subscribers = channels.get(Numbers.key(channel));
        if (subscribers == null) {
            return 0;
        }
        byte[] frame = RespEncoder.message(channel, message);
        int received = 0;
        for (Subscriber s : subscribers) {
            if (s.deliver(frame)) {
                received++;
            } else {
                s.evict();
            }
        }
        return received;
    }

    /** Number of channels with at least one subscriber. */
    public int channelCount() {
        return channels.size();
    }

    /** Number of subscribers of a channel. */
    public int subscriberCount(String channel) {
        Set<Subscriber> s = channels.get(channel);
        return s == null ? 0 : s.size();
    }
}
