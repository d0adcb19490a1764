package dev.jawait.runtime;

import dev.jawait.Context;

/**
 * Cooperative scheduling budget, as in Tokio's {@code coop}: each time a task is polled it gets
 * {@value #BUDGET} units; leaf futures that can be ready again and again (a channel with
 * messages queued, a socket with data buffered) spend one unit per ready answer, and once the
 * budget is gone they answer pending instead (waking the task at once), so a loop like
 * {@code while (true) handle(await(rx.recv()));} yields to the other tasks now and then instead
 * of monopolising its worker.
 *
 * <pre>{@code
 * public Poll<T> poll(Context cx) {
 *     if (!Coop.proceed(cx)) return Poll.pending();   // budget spent: let others run
 *     T item = queue.poll();
 *     ...
 * }
 * }</pre>
 *
 * <p>Outside a runtime task (a blocking {@code await}, a plain thread) the budget is unlimited.
 */
public final class Coop {
    /** Units a task gets per poll. */
    public static final int BUDGET = 128;

    private Coop() {}

    /**
     * Spends one unit of the running task's budget. Returns {@code true} if the caller may go
     * on; {@code false} if the budget is exhausted, in which case {@code cx}'s waker has been
     * woken and the caller must return {@link dev.jawait.Poll#pending()} without doing work.
     *
     * @param cx the context of the polling task
     * @return {@code true} to go on, {@code false} to return pending
     */
    public static boolean proceed(Context cx) {
        Budgeted holder = RuntimeContext.budget();
        if (holder == null) {
            return true;
        }
        if (holder.budget > 0) {
            holder.budget--;
            return true;
        }
        cx.waker().wake();
        return false;
    }

    /**
     * Whether the running task still has budget (does not spend any).
     *
     * @return {@code true} if the budget is not spent
     */
    public static boolean hasBudgetRemaining() {
        Budgeted holder = RuntimeContext.budget();
        return holder == null || holder.budget > 0;
    }

    /** Something that runs tasks and carries the budget of the one it is polling. */
    abstract static class Budgeted {
        int budget = Integer.MAX_VALUE;
    }
}
