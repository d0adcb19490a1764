package dev.jawait.runtime;

/**
 * What an idle worker waits on: the I/O reactor and the timer wheel, behind one
 * park/unpark pair, as in Tokio's driver. The scheduler lets one idle thread at a time park
 * in the driver; events it sees wake tasks, which the scheduler then runs.
 *
 * <pre>{@code
 * try (Driver driver = IoDriver.create()) {
 *     driver.park(Long.MAX_VALUE);   // returns on I/O readiness, a due timer, or unpark()
 * }
 * }</pre>
 */
public interface Driver extends AutoCloseable {

    /**
     * Waits at most {@code timeoutNanos} for I/O readiness or timer expiry and wakes the tasks
     * whose events arrived. {@code 0} polls without blocking; {@code Long.MAX_VALUE} waits until
     * an event or {@link #unpark()}. Called by one thread at a time.
     *
     * @param timeoutNanos the longest wait, in nanoseconds
     */
    void park(long timeoutNanos);

    /** Makes a concurrent (or the next) {@link #park} return promptly. Callable from any thread. */
    void unpark();

    /**
     * Something that kept the runtime busy stopped (a worker went to sleep without the driver, a
     * blocking job ended): a driver whose clock is paused re-checks whether time may jump to the
     * next timer. Cheap when the clock runs.
     */
    default void maybeIdle() {}

    /** Releases the selector and cancels pending timers. */
    @Override
    void close();
}
