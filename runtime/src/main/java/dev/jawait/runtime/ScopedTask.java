package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Waker;

/**
 * A child task of a {@link StructuredScope}: the handle its {@code spawn} returns, and the awaiter
 * of the task itself. The scope registers it as the task's join waker before the task runs, so
 * the task's completion (after its {@code finally} blocks, with the runtime's live count already
 * dropped) calls {@link #wake()} exactly once, which tells the scope; a user awaiting this handle
 * is woken from there. Being the one awaiter of the task also makes the scope the owner of the
 * child's failure: it reaches {@code join()} instead of the unhandled-failure handler.
 *
 * <pre>{@code
 * ScopedTask<T> child = new ScopedTask<>(scope, cell);
 * cell.awaitedBefore(child);   // join interest, before the cell is scheduled
 * }</pre>
 */
final class ScopedTask<T> implements JoinHandle<T>, Waker, Context {
    final StructuredScope<T> scope;
    final TaskCell<T> cell;

    /**
     * The next older child in the scope's {@code children} chain: written before the CAS that
     * publishes this node, later only by the scope's pruning or a join's cut, under its lock.
     */
    ScopedTask<T> next;
    /** This child's spawn number, 1-based (written before the CAS that publishes the node). */
    int index;
    /**
     * The next older child in the scope's {@code finished} chain (written before the CAS that
     * publishes this one) or, once the consumer moved it, the next newer one in its
     * completion-order queue (under the lock); this node itself once taken by
     * joinNext (a flag without a field of its own), or the node a join cut the chain at.
     */
    ScopedTask<T> finishedNext;

    /**
     * Whether joinNext took this child, or a join cut the chain at it (under the scope's lock);
     * the children a join took below it are told by their number, not marked.
     */
    boolean isTaken() {
        return finishedNext == this;
    }

    /** A user awaiting this handle. */
    private volatile Waker awaiter;

    /** A child's node; with a null {@code cell}, the sentinel that closes the scope's chain. */
    ScopedTask(StructuredScope<T> scope, TaskCell<T> cell) {
        this.scope = scope;
        this.cell = cell;
    }

    // ---- the task's join waker -------------------------------------------------------------

    @Override
    public Waker waker() {
        return this;
    }

    /** The task completed (called once, by the thread that completed it). */
    @Override
    public void wake() {
        if (cell.isFinished()) { // defensive: only the completion may count this child out
            scope.finished(this);
        }
    }

    /** The child's failure, or null if it returned a value. Only once it is finished. */
    Throwable failure() {
        if (!cell.isFailed()) {
            return null; // no Poll to allocate on the common path
        }
        try {
            cell.poll(this);
            return null;
        } catch (Throwable failure) {
            return failure;
        }
    }

    /** Wakes a user awaiting this handle; called by the scope after counting the child out. */
    void wakeAwaiter() {
        Waker w = awaiter;
        if (w != null) {
            w.wake();
        }
    }

    // ---- JoinHandle ------------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        if (cell.isFinished()) {
            return cell.poll(this); // complete: the outcome, the cell's join waker untouched
        }
        awaiter = cx.waker();
        // awaiter written before this read, COMPLETE set before the completion reads awaiter.
        return cell.isFinished() ? cell.poll(this) : Poll.pending();
    }

    @Override
    public boolean cancel() {
        awaiter = null; // stop waiting; the child runs on
        return false;
    }

    @Override
    public void abort() {
        cell.abort();
    }

    @Override
    public boolean isFinished() {
        return cell.isFinished();
    }

    @Override
    public String toString() {
        return cell == null ? "TaskScope[closed]" : "Task[" + cell.stateName() + ", task " + cell.id + " of a scope]";
    }
}
