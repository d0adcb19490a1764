package dev.jawait.internal;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;

/**
 * The future of an override that is not {@code @Async} (a plain implementation, a Mockito mock):
 * the call runs on the first poll — futures are lazy, like the state machine an {@code @Async}
 * override would give — and its value makes the poll ready, its exception fails it.
 *
 * <pre>{@code
 * TryFuture<User, IOException> f = new PlainCall<>(() -> repo.find(id));   // nothing runs yet
 * }</pre>
 */
final class PlainCall<T, E extends Throwable> implements TryFuture<T, E> {
    private VirtualDispatch.Call<? extends T> call;

    PlainCall(VirtualDispatch.Call<? extends T> call) {
        this.call = call;
    }

    @Override
    public Poll<T> poll(Context cx) {
        VirtualDispatch.Call<? extends T> c = call;
        if (c == null) {
            throw new IllegalStateException("a plain override's future was polled after it completed or was cancelled");
        }
        call = null;
        try {
            return Poll.ready(c.call());
        } catch (Throwable failure) {
            throw Failures.sneaky(failure);
        }
    }

    /** Cancelled before its poll, the call never runs; a leaf: it must not be polled again. */
    @Override
    public boolean cancel() {
        call = null;
        return false;
    }

    @Override
    public String toString() {
        return call == null ? "PlainCall(done)" : "PlainCall(not started)";
    }
}
