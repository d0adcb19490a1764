package dev.jawait;

import dev.jawait.runtime.AsyncRuntime;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Spawning and yielding from async code, on the current runtime (Tokio's {@code task}
 * module).
 *
 * <pre>{@code
 * JoinHandle<Long> h = Task.spawn(EchoAsync.handle(socket));  // runs concurrently
 * await(Task.yieldNow());                                      // let other tasks run
 * String text = await(Task.spawnBlocking(() -> Files.readString(path)));
 * }</pre>
 */
public final class Task {
    private Task() {}

    /**
     * Spawns {@code future} as a new task on the current runtime.
     *
     * @param <T> the future's value type
     * @param future the work the task runs
     * @return a handle to await the task's value or to abort it
     * @throws IllegalStateException when not on a runtime thread (use
     *     {@link AsyncRuntime#spawn} with an explicit runtime there)
     */
    public static <T> JoinHandle<T> spawn(Future<T> future) {
        AsyncRuntime runtime = AsyncRuntime.currentOrNull();
        if (runtime == null) {
            throw new IllegalStateException("Task.spawn must be called from a jawait runtime "
                    + "thread (inside a task or blockOn); elsewhere use runtime.spawn(future)");
        }
        return runtime.spawn(future);
    }

    /**
     * A future that is pending once (waking its task at once, which puts it behind the other
     * runnable tasks) and then ready: a cooperative yield point.
     *
     * @return a future to await at the yield point
     */
    public static Future<Void> yieldNow() {
        return new Future<>() {
            private boolean yielded;

            @Override
            public Poll<Void> poll(Context cx) {
                if (yielded) {
                    return Poll.ready(null);
                }
                yielded = true;
                cx.waker().wake();
                return Poll.pending();
            }
        };
    }

    /**
     * Runs blocking code ({@code callable}) on the runtime's elastic blocking pool, so it does
     * not hold up a worker; the future completes with its result or its exception. On a
     * runtime thread the call starts at once; elsewhere it starts at the first poll (on the
     * polling thread, which may block there).
     *
     * @param <T> the result type
     * @param callable the blocking code
     * @return a future of {@code callable}'s result, failing with what it threw
     */
    public static <T> TryFuture<T, Exception> spawnBlocking(Callable<T> callable) {
        Objects.requireNonNull(callable, "callable");
        AsyncRuntime runtime = AsyncRuntime.currentOrNull();
        if (runtime != null) {
            return runtime.spawnBlocking(callable);
        }
        return new DeferredBlockingFuture<>(callable);
    }
}
