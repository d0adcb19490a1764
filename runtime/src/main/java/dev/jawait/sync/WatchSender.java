package dev.jawait.sync;

/**
 * The sending half of a {@link Watch} channel: replaces the value and wakes the watchers.
 *
 * <pre>{@code
 * try (WatchSender<State> state = watch.sender()) {
 *     state.sendReplace(State.RUNNING);  // stored even if nobody watches yet
 *     state.send(State.DONE);            // ChannelClosedException if every receiver is gone
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
     * {@link WatchReceiver#changed()}.
     *
     * @param value the new value
     * @throws ChannelClosedException if no receiver is subscribed (every one was closed): the
     *     value is left as it was ({@link ChannelClosedException#unsent()} hands the new one back);
     *     use {@link #sendReplace} to store it anyway
     * @throws IllegalStateException if the sender was closed
     */
    public void send(T value) throws ChannelClosedException {
        core.replace(value, true);
    }

    /**
     * Replaces the value whether or not anyone watches (later subscribers start from it), wakes
     * the receivers waiting in {@link WatchReceiver#changed()}, and returns the value replaced.
     *
     * @param value the new value
     * @return the value it replaced
     * @throws IllegalStateException if the sender was closed
     */
    public T sendReplace(T value) {
        try {
            return core.replace(value, false);
        } catch (ChannelClosedException impossible) {
            throw new AssertionError(impossible); // only sends that require a receiver fail so
        }
    }

    /**
     * The current value.
     *
     * @return the value last sent (possibly null)
     */
    public T borrow() {
        return core.current().value();
    }

    /**
     * A new receiver that counts the current value as seen.
     *
     * @return a receiver that waits for the next change
     */
    public WatchReceiver<T> subscribe() {
        return core.subscribe();
    }

    /**
     * How many receivers are subscribed.
     *
     * @return the number of receivers not closed yet
     */
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
