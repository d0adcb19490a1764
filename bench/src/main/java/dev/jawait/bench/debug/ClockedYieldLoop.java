package dev.jawait.bench.debug;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Task;

/**
 * A task body that awaits {@code Task.yieldNow()} {@code n} times, optionally reading the clock
 * twice per poll the way the runtime's per-poll timing does (start and end of the poll, the
 * difference compared against a threshold, the end kept in a field). Adding a second clock
 * pair to a poll that already carries the runtime's pair measures what that pair costs.
 *
 * <pre>{@code
 * int trips = runtime.blockOn(runtime.spawn(ClockedYieldLoop.of(1000, true)));
 * }</pre>
 */
final class ClockedYieldLoop implements Future<Integer> {
    private final int n;
    private final boolean clocked;
    private int i;
    private Future<Void> yielding;
    /** End of the last poll, as {@code TaskCell} keeps it for the task dump. */
    private long lastPollNanos;
    private long longPolls;

    private ClockedYieldLoop(int n, boolean clocked) {
        this.n = n;
        this.clocked = clocked;
    }

    static ClockedYieldLoop of(int n, boolean clocked) {
        return new ClockedYieldLoop(n, clocked);
    }

    /** Polls counted as "long" (never, in practice): keeps the clock reads observable. */
    long longPolls() {
        return longPolls;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        if (!clocked) {
            return step(cx);
        }
        long start = System.nanoTime();
        Poll<Integer> p = step(cx);
        long end = System.nanoTime();
        lastPollNanos = end;
        if (end - start >= 100_000_000L) {
            longPolls++;
        }
        return p;
    }

    private Poll<Integer> step(Context cx) {
        while (i < n) {
            if (yielding == null) {
                yielding = Task.yieldNow();
            }
            if (yielding.poll(cx).isPending()) {
                return Poll.pending();
            }
            yielding = null;
            i++;
        }
        return Poll.ready(n + (int) longPolls);
    }
}
