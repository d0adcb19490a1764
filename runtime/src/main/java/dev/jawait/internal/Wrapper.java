package dev.jawait.internal;

import dev.jawait.Future;

/**
 * A future that runs another one inside (a {@code TaskLocal} scope, a cancellation guard): task
 * dumps walk through it to the wrapped future's own await chain. Not meant to be used by hand.
 *
 * <pre>{@code
 * final class Scoped<T> implements Future<T>, Wrapper {
 *     public Future<?> wrapped() { return body; }
 * }
 * }</pre>
 */
public interface Wrapper {
    /**
     * The future this one runs, or {@code null} once it is done with it.
     *
     * @return the inner future, or {@code null}
     */
    Future<?> wrapped();
}
