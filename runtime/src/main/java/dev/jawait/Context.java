package dev.jawait;

import java.util.Objects;

/**
 * What a {@link Future#poll poll} is given: the {@link Waker} of the task doing the polling.
 *
 * <pre>{@code
 * public Poll<Void> poll(Context cx) {
 *     if (done) return Poll.ready(null);
 *     registerInterest(cx.waker());
 *     return Poll.pending();
 * }
 * }</pre>
 */
public interface Context {
    /**
     * The waker to call when the polled future can progress.
     *
     * @return the waker of the task being polled; never null
     */
    Waker waker();

    /**
     * A context around a given waker; handy for tests and for driving futures by hand.
     *
     * @param waker what {@link #waker()} will return
     * @return a context that hands out {@code waker}
     */
    static Context of(Waker waker) {
        Objects.requireNonNull(waker, "waker");
        return () -> waker;
    }
}
