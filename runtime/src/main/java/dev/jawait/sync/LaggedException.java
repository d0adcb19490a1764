package dev.jawait.sync;

/**
 * A {@link BroadcastReceiver} fell so far behind that the bounded ring overwrote messages it had
 * not received yet; {@link #missed()} tells how many. The receiver has skipped to the oldest
 * message still held, so the next receive continues from there.
 *
 * <pre>{@code
 * try {
 *     Optional<Tick> t = await(ticks.recv());
 * } catch (LaggedException e) {
 *     log("skipped " + e.missed() + " ticks");   // then just receive again
 * }
 * }</pre>
 */
public final class LaggedException extends Exception {
    private static final long serialVersionUID = 1L;

    private final long missed;

    /** A lag of {@code missed} messages. */
    public LaggedException(long missed) {
        super("receiver lagged behind by " + missed + " messages");
        this.missed = missed;
    }

    /** How many messages this receiver will never see. */
    public long missed() {
        return missed;
    }
}
