package dev.jawait.samples.handwritten;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.TimerEntry;
import java.time.Duration;

/**
 * A hand-written periodic timer, no {@code @Async}: {@link #tick()} returns a future that
 * completes at the next deadline (start + n × period), using the reactor's timing wheel directly
 * — the task sleeps until the wheel fires its waker, it does not poll in a loop. Deadlines are
 * fixed in advance, so a late tick does not shift the later ones.
 *
 * <pre>{@code
 * Ticker every5s = new Ticker(Duration.ofSeconds(5));
 * for (int i = 0; i < 3; i++) {
 *     long n = runtime.blockOn(every5s.tick());   // completes every 5 s with the tick number
 * }
 * }</pre>
 */
public final class Ticker {
    private final long periodNanos;
    private long nextDeadline;
    private long count;

    /** A ticker whose first tick is one period from now. */
    public Ticker(Duration period) {
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period must be positive: " + period);
        }
        this.periodNanos = period.toNanos();
        this.nextDeadline = System.nanoTime() + periodNanos;
    }

    /** A future completing at the next deadline with the tick's number (1, 2, ...). */
    public Future<Long> tick() {
        long deadline = nextDeadline;
        nextDeadline += periodNanos;
        long number = ++count;
        return new Tick(deadline, number);
    }

    /** One tick: a timer entry armed on the first poll on the polling runtime's driver. */
    private static final class Tick implements Future<Long> {
        private final long deadline;
        private final Long number;
        private TimerEntry timer;

        Tick(long deadline, long number) {
            this.deadline = deadline;
            this.number = number;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            if (timer == null) {
                timer = IoDriver.current().newTimer();
                if (timer.arm(deadline, cx.waker())) {
                    return Poll.ready(number); // deadline already passed
                }
                return Poll.pending();
            }
            if (timer.isFired() || System.nanoTime() - deadline >= 0) {
                timer.cancel(); // no-op once fired; frees the slot if we saw the time first
                return Poll.ready(number);
            }
            if (timer.isDriverClosed()) {
                throw new IllegalStateException("the runtime's driver was closed while a tick waited");
            }
            timer.setWaker(cx.waker()); // polled early (spurious wake): keep the latest waker
            return Poll.pending();
        }

        /** A leaf future: release the wheel slot at once. */
        @Override
        public boolean cancel() {
            if (timer != null) {
                timer.cancel();
            }
            return false;
        }
    }
}
