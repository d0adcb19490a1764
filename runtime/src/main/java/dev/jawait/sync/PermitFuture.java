package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * A future that acquires permits from a {@link PermitQueue} and then turns them into a result (a
 * guard, a permit, a reserved channel slot). The future is its own queue node.
 *
 * <pre>{@code
 * new PermitFuture<MutexGuard<T>>(queue, 1) {
 *     MutexGuard<T> granted() { return new MutexGuard<>(mutex); }
 * };
 * }</pre>
 *
 * <p>Cancellation-safe: {@link #cancel()} withdraws the request, and permits granted but not yet
 * observed by a poll are handed to the next waiter. It returns {@code false} (a leaf future).
 */
abstract class PermitFuture<R> extends PermitQueue.Waiter implements Future<R> {
    private final PermitQueue queue;

    PermitFuture(PermitQueue queue, int permits) {
        super(permits);
        this.queue = queue;
    }

    /** Called once, by the poll that obtained the permits; may throw after giving them back. */
    abstract R granted();

    /** The failure when the queue was closed. */
    abstract RuntimeException closed();

    @Override
    public final Poll<R> poll(Context cx) {
        int outcome = queue.poll(this, cx.waker());
        if (outcome == PermitQueue.GRANTED) {
            return Poll.ready(granted());
        }
        if (outcome == PermitQueue.WAITING) {
            return Poll.pending();
        }
        throw closed();
    }

    @Override
    public final boolean cancel() {
        queue.cancel(this);
        return false;
    }
}
