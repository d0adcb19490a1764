package dev.jawait.bench.runtime;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;

/**
 * The {@code @Async} method of the await benchmark (run through its generated companion
 * {@code TemplatesAsync}), written as a user would write it.
 *
 * <pre>{@code
 * long sum = runtime.blockOn(TemplatesAsync.sumReady(Future.ready(1), 1000));
 * }</pre>
 */
public final class Templates {
    private Templates() {}

    /** Awaits an already-ready future {@code n} times: the await fast path. */
    @Async
    static long sumReady(Future<Integer> ready, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = await(ready);
            sum += v;
        }
        return sum;
    }
}
