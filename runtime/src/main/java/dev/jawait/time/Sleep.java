package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.TimerEntry;
import java.time.Duration;

/**
 * A future that completes once a deadline has passed; see {@link Time#sleep}. The deadline is
 * fixed when the sleep is created (like Tokio's {@code sleep}), and the timer is registered with
 * the current driver on the first poll that finds it not yet due — a sleep that is already due
 * when polled never touches the wheel.
 *
 * <pre>{@code
 * Sleep nap = Time.sleep(Duration.ofMillis(50));
 * await(nap);                     // completes no earlier than 50 ms after Time.sleep(...)
 * }</pre>
 *
 * <p>{@link #cancel()} removes the timer from the wheel at once and returns {@code false} (a
 * leaf future): a cancelled sleep must not be polled again. {@link #reset(Duration)} moves the
 * deadline (an idle timeout pushed back on activity) and makes a completed sleep pending again.
 */
public final class Sleep implements Future<Void> {
    private long deadlineNanos;
    private TimerEntry timer;

    Sleep(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /**
     * The deadline, in {@link Time#now()} units.
     *
     * @return when this sleep completes, in {@link Time#now()} units
     */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /**
     * Sets a new deadline, {@code duration} from now, like Tokio's {@code Sleep::reset}: a
     * pending sleep keeps its timer and waker, a completed one may be polled again.
     *
     * <pre>{@code
     * Sleep idle = Time.sleep(IDLE_TIMEOUT);
     * // on each request:
     * idle.reset(IDLE_TIMEOUT);
     * }</pre>
     *
     * @param duration the new delay, measured from now
     */
    public void reset(Duration duration) {
        resetTo(Time.deadlineAfter(duration));
    }

    /**
     * Like {@link #reset(Duration)} with an absolute {@link Time#now()} deadline.
     *
     * @param deadlineNanos the new deadline, in {@link Time#now()} units
     */
    public void resetTo(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
        TimerEntry t = timer;
        if (t != null) {
            t.reschedule(deadlineNanos);
        }
    }

    /**
     * Whether the deadline has passed.
     *
     * @return {@code true} once the runtime's clock has reached the deadline
     */
    public boolean isElapsed() {
        return Time.now() - deadlineNanos >= 0;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        TimerEntry t = timer;
        if (t == null) {
            if (isElapsed()) {
                return Poll.ready(null);
            }
            t = timer = IoDriver.current().newTimer();
            return t.arm(deadlineNanos, cx.waker()) ? Poll.ready(null) : Poll.pending();
        }
        if (t.isFired()) {
            return Poll.ready(null);
        }
        if (t.isDriverClosed()) {
            throw new IllegalStateException("the jawait I/O driver of this sleep was closed");
        }
        Waker waker = cx.waker();
        t.setWaker(waker);
        // Re-check after publishing the waker: the timer may have fired in between.
        return t.isFired() ? Poll.ready(null) : Poll.pending();
    }

    /** Releases the wheel slot at once; returns {@code false} (a leaf future). */
    @Override
    public boolean cancel() {
        TimerEntry t = timer;
        if (t != null) {
            t.cancel();
        }
        return false;
    }

    @Override
    public String toString() {
        return "Sleep[" + (isElapsed() ? "elapsed" : "pending") + "]";
    }
}
