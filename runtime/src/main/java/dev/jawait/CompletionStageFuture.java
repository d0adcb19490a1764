package dev.jawait;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

/**
 * {@link Futures#fromCompletionStage}: a leaf future over a {@link CompletionStage}. The first
 * pending poll registers one {@code whenComplete} callback that wakes the waker of the latest
 * poll; failures are unwrapped from {@link CompletionException}.
 *
 * <pre>{@code
 * String body = await(Futures.fromCompletionStage(client.sendAsync(req, ofString())).map(HttpResponse::body));
 * }</pre>
 */
final class CompletionStageFuture<T> implements TryFuture<T, RuntimeException> {
    private final CompletableFuture<T> stage;
    private volatile Waker waker;
    private boolean registered;

    CompletionStageFuture(CompletionStage<T> stage) {
        this.stage = stage.toCompletableFuture();
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (!stage.isDone()) {
            waker = cx.waker();
            if (!registered) {
                registered = true;
                stage.whenComplete((v, e) -> {
                    Waker w = waker;
                    if (w != null) {
                        w.wake();
                    }
                });
            }
            if (!stage.isDone()) {
                return Poll.pending();
            }
        }
        try {
            return Poll.ready(stage.getNow(null));
        } catch (CompletionException e) {
            throw Failures.sneaky(unwrap(e));
        }
    }

    @Override
    public boolean cancel() {
        waker = null;
        return false;
    }

    static Throwable unwrap(Throwable e) {
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
