package dev.jawait;

/**
 * A {@link Future} that may fail with the checked exception {@code E}; {@code await} of a
 * {@code TryFuture<T, E>} declares {@code throws E}, so javac checks the failure like a blocking
 * call's.
 *
 * <pre>{@code
 * TryFuture<Integer, IOException> read = socket.read(buf);
 * int n = await(read);            // throws IOException
 * }</pre>
 *
 * <p>{@code poll} cannot declare {@code E} (it overrides {@link Future#poll}), so implementations
 * throw it unchecked with {@link Failures#sneaky(Throwable)}.
 */
public interface TryFuture<T, E extends Throwable> extends Future<T> {

    /**
     * Views any future as one that may fail with {@code E}; the caller vouches for the type.
     *
     * @param <T> the value type
     * @param <E> the checked failure the caller says {@code future} may throw
     * @param future the future to view
     * @return {@code future} itself, or a view of it, typed as a {@code TryFuture}
     */
    @SuppressWarnings("unchecked")
    static <T, E extends Throwable> TryFuture<T, E> of(Future<T> future) {
        if (future instanceof TryFuture) {
            return (TryFuture<T, E>) future;
        }
        return new TryFuture<>() {
            @Override
            public Poll<T> poll(Context cx) {
                return future.poll(cx);
            }

            @Override
            public boolean cancel() {
                return future.cancel();
            }

            @Override
            public String toString() {
                return future.toString();
            }
        };
    }
}
