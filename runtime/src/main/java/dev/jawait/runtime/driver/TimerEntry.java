package dev.jawait.runtime.driver;

import dev.jawait.Waker;

/**
 * One timer in a driver's {@link TimerWheel}: a deadline and the waker to call when it passes.
 * Futures such as {@code Time.sleep} own one entry each and re-arm it as needed; the entry stays
 * with the driver it was created on ({@link IoDriver#newTimer()}).
 *
 * <pre>{@code
 * TimerEntry timer = IoDriver.current().newTimer();
 * if (timer.arm(System.nanoTime() + 5_000_000, cx.waker())) {
 *     return Poll.ready(null);           // deadline already passed
 * }
 * return Poll.pending();                 // cx.waker() is woken once the deadline passes
 * // later: timer.cancel() releases the wheel slot at once
 * }</pre>
 *
 * <p>Thread-safety: {@link #arm}, {@link #setWaker} and {@link #cancel} are meant to be called by
 * the one future that owns the entry; firing happens on the driver's parking thread.
 */
public final class TimerEntry {
    static final int IDLE = 0;
    static final int ARMED = 1;
    static final int FIRED = 2;
    static final int CLOSED = 3;

    final TimerWheel wheel;

    // Guarded by the wheel's lock.
    long when;
    int index = -1;
    TimerEntry prev;
    TimerEntry next;

    private long deadlineNanos;
    volatile int state = IDLE;
    volatile Waker waker;

    TimerEntry(TimerWheel wheel) {
        this.wheel = wheel;
    }

    /**
     * Schedules this entry to wake {@code waker} at {@code deadlineNanos} (a {@link
     * System#nanoTime()} value), replacing any earlier schedule.
     *
     * @param deadlineNanos when to wake, in {@link System#nanoTime()} units
     * @param waker the waker to call then
     * @return {@code true} if the deadline has already passed (nothing was scheduled and the
     *     waker will not be called), {@code false} if the entry is now waiting in the wheel
     * @throws IllegalStateException if the driver was closed
     */
    public boolean arm(long deadlineNanos, Waker waker) {
        this.deadlineNanos = deadlineNanos;
        this.waker = waker;
        return wheel.schedule(this, deadlineNanos);
    }

    /**
     * Moves the entry to a new deadline, keeping its waker (for resetting a pending sleep from
     * outside its poll). If the deadline has already passed, the waker is woken at once so the
     * owner polls again and sees it due.
     *
     * @param deadlineNanos the new deadline, in {@link System#nanoTime()} units
     */
    public void reschedule(long deadlineNanos) {
        Waker current = waker;
        if (arm(deadlineNanos, current) && current != null) {
            current.wake();
        }
    }

    /**
     * Replaces the waker of an armed entry (cheap when it is the same waker).
     *
     * @param waker the waker to call at the deadline
     */
    public void setWaker(Waker waker) {
        if (this.waker != waker) {
            this.waker = waker;
        }
    }

    /**
     * Whether the armed deadline has passed and the waker was (or is being) called.
     *
     * @return {@code true} once the timer fired
     */
    public boolean isFired() {
        return state == FIRED;
    }

    /**
     * Whether the driver was closed while this entry waited; such an entry never fires.
     *
     * @return {@code true} if the driver closed under this entry
     */
    public boolean isDriverClosed() {
        return state == CLOSED;
    }

    /**
     * Whether the entry is waiting in the wheel.
     *
     * @return {@code true} while scheduled
     */
    public boolean isArmed() {
        return state == ARMED;
    }

    /**
     * The deadline of the last {@link #arm}, in {@link System#nanoTime()} units.
     *
     * @return the deadline in nanoseconds
     */
    public long deadlineNanos() {
        return deadlineNanos;
    }

    /** Removes the entry from the wheel at once (O(1)); it will not fire. Idempotent. */
    public void cancel() {
        wheel.cancel(this);
    }

    @Override
    public String toString() {
        String[] names = {"idle", "armed", "fired", "driver closed"};
        return "TimerEntry[" + names[state] + ", deadline=" + deadlineNanos + "]";
    }
}
