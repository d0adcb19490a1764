package dev.jawait.runtime.driver;

import dev.jawait.runtime.Driver;
import dev.jawait.runtime.RuntimeContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The reactor: one {@link Selector} for socket readiness and one {@link TimerWheel} for timers,
 * behind the runtime's {@link Driver} park/unpark SPI — Tokio's driver, on NIO.
 *
 * <pre>{@code
 * try (IoDriver driver = IoDriver.create()) {
 *     Registration reg = driver.register(channel);     // a non-blocking SelectableChannel
 *     reg.arm(SelectionKey.OP_READ, waker);            // after a read returned 0
 *     driver.park(Long.MAX_VALUE);                     // returns once readable (waker woken),
 * }                                                    // a timer is due, or unpark() is called
 * }</pre>
 *
 * <h2>Where the selector is polled</h2>
 * There is no dedicated reactor thread. As in Tokio, the selector is polled by whichever runtime
 * worker has run out of work: the scheduler lets one idle worker at a time call
 * {@link #park(long)}, which fires due timers, blocks in {@code select} until the next timer
 * deadline (or the scheduler's timeout), and dispatches readiness by waking the tasks that wait
 * for it. Busy workers never touch the selector, an idle runtime costs one blocked thread, and a
 * readiness event is turned into a scheduled task without a thread hand-off. When work arrives
 * from elsewhere, {@link #unpark()} gets the parked worker out; it costs a
 * {@code Selector.wakeup()} system call only when a thread is actually inside {@code select}
 * (an atomic flag tells), otherwise just a volatile write that makes the next park non-blocking.
 * The alternative, a dedicated reactor thread ({@code AsyncRuntime.Builder.reactorThread(true)}),
 * hands every event to a worker through the inject queue and an unpark: measured with the HTTP
 * hello benchmark it costs about 9 µs more server CPU per request and a third of the throughput
 * ({@code bench/RESULTS.md}, "Where the selector is polled").
 *
 * <h2>Which driver</h2>
 * {@link #current()} is the driver of the runtime running the calling thread. Outside any runtime
 * (an {@code @Async} template run directly, with blocking {@code await}) it is a process-wide
 * fallback driver whose daemon thread {@code jawait-io-fallback} parks in it forever. Sockets and
 * timers register lazily, on first need, with the driver current at that moment, and stay with
 * it.
 */
public final class IoDriver implements Driver {
    /** The message of every failure for want of a closed driver ({@link #closedException}, timers too). */
    static final String CLOSED_MESSAGE = "the jawait I/O driver was closed";
    private final Selector selector;
    /** The time the timers run on: real, or paused for tests (then advanced by hand or when idle). */
    private final DriverClock clock = new DriverClock(System.nanoTime());
    private final TimerWheel timers;
    /**
     * Whether nothing but this driver can make progress (no task can run), asked before a park
     * with a paused clock: then time jumps to the next timer. Set by the runtime that owns the
     * driver; never true otherwise.
     */
    private volatile BooleanSupplier idleCheck = () -> false;
    private volatile boolean fallback;
    /** Held by the parking thread; others may take it briefly to flush cancelled keys. */
    private final ReentrantLock parkLock = new ReentrantLock();
    private final Consumer<SelectionKey> dispatcher = IoDriver::dispatch;
    /** Written under {@code parkLock} by one selecting thread at a time, read by metrics. */
    private volatile long readinessEvents;
    private final AtomicInteger registrations = new AtomicInteger();

    /** True while a thread is inside (or about to enter) {@code select}. */
    private volatile boolean selecting;
    /** Set by {@link #unpark()}: the current or next park must not block. */
    private volatile boolean unparkRequested;
    private volatile boolean closed;

    private IoDriver(Selector selector) {
        this.selector = selector;
        this.timers = new TimerWheel(clock.origin(), this);
    }

    /**
     * Opens a new driver (a selector and an empty timer wheel).
     *
     * @return a new driver; close it when done
     */
    public static IoDriver create() {
        try {
            return new IoDriver(Selector.open());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a selector for the jawait I/O driver", e);
        }
    }

    /**
     * The driver for the calling thread: the one {@linkplain #enter() entered} on this thread,
     * else the current {@code AsyncRuntime}'s, else the process-wide fallback driver (started on
     * first use, parked in forever by the daemon thread {@code jawait-io-fallback}). The thread's
     * context ({@link RuntimeContext}) answers the first two.
     *
     * @return the calling thread's driver
     */
    public static IoDriver current() {
        IoDriver driver = RuntimeContext.driverOrNull(); // one thread-local read at most
        return driver != null ? driver : FallbackDriver.get();
    }

    /**
     * Makes this driver {@link #current()} on the calling thread until the returned scope is
     * closed — for executors other than {@code AsyncRuntime} (and tests) that park in a driver.
     *
     * <pre>{@code
     * try (IoDriver.Scope scope = driver.enter()) {
     *     runMyEventLoop(driver);
     * }
     * }</pre>
     *
     * @return a scope that restores the previous driver when closed
     */
    public Scope enter() {
        return RuntimeContext.enterDriver(this);
    }

    /** The failure of an operation that needs this driver after it was closed. */
    static IOException closedException(Throwable cause) {
        return new IOException(CLOSED_MESSAGE, cause);
    }

    /** Restores the previously current driver; see {@link #enter()}. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Registers a non-blocking channel with this driver (with no interest yet). Safe from any
     * thread, also while another thread is in {@code select}. A channel whose previous
     * registration was {@linkplain Registration#close() closed} may be registered again.
     *
     * @param channel a channel in non-blocking mode
     * @return the channel's registration
     * @throws IOException if the driver is closed or the channel cannot be registered
     */
    public Registration register(SelectableChannel channel) throws IOException {
        long giveUp = 0;
        for (int attempt = 0; ; attempt++) {
            if (closed) {
                throw closedException(null);
            }
            try {
                Registration registration = new Registration(this, channel);
                registrations.incrementAndGet();
                return registration;
            } catch (ClosedSelectorException e) {
                throw closedException(e);
            } catch (CancelledKeyException e) {
                // The channel's previous key is cancelled but the selector has not flushed it
                // yet (NIO refuses to re-register until then): flush, or wake the parked thread
                // that flushes on its way out of select, and retry.
                // Bounded by time, not by attempts: the flushing thread may be waiting for a
                // core (a fast retry loop used up 10,000 attempts in milliseconds and failed).
                long now = System.nanoTime();
                if (giveUp == 0) {
                    giveUp = now + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
                } else if (now - giveUp > 0) {
                    throw new IOException("channel is still registered with a cancelled key", e);
                }
                flushCancelledKeys();
                if (attempt < 100) {
                    Thread.yield();
                } else {
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000);
                }
            }
        }
    }

    /**
     * The clock this driver's timers run on.
     *
     * @return the driver's clock
     */
    public DriverClock clock() {
        return clock;
    }

    /**
     * Installs the test, asked by the parking thread, of whether no task can run: with a paused
     * {@linkplain #clock() clock} and no I/O ready, the driver then moves time to the next timer
     * instead of waiting for ever (Tokio's auto-advance). The runtime owning the driver sets it.
     *
     * @param noTaskCanRun answers {@code true} when every task is waiting
     */
    public void setIdleCheck(BooleanSupplier noTaskCanRun) {
        this.idleCheck = java.util.Objects.requireNonNull(noTaskCanRun, "noTaskCanRun");
    }

    /**
     * Moves the paused clock forward by {@code nanos} and fires the timers now due: here, if no
     * thread is parked in the driver, else by the parked thread, which is woken for it.
     *
     * @param nanos how far to move the clock
     * @throws IllegalStateException if the clock is not paused
     */
    public void advance(long nanos) {
        clock.advance(nanos);
        if (parkLock.tryLock()) {
            try {
                if (!closed) {
                    timers.fireDue(clock.now());
                }
            } finally {
                parkLock.unlock();
            }
        } else {
            unpark();
        }
    }

    @Override
    public void maybeIdle() {
        if (clock.isPaused()) {
            unpark(); // the parked thread re-asks the idle check
        }
    }

    /**
     * Whether this is the process-wide driver used outside any runtime.
     *
     * @return {@code true} for the fallback driver
     */
    public boolean isFallback() {
        return fallback;
    }

    void markFallback() {
        fallback = true;
    }

    /**
     * A new, unarmed timer on this driver's wheel.
     *
     * @return a timer to arm
     */
    public TimerEntry newTimer() {
        return new TimerEntry(timers);
    }

    /**
     * Timers waiting in the wheel (armed and neither fired nor cancelled).
     *
     * @return the number of armed timers
     */
    public int pendingTimers() {
        return timers.pending();
    }

    /**
     * Registrations not yet closed.
     *
     * @return the number of open registrations
     */
    public int openRegistrations() {
        return registrations.get();
    }

    /**
     * Whether {@link #close()} was called.
     *
     * @return {@code true} once closed
     */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void park(long timeoutNanos) {
        if (timeoutNanos < 0) {
            timeoutNanos = 0;
        }
        parkLock.lock();
        try {
            if (closed) {
                // Nothing can wake us any more; don't let a caller loop hot on a dead driver.
                LockSupport.parkNanos(Math.min(timeoutNanos, 1_000_000L));
                return;
            }
            long now = clock.now();
            boolean fired = timers.fireDue(now) > 0;
            if (fired || timeoutNanos == 0) {
                // Tasks were just woken, or the caller only polls: don't block, and don't
                // advertise `selecting` (nobody pays a wakeup() system call for this pass). A
                // pending unpark is left for the next blocking park, like a LockSupport permit.
                counted(selector.selectNow(dispatcher));
            } else {
                long timerWait = timers.prepareToPark(now);
                long wait = Math.min(timeoutNanos, timerWait);
                boolean autoAdvance = false;
                if (clock.isPaused()) {
                    // Paused time moves only when told: waiting for a timer would never end. If no
                    // task can run either, look for ready I/O and else jump to the next timer.
                    autoAdvance = timerWait != Long.MAX_VALUE && idleCheck.getAsBoolean();
                    wait = autoAdvance ? 0 : timeoutNanos;
                }
                selecting = true;
                try {
                    // Dekker with unpark(): we publish `selecting` before reading
                    // `unparkRequested`; unpark() publishes `unparkRequested` before reading
                    // `selecting`. One of the two sees the other, so no unpark is lost.
                    int events;
                    if (wait == 0 || unparkRequested) {
                        events = selector.selectNow(dispatcher);
                    } else if (wait == Long.MAX_VALUE) {
                        events = selector.select(dispatcher);
                    } else {
                        events = selector.select(dispatcher, Math.max(1, ceilMillis(wait)));
                    }
                    counted(events);
                    if (autoAdvance && events == 0 && !unparkRequested) {
                        clock.advanceTo(timers.nextDeadlineNanos());
                    }
                } finally {
                    selecting = false;
                    unparkRequested = false;
                    timers.parked();
                }
            }
            timers.fireDue(clock.now());
        } catch (ClosedSelectorException e) {
            // Closed concurrently: park returns; the runtime is shutting down.
        } catch (IOException e) {
            throw new UncheckedIOException("jawait I/O driver: select failed", e);
        } finally {
            parkLock.unlock();
        }
    }

    /** Adds a selection's readiness events; only the thread holding {@code parkLock} selects. */
    private void counted(int events) {
        if (events > 0) {
            readinessEvents += events;
        }
    }

    /**
     * Readiness events the selector has reported so far (keys whose ready set it updated).
     *
     * @return the number of readiness events
     */
    public long readinessEvents() {
        return readinessEvents;
    }

    @Override
    public void unpark() {
        unparkRequested = true;
        if (selecting) {
            selector.wakeup();
        }
    }

    /**
     * A registration added interest: a thread blocked in select must re-select to see it. No
     * change is lost: the JDK queues interest updates under the selector's update lock and
     * applies them at the start of every selection, and the parking thread sets
     * {@code selecting} before selecting. So either our update is queued before that selection
     * starts (it applies it), or it is queued after — and then we see {@code selecting} and
     * wake it. A stale {@code true} costs only a spurious wake-up.
     */
    void interestAdded() {
        if (selecting) {
            selector.wakeup();
        }
    }

    void registrationClosed() {
        registrations.decrementAndGet();
    }

    Selector selector() {
        return selector;
    }

    /**
     * Deregisters cancelled keys now, so that closed channels release their descriptors: if no
     * thread is parked, the caller runs a non-blocking selection itself (dispatching whatever it
     * reports); otherwise the parked thread is woken and flushes them on its way out.
     */
    void flushCancelledKeys() {
        if (closed) {
            return;
        }
        if (parkLock.tryLock()) {
            try {
                if (!closed) {
                    counted(selector.selectNow(dispatcher));
                }
            } catch (IOException | ClosedSelectorException ignored) {
                // Best effort: the next park (or close) flushes them anyway.
            } finally {
                parkLock.unlock();
            }
        } else {
            selector.wakeup();
        }
    }

    /**
     * Closes the selector and the timer wheel. Futures still waiting are woken and fail on
     * their next poll ("the jawait I/O driver was closed"); their channels stay open and belong
     * to their owners.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        selector.wakeup();
        parkLock.lock();
        try {
            List<Registration> live = new ArrayList<>();
            try {
                for (SelectionKey key : selector.keys()) {
                    if (key.attachment() instanceof Registration registration) {
                        live.add(registration);
                    }
                }
            } catch (ClosedSelectorException ignored) {
                // Already closed.
            }
            for (Registration registration : live) {
                registration.closeByDriver();
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // Nothing more to release.
            }
            timers.close();
        } finally {
            parkLock.unlock();
        }
    }

    private static void dispatch(SelectionKey key) {
        try {
            ((Registration) key.attachment()).onReady(key.readyOps());
        } catch (CancelledKeyException ignored) {
            // Closed while being dispatched.
        }
    }

    private static long ceilMillis(long nanos) {
        return nanos / 1_000_000L + (nanos % 1_000_000L == 0 ? 0 : 1);
    }

    @Override
    public String toString() {
        return "IoDriver[registrations=" + registrations.get() + ", timers=" + timers.pending()
                + (closed ? ", closed" : "") + "]";
    }
}
