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

    /** How many messages were overwritten before the receiver saw them. */
    private final long missed;

    /**
     * A lag of {@code missed} messages.
     *
     * @param missed how many messages the receiver lost
     */
    public LaggedException(long missed) {
        super("receiver lagged behind by " + missed + " messages");
        this.missed = missed;
    }

    /**
     * How many messages this receiver will never see.
     *
     * @return the number of messages skipped; the receiver goes on with the oldest one kept
     */
    public long missed() {
        return missed;
    }
}
