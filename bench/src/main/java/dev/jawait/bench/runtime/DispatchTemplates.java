package dev.jawait.bench.runtime;

import static dev.jawait.Await.await;

import dev.jawait.Async;

/**
 * The loops of the dispatch benchmark: {@code n} awaits of {@code add}, through the interface's
 * dispatching companion or through the implementation's own (direct) companion.
 *
 * <pre>{@code
 * long sum = runtime.blockOn(DispatchTemplatesAsync.viaInterface(counter, 1000));
 * }</pre>
 */
public final class DispatchTemplates {
    private DispatchTemplates() {}

    /** {@code await(CounterAsync.add(counter, i))}: dispatched to the receiver's {@code add}. */
    @Async
    static long viaInterface(Counter counter, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(CounterAsync.add(counter, i & 7));
        }
        return sum;
    }

    /** {@code await(AddingCounterAsync.add(counter, i))}: the implementation's machine, no dispatch. */
    @Async
    static long viaImplementation(AddingCounter counter, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sum += await(AddingCounterAsync.add(counter, i & 7));
        }
        return sum;
    }
}
