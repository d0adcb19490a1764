package dev.jawait.bench.runtime;

/**
 * A plain (not {@code @Async}) implementation of {@link Counter}: the companion calls it on the
 * first poll of the future it returns.
 *
 * <pre>{@code
 * int v = await(CounterAsync.add(new PlainCounter(), 1));   // 2
 * }</pre>
 */
public final class PlainCounter implements Counter {
    @Override
    public int add(int x) {
        return x + 1;
    }
}
