package dev.jawait;

import java.util.Objects;
import java.util.function.Function;

/**
 * {@link Future#flatMap}: runs one future, then the future computed from its value.
 *
 * <pre>{@code
 * Future<String> s = Future.ready(2).flatMap(n -> Future.ready("x".repeat(n)));
 * }</pre>
 */
final class FlatMappedFuture<T, U> implements Future<U> {
    private Future<T> first;
    private final Function<? super T, ? extends Future<? extends U>> next;
    private Future<? extends U> second;

    FlatMappedFuture(Future<T> first, Function<? super T, ? extends Future<? extends U>> next) {
        this.first = Objects.requireNonNull(first, "first");
        this.next = Objects.requireNonNull(next, "next");
    }

    @Override
    public Poll<U> poll(Context cx) {
        if (second == null) {
            Poll<T> p = first.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            first = null;
            second = Objects.requireNonNull(next.apply(p.value()), "flatMap function returned null");
        }
        Poll<? extends U> p = second.poll(cx);
        return p.isPending() ? Poll.pending() : Poll.ready(p.value());
    }

    @Override
    public boolean cancel() {
        return second != null ? second.cancel() : first.cancel();
    }
}
