package dev.jawait.runtime.driver;

import dev.jawait.Context;
import dev.jawait.Waker;
import java.io.IOException;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;

/**
 * A channel registered with an {@link IoDriver}: the selection key plus, per direction, the
 * readiness last reported by the selector and the waker of the future waiting for it. The read
 * direction covers {@code OP_READ} and {@code OP_ACCEPT}, the write direction {@code OP_WRITE}
 * and {@code OP_CONNECT}; one waiter per direction at a time (one reader and one writer, as with
 * Tokio's split halves).
 *
 * <p>Usage — try the operation first, and register interest only when it would block:
 *
 * <pre>{@code
 * public Poll<Integer> poll(Context cx) {
 *     int n = channel.write(buf);                        // non-blocking channel
 *     if (n == 0 && buf.hasRemaining()) {
 *         registration.arm(SelectionKey.OP_WRITE, cx.waker());
 *         return Poll.pending();                         // woken when writable
 *     }
 *     return Poll.ready(n);
 * }
 * }</pre>
 *
 * <p>Interest is level-triggered (a {@code Selector}), so interest is added when a future waits
 * and removed lazily: when the selector reports a direction ready twice in a row and nobody
 * waited for it either time (the first time, the woken task is usually just about to re-arm,
 * so keeping the interest saves an interest change per request). A
 * future that reads until it would block and re-arms therefore changes no interest and costs
 * no selector wake-up. Interest changes from any thread are safe: {@link SelectionKey} is
 * thread-safe since JDK 11 and the change is seen by the next selection; when a thread is
 * blocked in {@code select} right now the driver wakes it so it re-selects with the new set.
 */
public final class Registration {
    private static final int READS = SelectionKey.OP_READ | SelectionKey.OP_ACCEPT;
    private static final int WRITES = SelectionKey.OP_WRITE | SelectionKey.OP_CONNECT;

    private final IoDriver driver;
    private final SelectionKey key;

    // Written under this; readiness is also read without the lock (pollReady's fast path).
    private int interest;
    private volatile int readiness;
    /** Directions reported once with nobody waiting; a second such report drops the interest. */
    private int unclaimed;
    private Waker reader;
    private Waker writer;
    /** {@link #OPEN}, or who closed it: that decides the failure of a later {@link #arm}. */
    private byte closed = OPEN;
    private static final byte OPEN = 0;
    private static final byte CLOSED_BY_OWNER = 1;
    private static final byte CLOSED_BY_DRIVER = 2;

    Registration(IoDriver driver, SelectableChannel channel) throws IOException {
        this.driver = driver;
        this.key = channel.register(driver.selector(), 0, this);
    }

    /**
     * The driver this registration belongs to, for good.
     *
     * @return the driver
     */
    public IoDriver driver() {
        return driver;
    }

    /**
     * Asks for {@code waker} to be woken when {@code op} (one {@code SelectionKey.OP_*}) becomes
     * ready, replacing the previous waiter of that direction. Clears the recorded readiness of
     * {@code op}: call it after the operation would block.
     *
     * @param op the operation, one {@code SelectionKey.OP_*}
     * @param waker the waker to call when {@code op} is ready
     * @throws SocketClosedException if the registration was closed
     * @throws IOException if its driver was closed
     */
    public void arm(int op, Waker waker) throws IOException {
        boolean added;
        synchronized (this) {
            if (closed != OPEN) {
                throw closed == CLOSED_BY_OWNER
                        ? new SocketClosedException() : IoDriver.closedException(null);
            }
            readiness &= ~op;
            if ((op & READS) != 0) {
                reader = waker;
                unclaimed &= ~READS;
            } else {
                writer = waker;
                unclaimed &= ~WRITES;
            }
            added = (interest & op) != op;
            if (added) {
                interest |= op;
                try {
                    key.interestOps(interest);
                } catch (CancelledKeyException e) {
                    closed = CLOSED_BY_DRIVER;
                    throw IoDriver.closedException(e);
                }
            }
        }
        if (added) {
            driver.interestAdded();
        }
    }

    /**
     * Tokio-style readiness check for hand-written futures: returns true if the selector reported
     * {@code op} ready since the last {@link #arm}/{@link #clearReady}; otherwise arms
     * {@code cx.waker()} and returns false. The ready case takes no lock (a volatile read), so a
     * future polled on known readiness costs nothing here.
     *
     * @param op the operation, one {@code SelectionKey.OP_*}
     * @param cx the context whose waker is armed if {@code op} is not ready
     * @return {@code true} if {@code op} is ready now
     * @throws IOException if the registration or its driver is closed
     */
    public boolean pollReady(int op, Context cx) throws IOException {
        if ((readiness & op) != 0) {
            return true;
        }
        arm(op, cx.waker());
        return false;
    }

    /**
     * Forgets reported readiness of {@code op} (after the operation would block). Takes the lock
     * only when there is something to forget.
     *
     * @param op the operation, one {@code SelectionKey.OP_*}
     */
    public void clearReady(int op) {
        if ((readiness & op) != 0) {
            synchronized (this) {
                readiness &= ~op;
            }
        }
    }

    /**
     * The readiness last reported by the selector, as {@code SelectionKey.OP_*} bits.
     *
     * @return the ready operations' bits
     */
    public int readyOps() {
        return readiness;
    }

    /**
     * Drops the waiter of {@code op}'s direction and the interest in {@code op} (used by a
     * future's {@code cancel()}, and after a connect completed). No selector wake-up is needed:
     * a stale interest only causes one spurious readiness report that removes it.
     *
     * @param op the operation, one {@code SelectionKey.OP_*}
     */
    public void disarm(int op) {
        synchronized (this) {
            if (closed != OPEN) {
                return;
            }
            if ((op & READS) != 0) {
                reader = null;
            } else {
                writer = null;
            }
            if ((interest & op) != 0) {
                interest &= ~op;
                try {
                    key.interestOps(interest);
                } catch (CancelledKeyException ignored) {
                    // Driver closed: nothing left to disarm.
                }
            }
        }
    }

    /**
     * Whether {@link #close} (or the driver's close) happened.
     *
     * @return {@code true} once closed
     */
    public synchronized boolean isClosed() {
        return closed != OPEN;
    }

    /**
     * Cancels the key and wakes both waiters, whose next {@code arm} fails with
     * {@link SocketClosedException}. If the owner closes the channel, it does so afterwards and then calls
     * {@link #releaseChannel()} so that the descriptor is freed promptly; an open channel may be
     * {@linkplain IoDriver#register registered} again later.
     */
    public void close() {
        closeWith(CLOSED_BY_OWNER);
        key.cancel();
    }

    /**
     * Lets the driver deregister the cancelled key now (the JDK defers closing a registered
     * channel's descriptor until its key is flushed from the selector).
     */
    public void releaseChannel() {
        driver.flushCancelledKeys();
    }

    /** The driver closed: waiters are woken, and a later {@code arm} fails with the driver's closing. */
    void closeByDriver() {
        closeWith(CLOSED_BY_DRIVER);
    }

    private void closeWith(byte by) {
        Waker r;
        Waker w;
        synchronized (this) {
            if (closed != OPEN) {
                return;
            }
            closed = by;
            r = reader;
            w = writer;
            reader = null;
            writer = null;
            interest = 0;
        }
        driver.registrationClosed();
        wake(r);
        wake(w);
    }

    /** Called by the driver's parking thread for a key the selector reported ready. */
    void onReady(int readyOps) {
        Waker r = null;
        Waker w = null;
        synchronized (this) {
            if (closed != OPEN) {
                return;
            }
            int keep = interest;
            if ((readyOps & READS) != 0) {
                readiness |= readyOps & READS;
                if (reader != null) {
                    r = reader;
                    reader = null;
                } else if ((unclaimed & READS) == 0) {
                    // Nobody waits — typically the woken task has not run yet and will re-arm
                    // soon. Keep the interest once: dropping and re-adding it costs two
                    // epoll_ctl calls (and maybe a selector wake-up) per request.
                    unclaimed |= READS;
                } else {
                    keep &= ~READS; // still nobody: stop level-triggered reports
                }
            }
            if ((readyOps & WRITES) != 0) {
                readiness |= readyOps & WRITES;
                if (writer != null) {
                    w = writer;
                    writer = null;
                } else if ((unclaimed & WRITES) == 0) {
                    unclaimed |= WRITES;
                } else {
                    keep &= ~WRITES;
                }
            }
            if (keep != interest) {
                interest = keep;
                try {
                    key.interestOps(keep);
                } catch (CancelledKeyException ignored) {
                    // Closed concurrently.
                }
            }
        }
        wake(r);
        wake(w);
    }

    private static void wake(Waker waker) {
        if (waker != null) {
            waker.wake();
        }
    }

    @Override
    public synchronized String toString() {
        return "Registration[interest=" + interest + ", ready=" + readiness
                + (closed != OPEN ? ", closed" : "") + "]";
    }
}
