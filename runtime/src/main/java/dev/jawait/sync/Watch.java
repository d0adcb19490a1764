package dev.jawait.sync;

/**
 * A single value that changes over time, watched by any number of receivers, like Tokio's
 * {@code tokio::sync::watch}: receivers see the latest value, not every value.
 *
 * <pre>{@code
 * Watch<Config> config = Watch.channel(Config.defaults());
 * WatchReceiver<Config> rx = config.receiver();
 * // a task that reacts to reloads
 * while (true) {
 *     await(rx.changed());                // ChannelClosedException once the sender closed
 *     apply(rx.borrowAndUpdate());
 * }
 * // elsewhere
 * config.sender().send(reloaded);         // ChannelClosedException if nobody watches any more
 * }</pre>
 *
 * <p>Each receiver remembers the version it last saw; {@link WatchReceiver#changed()} completes
 * when a newer one exists (marking it seen). Values may be {@code null}. When every receiver is
 * closed, {@link WatchSender#send} fails with {@link ChannelClosedException} (and
 * {@link WatchSender#sendReplace} stores the value anyway).
 *
 * @param sender replaces the value
 * @param receiver the first receiver (more via {@link WatchSender#subscribe()} or
 *     {@link WatchReceiver#clone()})
 */
public record Watch<T>(WatchSender<T> sender, WatchReceiver<T> receiver) {

    /**
     * A watch channel holding {@code initial}, which its receivers count as already seen.
     *
     * @param <T> the value type
     * @param initial the first value
     * @return a new channel with one sender and no receiver yet
     */
    public static <T> Watch<T> channel(T initial) {
        WatchCore<T> core = new WatchCore<>(initial);
        return new Watch<>(new WatchSender<>(core), core.subscribe());
    }
}
