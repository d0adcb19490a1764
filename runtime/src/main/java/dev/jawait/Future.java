package dev.jawait;

/**
 * A value that will be available later, computed by polling — jawait's equivalent of Rust's
 * {@code Future}. The runtime polls a future; {@link #poll poll} returns {@link Poll#ready} with
 * the value, returns {@link Poll#pending} after arranging for {@code cx.waker().wake()} to be
 * called when it can progress, or throws the failure (checked exceptions included, see
 * {@link TryFuture}).
 *
 * <pre>{@code
 * final class Countdown implements Future<String> {
 *     private int left = 3;
 *     public Poll<String> poll(Context cx) {
 *         if (left-- == 0) return Poll.ready("liftoff");
 *         cx.waker().wake();          // ask to be polled again
 *         return Poll.pending();
 *     }
 * }
 * String s = runtime.blockOn(new Countdown());
 * }</pre>
 *
 * <p>Futures are lazy: nothing happens until they are polled. A future is polled by one thread at
 * a time and must not be polled again after it returned ready or threw.
 *
 * <h2>Cancellation</h2>
 * {@link #cancel()} asks a pending future to stop. A leaf future (a timer, a socket read, a lock
 * acquisition) releases what it holds and returns {@code false}: whoever polls it must not poll
 * it again and treats it as failed with {@link java.util.concurrent.CancellationException}. A
 * composite future (a generated state machine, a join) returns {@code true}: it will run its
 * {@code finally} code on the following polls and complete, normally by throwing
 * {@code CancellationException}, so it must be polled to completion.
 */
public interface Future<T> {

    /**
     * Attempts to make progress. See the class documentation for the protocol.
     *
     * @param cx the context of the task polling; its waker is the one to arrange a wake-up with
     * @return {@link Poll#ready(Object)} with the value, or {@link Poll#pending()} once a wake-up is arranged
     */
    Poll<T> poll(Context cx);

    /**
     * Asks this pending future to stop. Returns {@code false} (the default) when the future only
     * released its resources and must not be polled again, {@code true} when it takes charge of
     * the cancellation and must be polled until it completes.
     *
     * @return {@code true} if the future must still be polled to completion, {@code false} if it is done with
     */
    default boolean cancel() {
        return false;
    }

    /**
     * A future that completes with {@code mapper} applied to this future's value; failures pass
     * through unchanged and cancellation is forwarded to this future.
     *
     * <pre>{@code
     * Future<Integer> length = readLine().map(String::length);
     * }</pre>
     *
     * @param <U> the mapped value type
     * @param mapper applied once to this future's value, on the polling thread
     * @return a future of the mapped value
     */
    default <U> Future<U> map(java.util.function.Function<? super T, ? extends U> mapper) {
        return new MappedFuture<>(this, mapper);
    }

    /**
     * A future that, once this one completes, continues with the future {@code next} returns for
     * its value; cancellation is forwarded to whichever of the two is running.
     *
     * <pre>{@code
     * Future<String> body = connect(addr).flatMap(conn -> conn.readAll());
     * }</pre>
     *
     * @param <U> the value type of the continuation
     * @param next called once with this future's value; the future it returns is polled next
     * @return a future of the continuation's value
     */
    default <U> Future<U> flatMap(
            java.util.function.Function<? super T, ? extends Future<? extends U>> next) {
        return new FlatMappedFuture<>(this, next);
    }

    /**
     * Spawns this future onto the current runtime (see {@code Task.spawn}) and returns a
     * {@link java.util.concurrent.CompletableFuture} of its outcome, for code written against
     * {@code CompletionStage}. Throws {@link IllegalStateException} outside a runtime; use
     * {@code Futures.toCompletableFuture(future, runtime)} there.
     *
     * @return a {@code CompletableFuture} completed with this future's value or failure
     */
    default java.util.concurrent.CompletableFuture<T> toCompletableFuture() {
        return Task.spawn(this).toCompletableFuture();
    }

    /**
     * A future that is ready at once with {@code value}; polling it allocates nothing.
     *
     * @param <T> the value type
     * @param value the value, which may be null
     * @return a future ready with {@code value}
     */
    static <T> Future<T> ready(T value) {
        Poll<T> poll = Poll.ready(value);
        return cx -> poll;
    }

    /**
     * A future whose first poll throws {@code failure}.
     *
     * @param <T> the value type the caller expects
     * @param failure the exception the first poll throws
     * @return a future that fails with {@code failure}
     */
    static <T> Future<T> failed(Throwable failure) {
        java.util.Objects.requireNonNull(failure, "failure");
        return cx -> {
            throw Failures.sneaky(failure);
        };
    }
}
