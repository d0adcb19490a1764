package dev.jawait;

import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.Callable;

/**
 * {@code Task.spawnBlocking} called outside any runtime: nothing to submit to yet, so the
 * first poll decides. Polled by a runtime, it hands the call to that runtime's blocking pool;
 * polled by an ordinary thread (a blocking {@code await}), it simply runs the call there.
 *
 * <pre>{@code
 * String s = await(Task.spawnBlocking(() -> read(path)));   // plain thread: runs inline
 * }</pre>
 */
final class DeferredBlockingFuture<T> implements TryFuture<T, Exception> {
    private Callable<T> callable;
    private Future<T> submitted;

    DeferredBlockingFuture(Callable<T> callable) {
        this.callable = callable;
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (submitted == null) {
            Callable<T> c = callable;
            callable = null;
            AsyncRuntime runtime = AsyncRuntime.currentOrNull();
            if (runtime == null || !AsyncRuntime.inAsyncContext()) {
                try {
                    return Poll.ready(c.call());
                } catch (Exception e) {
                    throw Failures.sneaky(e);
                }
            }
            submitted = runtime.spawnBlocking(c);
        }
        return submitted.poll(cx);
    }

    @Override
    public boolean cancel() {
        callable = null;
        return submitted != null && submitted.cancel();
    }
}
