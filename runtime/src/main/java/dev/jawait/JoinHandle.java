package dev.jawait;

import java.util.concurrent.CompletableFuture;

/**
 * The handle of a spawned task: awaiting it gives the task's result, or rethrows the task's
 * failure as is; {@link #abort()} cancels the task.
 *
 * <pre>{@code
 * JoinHandle<Integer> h = Task.spawn(WorkAsync.compute(42));
 * int v = await(h);          // the task's value, or its exception
 * h.abort();                 // no-op once the task completed
 * }</pre>
 *
 * <p>As in Tokio, the task does not depend on its handle: dropping the handle, or cancelling
 * the task that awaits it ({@link #cancel()}, which returns {@code false}), lets the task run on.
 * A failure of a task whose handle is not being awaited when it fails goes to the runtime's
 * unhandled-failure handler, so it is never lost silently.
 *
 * <p>A handle has one awaiter at a time (like Tokio's, it is not meant to be shared): awaiting
 * the same handle from two places at once leaves one of them waiting.
 */
public interface JoinHandle<T> extends Future<T> {

    /**
     * Cancels the task. If it has not completed yet, it is polled once more with its future
     * {@linkplain Future#cancel() cancelled}, so {@code finally} blocks run; its outcome is then a
     * {@link java.util.concurrent.CancellationException}. A no-op once the task completed.
     */
    void abort();

    /**
     * Whether the task has completed (with a value, a failure or by abort).
     *
     * @return {@code true} once the task's outcome is known; awaiting the handle then never waits
     */
    boolean isFinished();

    /**
     * Stops waiting for the task (the awaiting side was cancelled) without aborting the task.
     * Always returns {@code false}: the handle must not be polled again.
     */
    @Override
    boolean cancel();

    /**
     * A {@link CompletableFuture} completed with the task's outcome. Cancelling it aborts the
     * task. Use either this or awaiting the handle, not both.
     *
     * <p>The bridge polls the handle itself, with a waker that polls it again, so it needs no
     * thread of its own and works for every handle alike.
     */
    @Override
    default CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        Waker settle = new Waker() {
            @Override
            public void wake() {
                settleInto(cf, this);
            }
        };
        settleInto(cf, settle);
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                abort();
            }
        });
        return cf;
    }

    /** Polls this handle once with {@code waker}; a ready outcome completes {@code cf}. */
    private void settleInto(CompletableFuture<T> cf, Waker waker) {
        try {
            Poll<T> p = poll(Context.of(waker));
            if (p.isReady()) {
                cf.complete(p.value());
            }
        } catch (Throwable e) {
            cf.completeExceptionally(e);
        }
    }
}
