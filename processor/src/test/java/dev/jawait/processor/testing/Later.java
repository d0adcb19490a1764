package dev.jawait.processor.testing;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * A future that is pending on its first poll (waking its task at once) and then ready with a value
 * or failure: makes every await in a test really suspend.
 *
 * <pre>{@code
 * await(Later.of(42));   // suspends once, then 42
 * }</pre>
 */
public final class Later<T> implements Future<T> {
    private final T value;
    private final Throwable failure;
    private boolean polled;

    private Later(T value, Throwable failure) {
        this.value = value;
        this.failure = failure;
    }

    public static <T> Later<T> of(T value) {
        return new Later<>(value, null);
    }

    public static <T> Later<T> failing(Throwable failure) {
        return new Later<>(null, failure);
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!polled) {
            polled = true;
            cx.waker().wake();
            return Poll.pending();
        }
        if (failure != null) {
            throw Failures.sneaky(failure);
        }
        return Poll.ready(value);
    }
}
