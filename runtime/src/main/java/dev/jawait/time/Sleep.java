package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.TimerEntry;

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
 * leaf future): a cancelled sleep must not be polled again.
 */
public final class Sleep implements Future<Void> {
    private final long deadlineNanos;
    private TimerEntry timer;

    Sleep(long deadlineNanos) {
        this.deadlineNanos = deadlineNanos;
    }

    /** The deadline, in {@link System#nanoTime()} units. */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** Whether the deadline has passed. */
    public boolean isElapsed() {
        return System.nanoTime() - deadlineNanos >= 0;
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
