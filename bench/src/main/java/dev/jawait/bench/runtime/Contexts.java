package dev.jawait.bench.runtime;

import dev.jawait.Context;

/**
 * A context whose waker does nothing, for polling futures by hand in benchmarks that measure a
 * future's own cost without any runtime.
 *
 * <pre>{@code
 * Poll<Long> p = future.poll(Contexts.NOOP);
 * }</pre>
 */
public final class Contexts {
    /** Polls with a waker that ignores wakes. */
    public static final Context NOOP = Context.of(() -> { });

    private Contexts() {}
}
