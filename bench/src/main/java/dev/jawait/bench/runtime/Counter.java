package dev.jawait.bench.runtime;

import dev.jawait.Async;

/**
 * The interface of the dispatch benchmark: an {@code @Async} method without a body, which its
 * companion {@code CounterAsync} dispatches to the receiver's implementation.
 *
 * <pre>{@code
 * int v = await(CounterAsync.add(counter, 1));
 * }</pre>
 */
public interface Counter {
    @Async
    int add(int x);
}
