package dev.jawait;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Future#map}: applies a function to the value of another future.
 *
 * <pre>{@code
 * Future<Integer> n = Future.ready("abc").map(String::length);
 * }</pre>
 */
final class MappedFuture<T, U> implements Future<U> {
    private final Future<T> source;
    private final Function<? super T, ? extends U> mapper;

    MappedFuture(Future<T> source, Function<? super T, ? extends U> mapper) {
        this.source = Objects.requireNonNull(source, "source");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    @Override
    public Poll<U> poll(Context cx) {
        Poll<T> p = source.poll(cx);
        if (p.isPending()) {
            return Poll.pending();
        }
        return Poll.ready(mapper.apply(p.value()));
    }

    @Override
    public boolean cancel() {
        return source.cancel();
    }
}
