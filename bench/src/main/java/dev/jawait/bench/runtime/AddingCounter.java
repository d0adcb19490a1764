package dev.jawait.bench.runtime;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;

/**
 * The {@code @Async} implementation of {@link Counter} the dispatch benchmark awaits: one await
 * of an always-ready future, so each call is a real state machine. Final, so that its own
 * companion {@code AddingCounterAsync.add} is the direct path the benchmark compares with.
 *
 * <pre>{@code
 * int v = await(AddingCounterAsync.add(new AddingCounter(ready), 1));
 * }</pre>
 */
public final class AddingCounter implements Counter {
    private final Future<Integer> step;

    public AddingCounter(Future<Integer> step) {
        this.step = step;
    }

    @Async
    @Override
    public int add(int x) {
        return x + await(step);
    }
}
