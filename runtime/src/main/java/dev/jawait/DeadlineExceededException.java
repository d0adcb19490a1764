package dev.jawait;

import java.time.Duration;

/**
 * Thrown by a {@link TaskScope}'s {@code join()} when the scope's deadline passed before its
 * children finished; they were aborted and had finished their cleanup by then. Unchecked, so
 * an {@code await(scope.join())} can catch it directly.
 *
 * <pre>{@code
 * try (TaskScope<Quote> scope = TaskScope.open(Policy.FAIL_FAST, Duration.ofMillis(300))) {
 *     scope.spawn(QuotesAsync.ask(supplier));
 *     await(scope.join());
 * } catch (DeadlineExceededException e) {
 *     return Quote.NONE;
 * }
 * }</pre>
 */
public class DeadlineExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Duration deadline;

    /**
     * A failure for a scope whose {@code deadline} (as given when it was opened) passed.
     *
     * @param deadline the scope's deadline, measured from its opening
     */
    public DeadlineExceededException(Duration deadline) {
        super("the task scope's deadline of " + deadline + " passed; its children were aborted");
        this.deadline = deadline;
    }

    /**
     * The deadline the scope was opened with.
     *
     * @return the duration after which the scope aborted its children
     */
    public Duration deadline() {
        return deadline;
    }
}
