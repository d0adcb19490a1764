package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Poll;
import java.util.concurrent.CancellationException;

/**
 * What awaiting a task's handle gives, as a number a jcstress result can hold.
 *
 * <pre>{@code
 * int outcome = JoinOutcome.of(task);   // VALUE, CANCELLED, PENDING or FAILED
 * }</pre>
 */
final class JoinOutcome {
    static final int PENDING = 0;
    static final int VALUE = 1;
    static final int CANCELLED = 2;
    static final int FAILED = 3;

    private JoinOutcome() {
    }

    /** Polls the handle once with a waker that does nothing. */
    static int of(TaskCell<Integer> task) {
        try {
            Poll<Integer> p = task.poll(Context.of(() -> { }));
            if (!p.isReady()) {
                return PENDING;
            }
            return p.value() == ProbeFuture.VALUE ? VALUE : FAILED;
        } catch (CancellationException e) {
            return CANCELLED;
        } catch (Throwable e) {
            return FAILED;
        }
    }
}
