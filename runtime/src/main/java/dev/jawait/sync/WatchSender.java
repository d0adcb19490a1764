package dev.jawait.sync;

/**
 * The sending half of a {@link Watch} channel: replaces the value and wakes the watchers.
 *
 * <pre>{@code
 * try (WatchSender<State> state = watch.sender()) {
 *     state.send(State.RUNNING);
 * }                                      // receivers' changed() now fails once caught up
 * }</pre>
 */
public final class WatchSender<T> implements AutoCloseable {
    private final WatchCore<T> core;

    WatchSender(WatchCore<T> core) {
        this.core = core;
    }

    /**
     * Replaces the value (may be {@code null}) and wakes every receiver waiting in
     * {@link WatchReceiver#changed()}; returns how many receivers are subscribed.
     *
     * @throws IllegalStateException if the sender was closed
     */
    public int send(T value) {
        return core.send(value);
    }

    /** The current value. */
    public T borrow() {
        return core.current().value();
    }

    /** A new receiver that counts the current value as seen. */
    public WatchReceiver<T> subscribe() {
        return core.subscribe();
    }

    /** How many receivers are subscribed. */
    public int receiverCount() {
        return core.receiverCount();
    }

    /** Ends the channel: receivers keep the last value; their {@code changed()} fails once caught up. */
    @Override
    public void close() {
        core.close();
    }

    @Override
    public String toString() {
        return "WatchSender[" + borrow() + "]";
    }
}
