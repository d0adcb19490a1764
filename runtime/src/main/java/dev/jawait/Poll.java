package dev.jawait;

import java.util.NoSuchElementException;

/**
 * The answer of one {@link Future#poll poll}: either ready with a value, or pending (the future
 * has arranged for its waker to be called when it can progress).
 *
 * <pre>{@code
 * Poll<Integer> p = future.poll(cx);
 * if (p.isReady()) use(p.value());
 * }</pre>
 *
 * <p>{@link #pending()} is a shared constant and {@code ready(null)} is too, so polling a
 * {@code Future<Void>} allocates nothing; a future that is polled repeatedly while ready can
 * keep its {@code Poll} instance.
 */
public final class Poll<T> {
    private static final Poll<?> PENDING = new Poll<>(null, false);
    private static final Poll<?> READY_NULL = new Poll<>(null, true);

    private final T value;
    private final boolean ready;

    private Poll(T value, boolean ready) {
        this.value = value;
        this.ready = ready;
    }

    /**
     * A ready poll carrying {@code value} (which may be {@code null}).
     *
     * @param <T> the value type
     * @param value the future's value
     * @return a ready poll
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> ready(T value) {
        return value == null ? (Poll<T>) READY_NULL : new Poll<>(value, true);
    }

    /**
     * The pending poll: the future is not done and will wake its task.
     *
     * @param <T> the value type the future would have
     * @return the shared pending poll
     */
    @SuppressWarnings("unchecked")
    public static <T> Poll<T> pending() {
        return (Poll<T>) PENDING;
    }

    /**
     * Whether the future completed.
     *
     * @return {@code true} for a poll made by {@link #ready(Object)}
     */
    public boolean isReady() {
        return ready;
    }

    /**
     * Whether the future is still pending.
     *
     * @return {@code true} for {@link #pending()}
     */
    public boolean isPending() {
        return !ready;
    }

    /**
     * The value of a ready poll.
     *
     * @return the value given to {@link #ready(Object)}
     * @throws NoSuchElementException if this poll is pending
     */
    public T value() {
        if (!ready) {
            throw new NoSuchElementException("Poll.pending() has no value");
        }
        return value;
    }

    @Override
    public String toString() {
        return ready ? "Ready(" + value + ")" : "Pending";
    }
}
