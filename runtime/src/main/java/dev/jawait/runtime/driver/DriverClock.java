package dev.jawait.runtime.driver;

import java.util.concurrent.TimeUnit;

/**
 * The time a driver's timers run on, in {@link System#nanoTime()} units: the real clock, or,
 * while paused (for tests), a frozen one that only {@link #advance} moves — Tokio's
 * {@code time::pause}. Resuming continues from the frozen point, so time never goes back.
 *
 * <p>The driver that owns the clock {@linkplain IoDriver#setIdleCheck auto-advances} a paused
 * clock to the next timer when nothing can run and no I/O is ready, so a test's
 * {@code Time.sleep(Duration.ofHours(1))} returns at once with every earlier timer fired first,
 * in deadline order.
 *
 * <pre>{@code
 * DriverClock clock = IoDriver.current().clock();
 * clock.pause();
 * long t0 = clock.now();
 * clock.advance(TimeUnit.SECONDS.toNanos(5));
 * assert clock.now() - t0 == 5_000_000_000L;
 * clock.resume();
 * }</pre>
 */
public final class DriverClock {
    private static final long RUNNING = Long.MIN_VALUE;
    private static final long TICK = TimerWheel.TICK_NANOS;

    /** Where the driver's timer wheel counts its 1 ms ticks from. */
    private final long origin;

    /** The frozen time while paused, else {@link #RUNNING}. */
    private volatile long frozenAt = RUNNING;
    /** Added to {@code System.nanoTime()} while running: the time skipped while paused. */
    private volatile long offset;

    DriverClock(long origin) {
        this.origin = origin;
    }

    /** The time the owner's timer wheel counts ticks from. */
    long origin() {
        return origin;
    }

    /**
     * The current time: frozen while paused.
     *
     * @return the time in nanoseconds, in {@link System#nanoTime()} units
     */
    public long now() {
        long frozen = frozenAt;
        return frozen != RUNNING ? frozen : System.nanoTime() + offset;
    }

    /**
     * Whether the clock is paused.
     *
     * @return {@code true} while paused
     */
    public boolean isPaused() {
        return frozenAt != RUNNING;
    }

    /**
     * Freezes the clock; does nothing if it is paused already. It stops at the next whole
     * millisecond of the timer wheel (less than 1 ms ahead), so that a sleep of whole
     * milliseconds taken while paused ends on a tick and an advance by the same amount fires it.
     */
    public synchronized void pause() {
        if (frozenAt == RUNNING) {
            long since = System.nanoTime() + offset - origin;
            long rounded = Math.floorDiv(since + TICK - 1, TICK) * TICK;
            frozenAt = origin + rounded;
        }
    }

    /** Lets the clock run again from where it was frozen; does nothing if it runs. */
    public synchronized void resume() {
        long frozen = frozenAt;
        if (frozen != RUNNING) {
            offset = frozen - System.nanoTime(); // written before frozenAt: a reader sees both
            frozenAt = RUNNING;
        }
    }

    /**
     * Moves a paused clock forward by {@code nanos}. The owning driver fires the timers that are
     * now due; see {@link IoDriver#advance}.
     *
     * @throws IllegalStateException if the clock is not paused
     * @throws IllegalArgumentException if {@code nanos} is negative
     */
    synchronized void advance(long nanos) {
        if (nanos < 0) {
            throw new IllegalArgumentException("cannot advance time by a negative duration: " + nanos + " ns");
        }
        long frozen = frozenAt;
        if (frozen == RUNNING) {
            throw new IllegalStateException("time is not paused: call Time.pause() (or build the runtime with"
                    + " startPaused(true)) before Time.advance");
        }
        long next = frozen + nanos;
        frozenAt = next < frozen ? Long.MAX_VALUE : next; // saturate: RUNNING is MIN_VALUE, never reached
    }

    /** Moves a paused clock forward to {@code nanos} if that is later (auto-advance). */
    synchronized void advanceTo(long nanos) {
        long frozen = frozenAt;
        if (frozen != RUNNING && nanos - frozen > 0) {
            frozenAt = nanos;
        }
    }

    @Override
    public String toString() {
        long frozen = frozenAt;
        return frozen == RUNNING ? "DriverClock[running]"
                : "DriverClock[paused at " + TimeUnit.NANOSECONDS.toMillis(frozen) + " ms]";
    }
}
