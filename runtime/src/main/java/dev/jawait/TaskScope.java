package dev.jawait;

import dev.jawait.runtime.AsyncRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Structured concurrency: a scope whose child tasks cannot outlive the code that awaits it, like
 * Kotlin's {@code coroutineScope}, Tokio's {@code JoinSet} or the JDK's
 * {@code StructuredTaskScope}.
 *
 * <pre>{@code
 * @Async
 * static Page render(User user) {
 *     try (TaskScope<Object> scope = TaskScope.open()) {
 *         JoinHandle<Profile> profile = scope.spawn(ProfilesAsync.load(user));
 *         JoinHandle<List<Order>> orders = scope.spawn(OrdersAsync.recent(user));
 *         await(scope.join());                  // both done, or the first failure
 *         return new Page(await(profile), await(orders));   // ready: results via the handles
 *     }
 * }
 * }</pre>
 *
 * <h2>Semantics</h2>
 * <ul>
 * <li>{@link #spawn} starts a child task (on the scope's runtime) and returns its handle. The
 *     child inherits the spawner's {@link TaskLocal} bindings and context.</li>
 * <li>{@link #join()} completes once every child has finished. With {@link Policy#FAIL_FAST}
 *     (the default) the first child failure aborts the other children, and {@code join()} fails
 *     with it once every aborted child has run its {@code finally} blocks. With
 *     {@link Policy#COLLECT_ALL} every child runs to its end and {@code join()} fails with the
 *     first failure. Either way every other failure is attached to it as a suppressed
 *     exception. A child that ends with {@code CancellationException} (aborted through its
 *     handle, or cancelled by a {@link CancellationToken}) is not a failure of the scope.</li>
 * <li>Cancelling the {@code join()} future, which is what aborting the task that awaits it
 *     does, aborts every child (and so, transitively, the scopes those children await); the
 *     awaiting task then resumes with {@code CancellationException} only once all of them
 *     are gone.</li>
 * <li>A deadline ({@link #open(Policy, Duration)}) aborts the children still running when it
 *     passes; {@code join()} then fails with {@link DeadlineExceededException}.</li>
 * <li>{@link #close()} aborts the children still running and does not wait for them; later
 *     spawns are refused. A failure that no {@code join()} reported by then goes to the
 *     runtime's unhandled-failure handler, so it is never lost.</li>
 * <li>Once aborted (failure, deadline, cancelled join, close) a scope stays aborted: a child
 *     spawned after that is aborted before it runs any code.</li>
 * </ul>
 *
 * <h2>Results</h2>
 * In spawn order, from the handles {@code spawn} returned (ready once {@code join()} completed),
 * or all at once with {@link #joinAll()}; in completion order with {@link #joinNext()}:
 *
 * <pre>{@code
 * try (TaskScope<String> scope = TaskScope.open(TaskScope.Policy.COLLECT_ALL)) {
 *     for (String url : urls) scope.spawn(FetchAsync.get(url));
 *     JoinHandle<String> done;
 *     while ((done = await(scope.joinNext())) != null) {
 *         try {
 *             show(await(done));          // ready: the value, or the child's failure
 *         } catch (IOException e) {
 *             showError(e);
 *         }
 *     }
 * }
 * }</pre>
 *
 * <p>Like a {@code JoinSet}, a scope keeps each finished child (its handle) until
 * {@code joinNext()}, {@code joinAll()} or {@code join()} takes it, so a long-lived scope, such
 * as the one of an accept loop, should reap its children with {@code joinNext()} now and then.
 *
 * <p>A scope may be used from any thread. {@code join()}, {@code joinAll()} and
 * {@code joinNext()} have one awaiter at a time (one of them, once). The task dump
 * ({@code runtime.dumpTasks()}) shows children under the task that opened their scope.
 *
 * @param <T> the children's result type
 */
public interface TaskScope<T> extends AutoCloseable {

    /** What a child failure does to the other children. */
    enum Policy {
        /** The first failure aborts the other children; {@code join()} fails with it. */
        FAIL_FAST,
        /** Every child runs to its end; {@code join()} fails with the first failure. */
        COLLECT_ALL
    }

    /**
     * Opens a {@link Policy#FAIL_FAST} scope on the current runtime, owned by the running task.
     *
     * @param <T> the children's value type
     * @return a new scope; close it with try-with-resources
     * @throws IllegalStateException outside a runtime (use {@link AsyncRuntime#openScope} there)
     */
    static <T> TaskScope<T> open() {
        return open(Policy.FAIL_FAST, null);
    }

    /**
     * Opens a scope with {@code policy} on the current runtime; see {@link #open()}.
     *
     * @param <T> the children's value type
     * @param policy what a child's failure does to the others
     * @return a new scope; close it with try-with-resources
     */
    static <T> TaskScope<T> open(Policy policy) {
        return open(policy, null);
    }

    /**
     * Opens a scope with {@code policy} on the current runtime, which aborts its children when
     * {@code deadline} (from now; null for none) has passed; see {@link #open()}.
     *
     * <pre>{@code
     * try (TaskScope<Quote> scope = TaskScope.open(Policy.COLLECT_ALL, Duration.ofMillis(300))) {
     *     for (Supplier s : suppliers) scope.spawn(QuotesAsync.ask(s));
     *     await(scope.join());        // DeadlineExceededException after 300 ms
     * }
     * }</pre>
     *
     * @param <T> the children's value type
     * @param policy what a child's failure does to the others
     * @param deadline how long the children may run, or null for no deadline
     * @return a new scope; close it with try-with-resources
     */
    static <T> TaskScope<T> open(Policy policy, Duration deadline) {
        Objects.requireNonNull(policy, "policy");
        AsyncRuntime runtime = AsyncRuntime.currentOrNull();
        if (runtime == null) {
            throw new IllegalStateException("TaskScope.open must be called from a jawait runtime "
                    + "thread (inside a task or blockOn); elsewhere use runtime.openScope(...)");
        }
        return runtime.openScope(policy, deadline);
    }

    /**
     * Spawns {@code child} as a child task of this scope and returns its handle. Awaiting the
     * handle gives the child's value or rethrows its failure; its {@code abort()} aborts only
     * that child.
     *
     * @param child the work of the new child task
     * @return the child's handle
     * @throws IllegalStateException after {@link #close()}, or when the runtime is closed
     */
    JoinHandle<T> spawn(Future<? extends T> child);

    /**
     * A future that completes once every child spawned so far has finished, and fails as the
     * class documentation says. It takes the finished children (their handles stay readable).
     * Cancelling it aborts every child and keeps it pending until they are all gone.
     *
     * @return a future that completes when the children are done, or fails as the policy says
     */
    Future<Void> join();

    /**
     * Like {@link #join()}, then the values of the children it took, in spawn order; a child
     * that was cancelled fails it with that child's {@code CancellationException}.
     *
     * @return a future of the children's values in spawn order
     */
    Future<List<T>> joinAll();

    /**
     * A future of the next child to finish (in completion order; a child that finished before
     * the call counts), or of {@code null} once no child is left to take. The handle is
     * finished: awaiting it gives the value or rethrows the child's failure. Cancelling this
     * future only stops waiting.
     *
     * @return a future of the next finished child's handle, or of {@code null} when none is left
     */
    Future<JoinHandle<T>> joinNext();

    /**
     * Children spawned and not finished yet.
     *
     * @return how many children are still running
     */
    int running();

    /**
     * Whether the scope was aborted: a fail-fast failure, the deadline, a cancelled join, or close.
     *
     * @return {@code true} once the scope has aborted its children
     */
    boolean isAborted();

    /** Aborts the children still running, without waiting for them, and refuses new spawns. */
    @Override
    void close();
}
