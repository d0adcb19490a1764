package dev.jawait;

import dev.jawait.runtime.AsyncRuntime;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Combinators over futures, run concurrently within one task (Tokio's {@code join!} and
 * {@code select!}), and bridges to {@link CompletionStage}.
 *
 * <pre>{@code
 * var both = await(Futures.join(fetch(a), fetch(b)));         // both.first(), both.second()
 * String first = await(Futures.select(fetch(a), fetch(b)));   // the loser is cancelled
 * List<Integer> all = await(Futures.joinAll(futures));
 * int n = await(Futures.fromCompletionStage(httpClient.sendAsync(...)));
 * }</pre>
 *
 * <p>Joins and selects are composites: cancelling one cancels its children and returns
 * {@code true}, and a child that takes charge of its cancellation is polled until it completes
 * before the composite does, so {@code finally} code in children runs.
 */
public final class Futures {
    private Futures() {}

    /**
     * The values of a two-way {@link #join(Future, Future) join}.
     *
     * <pre>{@code
     * Pair<User, List<Order>> p = await(Futures.join(user(id), orders(id)));
     * render(p.first(), p.second());
     * }</pre>
     */
    public record Pair<A, B>(A first, B second) {}

    /**
     * The values of a three-way {@link #join(Future, Future, Future) join}.
     *
     * <pre>{@code
     * var t = await(Futures.join(a(), b(), c()));   // t.first(), t.second(), t.third()
     * }</pre>
     */
    public record Triple<A, B, C>(A first, B second, C third) {}

    /**
     * Runs {@code a} and {@code b} concurrently and completes with both values; the first
     * failure fails the join and cancels the other.
     *
     * @param <A> the first value type
     * @param <B> the second value type
     * @param a the first future
     * @param b the second future
     * @return a future of both values
     */
    @SuppressWarnings("unchecked")
    public static <A, B> Future<Pair<A, B>> join(Future<A> a, Future<B> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return new CompositeFuture.Join(new Future<?>[] {a, b})
                .map(v -> new Pair<>((A) v[0], (B) v[1]));
    }

    /**
     * Three-way {@link #join(Future, Future)}.
     *
     * @param <A> the first value type
     * @param <B> the second value type
     * @param <C> the third value type
     * @param a the first future
     * @param b the second future
     * @param c the third future
     * @return a future of the three values
     */
    @SuppressWarnings("unchecked")
    public static <A, B, C> Future<Triple<A, B, C>> join(Future<A> a, Future<B> b, Future<C> c) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        Objects.requireNonNull(c, "c");
        return new CompositeFuture.Join(new Future<?>[] {a, b, c})
                .map(v -> new Triple<>((A) v[0], (B) v[1], (C) v[2]));
    }

    /**
     * Runs all {@code futures} concurrently and completes with their values in order; the first
     * failure fails the join and cancels the others.
     *
     * @param <T> the common value type
     * @param futures the futures to run; the list is read once
     * @return a future of their values, in the order of {@code futures}
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> joinAll(List<? extends Future<? extends T>> futures) {
        Future<?>[] children = futures.toArray(new Future<?>[0]);
        for (Future<?> f : children) {
            Objects.requireNonNull(f, "futures contains null");
        }
        if (children.length == 0) {
            return Future.ready(Collections.emptyList());
        }
        return new CompositeFuture.Join(children)
                .map(v -> Collections.unmodifiableList(Arrays.asList((T[]) v)));
    }

    /**
     * Polls {@code a} and {@code b} concurrently; the first to complete, with a value or a
     * failure, decides, and the other is cancelled (and, if it takes charge of cancellation,
     * run to completion first). Children are polled in argument order, so when both are ready
     * in the same poll, {@code a} wins.
     *
     * @param <T> the common value type
     * @param a the first future, which wins a tie
     * @param b the second future
     * @return a future of the winner's value or failure
     */
    public static <T> Future<T> select(Future<? extends T> a, Future<? extends T> b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        return new CompositeFuture.Race<>(new Future<?>[] {a, b});
    }

    /**
     * {@link #select(Future, Future)} over any number of futures (at least one).
     *
     * @param <T> the common value type
     * @param futures the competitors, in tie-breaking order; at least one
     * @return a future of the winner's value or failure
     * @throws IllegalArgumentException if {@code futures} is empty
     */
    public static <T> Future<T> race(List<? extends Future<? extends T>> futures) {
        Future<?>[] children = futures.toArray(new Future<?>[0]);
        if (children.length == 0) {
            throw new IllegalArgumentException("race needs at least one future");
        }
        for (Future<?> f : children) {
            Objects.requireNonNull(f, "futures contains null");
        }
        return new CompositeFuture.Race<>(children);
    }

    /**
     * A future of a {@link CompletionStage}'s outcome; a failure is rethrown unwrapped from
     * {@link java.util.concurrent.CompletionException}. Cancelling the future stops waiting
     * without cancelling the stage (it may be shared).
     *
     * @param <T> the stage's value type
     * @param stage the stage to observe
     * @return a future of the stage's value or unwrapped failure
     */
    public static <T> TryFuture<T, RuntimeException> fromCompletionStage(CompletionStage<T> stage) {
        return new CompletionStageFuture<>(Objects.requireNonNull(stage, "stage"));
    }

    /**
     * Spawns {@code future} on {@code runtime} and returns a {@link CompletableFuture} of its
     * outcome; cancelling the {@code CompletableFuture} aborts the task.
     *
     * @param <T> the future's value type
     * @param future the future to run as a task
     * @param runtime the runtime to spawn it on
     * @return a {@code CompletableFuture} of the task's outcome
     */
    public static <T> CompletableFuture<T> toCompletableFuture(Future<T> future, AsyncRuntime runtime) {
        return runtime.spawn(future).toCompletableFuture();
    }
}
