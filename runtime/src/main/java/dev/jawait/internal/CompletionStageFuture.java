package dev.jawait.internal;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * Adapts a {@link CompletionStage} to a {@link Future}, for {@code await(stage)} inside generated
 * state machines. The failure is unwrapped from {@link CompletionException} as a blocking
 * {@code await} would throw it.
 *
 * <pre>{@code
 * Future<String> f = new CompletionStageFuture<>(CompletableFuture.supplyAsync(() -> "hi"));
 * }</pre>
 */
public final class CompletionStageFuture<T> implements Future<T> {
    private final CompletionStage<T> stage;
    private volatile Waker waker;
    private volatile boolean done;
    private T value;
    private Throwable failure;
    private boolean subscribed;

    /**
     * A future of {@code stage}'s outcome; it subscribes to the stage at the first poll.
     *
     * @param stage the stage to observe, not null
     */
    public CompletionStageFuture(CompletionStage<T> stage) {
        this.stage = java.util.Objects.requireNonNull(stage, "stage");
    }

    @Override
    public Poll<T> poll(Context cx) {
        waker = cx.waker();
        if (!subscribed) {
            subscribed = true;
            stage.whenComplete(this::settle);
        }
        if (!done) {
            return Poll.pending();
        }
        if (failure != null) {
            throw Failures.sneaky(unwrap(failure));
        }
        return Poll.ready(value);
    }

    private void settle(T result, Throwable error) {
        value = result;
        failure = error;
        done = true;   // volatile write publishes value and failure
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    private static Throwable unwrap(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
