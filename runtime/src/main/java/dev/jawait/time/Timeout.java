package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * Runs a future with a deadline; see {@link Time#timeout}. The inner future is polled first, so
 * one that is ready at once completes even with a zero duration and never arms a timer.
 *
 * <pre>{@code
 * try {
 *     int n = await(Time.timeout(Duration.ofSeconds(5), socket.read(buf)));
 * } catch (TimeoutException e) {
 *     // the read was cancelled: its interest in the socket is gone
 * }
 * }</pre>
 *
 * <p>On expiry the inner future is {@link Future#cancel() cancelled}; a composite inner future
 * (whose {@code cancel()} returns true) is polled to completion first so that its
 * {@code finally} code runs, then {@link TimeoutException} is thrown (with any failure other
 * than the expected {@link CancellationException} attached as suppressed). Cancelling the
 * timeout itself cancels the timer and the inner future, and returns what the inner
 * {@code cancel()} returned.
 */
final class Timeout<T> implements TryFuture<T, TimeoutException> {
    private static final int RUNNING = 0;
    private static final int EXPIRED_DRAINING = 1;
    private static final int CANCELLED_DRAINING = 2;
    private static final int DONE = 3;

    private final Future<T> inner;
    private final Sleep timer;
    private final Duration duration;
    private int state = RUNNING;

    Timeout(Future<T> inner, Sleep timer, Duration duration) {
        this.inner = inner;
        this.timer = timer;
        this.duration = duration;
    }

    @Override
    public Poll<T> poll(Context cx) {
        switch (state) {
            case RUNNING:
                Poll<T> result = pollInner(cx);
                if (result.isReady()) {
                    return result;
                }
                if (timer.poll(cx).isPending()) {
                    return Poll.pending();
                }
                if (!inner.cancel()) {
                    state = DONE;
                    throw Failures.sneaky(timedOut(null));
                }
                state = EXPIRED_DRAINING;
                return drainExpired(cx);
            case EXPIRED_DRAINING:
                return drainExpired(cx);
            case CANCELLED_DRAINING:
                return pollInner(cx);
            default:
                throw new IllegalStateException("timeout future polled after completion");
        }
    }

    private Poll<T> pollInner(Context cx) {
        Poll<T> result;
        try {
            result = inner.poll(cx);
        } catch (Throwable failure) {
            state = DONE;
            timer.cancel();
            throw failure;
        }
        if (result.isReady()) {
            state = DONE;
            timer.cancel();
        }
        return result;
    }

    /** The inner future runs its cancellation code; whatever it ends with, we time out. */
    private Poll<T> drainExpired(Context cx) {
        try {
            if (inner.poll(cx).isPending()) {
                return Poll.pending();
            }
        } catch (Throwable failure) {
            state = DONE;
            throw Failures.sneaky(timedOut(failure instanceof CancellationException ? null : failure));
        }
        state = DONE;
        throw Failures.sneaky(timedOut(null));
    }

    private TimeoutException timedOut(Throwable suppressed) {
        TimeoutException e = new TimeoutException("deadline of " + duration + " elapsed");
        if (suppressed != null) {
            e.addSuppressed(suppressed);
        }
        return e;
    }

    @Override
    public boolean cancel() {
        switch (state) {
            case RUNNING:
                timer.cancel();
                if (inner.cancel()) {
                    state = CANCELLED_DRAINING;
                    return true;
                }
                state = DONE;
                return false;
            case EXPIRED_DRAINING:
            case CANCELLED_DRAINING:
                return true; // already draining the inner future; keep polling us
            default:
                return false;
        }
    }

    @Override
    public String toString() {
        return "Timeout[" + duration + ", " + inner + "]";
    }
}
