package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.DeadlineExceededException;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.TaskScope;
import dev.jawait.Waker;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.TimerEntry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * The {@link TaskScope} of a runtime (see there for the semantics).
 *
 * <p>One {@code int} state word holds the number of children not finished yet and two flags,
 * {@code ABORTED} and {@code CLOSED}. A child's completion is lock-free unless it failed: it
 * pushes itself on the finished stack, then decrements the count, then wakes the awaiter of
 * {@code join()} (on the last child) or {@code joinNext()} (on every child). The awaiter writes
 * its waker, then reads the count, so one of the two sides always sees the other. The lock
 * ({@code this}; the class is not public, so nobody else holds it) guards the spawn-order list
 * of children not taken yet, the completion-order queue, and the failures.
 *
 * <p>A spawn counts the child in (refused once {@code CLOSED}), links it, then re-reads
 * {@code ABORTED}; an abort publishes its cause, sets {@code ABORTED}, then aborts every linked
 * child that has not finished. Either the spawn sees the flag or the abort sees the link, so no
 * child escapes an abort.
 *
 * <pre>{@code
 * StructuredScope<T> scope = new StructuredScope<>(runtime, Policy.FAIL_FAST, ownerTaskId);
 * JoinHandle<T> h = scope.spawn(child);   // ...
 * }</pre>
 */
final class StructuredScope<T> implements TaskScope<T> {
    static final int COUNT = (1 << 28) - 1;
    static final int ABORTED = 1 << 28;
    static final int CLOSED = 1 << 29;

    private static final VarHandle STATE;
    private static final VarHandle CAUSE;
    private static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(StructuredScope.class, "state", int.class);
            CAUSE = l.findVarHandle(StructuredScope.class, "cause", Throwable.class);
            FINISHED = l.findVarHandle(StructuredScope.class, "finished", ScopedTask.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Scheduler scheduler;
    /** Null only for a scope over a test scheduler (jcstress). */
    private final AsyncRuntime runtime;
    private final TaskScope.Policy policy;
    /** The id of the task that opened the scope (the parent in task dumps), 0 for none. */
    final long ownerId;

    private volatile int state;
    /** Why the scope was aborted, first cause wins; set before {@code ABORTED}. */
    private volatile Throwable cause;
    /** Children finished and not yet moved to the queue, newest first (Treiber stack). */
    private volatile ScopedTask<T> finished;
    /** The awaiter of join/joinAll/joinNext, and whether it waits for every finish or the last. */
    private volatile Waker waiter;
    private volatile boolean waiterWantsEach;

    // Guarded by the lock.
    private ScopedTask<T> head;
    private ScopedTask<T> tail;
    private ScopedTask<T> queueHead;
    private ScopedTask<T> queueTail;
    private Throwable firstFailure;
    private List<Throwable> otherFailures;
    /** The failures were delivered by a join, or reported when the scope closed. */
    private boolean delivered;
    private boolean closed;

    private Duration deadline;
    private TimerEntry deadlineTimer;

    StructuredScope(AsyncRuntime runtime, TaskScope.Policy policy, long ownerId) {
        this(runtime.scheduler(), runtime, policy, ownerId);
    }

    /** For stress tests: children run on {@code scheduler} and nothing is reported. */
    StructuredScope(Scheduler scheduler, AsyncRuntime runtime, TaskScope.Policy policy, long ownerId) {
        this.scheduler = scheduler;
        this.runtime = runtime;
        this.policy = Objects.requireNonNull(policy, "policy");
        this.ownerId = ownerId;
    }

    // ---- spawning ----------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public JoinHandle<T> spawn(Future<? extends T> child) {
        Objects.requireNonNull(child, "child");
        Future<T> body = (Future<T>) child; // only ever read: covariance is safe
        TaskCell<T> cell = runtime != null ? runtime.newTask(body) : new TaskCell<>(body, scheduler);
        ScopedTask<T> handle = new ScopedTask<>(this, cell);
        cell.awaitedBefore(handle); // the scope awaits the task from before it can run
        int s = state;
        for (;;) {
            if ((s & CLOSED) != 0) {
                throw new IllegalStateException("the task scope is closed");
            }
            if ((s & COUNT) == COUNT) {
                throw new IllegalStateException("a task scope holds at most " + COUNT + " running children");
            }
            int witness = (int) STATE.compareAndExchange(this, s, s + 1);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        synchronized (this) {
            link(handle);
        }
        if ((state & ABORTED) != 0) {
            cell.abort(); // not run yet: it completes cancelled without running any code
        }
        if (runtime != null) {
            runtime.submit(cell); // a closed runtime settles it as cancelled, then throws
        } else {
            scheduler.schedule(cell, false);
        }
        return handle;
    }

    private void link(ScopedTask<T> child) {
        child.prev = tail;
        if (tail == null) {
            head = child;
        } else {
            tail.next = child;
        }
        tail = child;
        child.linked = true;
    }

    private void unlink(ScopedTask<T> child) {
        if (!child.linked) {
            return;
        }
        if (child.prev == null) {
            head = child.next;
        } else {
            child.prev.next = child.next;
        }
        if (child.next == null) {
            tail = child.prev;
        } else {
            child.next.prev = child.prev;
        }
        child.prev = child.next = null;
        child.linked = false;
    }

    // ---- a child finished ----------------------------------------------------------------------

    /** Called once per child, by the thread that completed it (after its task is complete). */
    void finished(ScopedTask<T> child) {
        Throwable failure = child.failure();
        if (failure != null) {
            failed(failure);
        }
        ScopedTask<T> top = finished;
        for (;;) {
            child.finishedNext = top;
            ScopedTask<T> witness = (ScopedTask<T>) FINISHED.compareAndExchange(this, top, child);
            if (witness == top) {
                break;
            }
            top = witness;
        }
        int left = ((int) STATE.getAndAdd(this, -1) - 1) & COUNT;
        Waker w = waiter;
        if (w != null && (left == 0 || waiterWantsEach)) {
            w.wake();
        }
        child.wakeAwaiter();
    }

    private void failed(Throwable failure) {
        if (failure instanceof CancellationException) {
            // Aborted, or cancelled by a token: not a failure of the scope. A failure in its
            // cleanup rides along as suppressed: keep it for whatever the join reports.
            for (Throwable s : failure.getSuppressed()) {
                if (!(s instanceof CancellationException)) {
                    synchronized (this) {
                        addOther(s);
                    }
                }
            }
            return;
        }
        boolean first = false;
        boolean report = false;
        synchronized (this) {
            if (closed) {
                report = true; // nobody will join for it any more
            } else if (firstFailure == null) {
                firstFailure = failure;
                first = true;
            } else {
                addOther(failure);
            }
        }
        if (report) {
            reportUnhandled(failure);
        } else if (first && policy == TaskScope.Policy.FAIL_FAST) {
            abort(failure);
        }
    }

    private void addOther(Throwable failure) {
        if (otherFailures == null) {
            otherFailures = new ArrayList<>();
        }
        otherFailures.add(failure);
    }

    // ---- aborting ------------------------------------------------------------------------------

    /** Aborts every child not finished and every later one; false if already aborted. */
    boolean abort(Throwable why) {
        if (!CAUSE.compareAndSet(this, null, why)) {
            return false;
        }
        STATE.getAndBitwiseOr(this, ABORTED);
        List<TaskCell<T>> running = new ArrayList<>();
        synchronized (this) {
            for (ScopedTask<T> c = head; c != null; c = c.next) {
                if (!c.cell.isFinished()) {
                    running.add(c.cell);
                }
            }
        }
        for (TaskCell<T> cell : running) {
            cell.abort();
        }
        disarmDeadline();
        return true;
    }

    void armDeadline(Duration timeout) {
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("negative deadline: " + timeout);
        }
        this.deadline = timeout;
        IoDriver driver = (IoDriver) runtime.driver();
        long now = driver.clock().now(); // the runtime's clock: paused time moves deadlines too
        long nanos = timeout.compareTo(Duration.ofNanos(Long.MAX_VALUE / 4)) > 0 ? Long.MAX_VALUE / 4
                : timeout.toNanos(); // about 73 years: "never", without overflowing nanoTime
        TimerEntry timer = driver.newTimer();
        deadlineTimer = timer;
        if (timer.arm(now + nanos, this::deadlinePassed)) {
            deadlinePassed();
        }
    }

    private void deadlinePassed() {
        abort(new DeadlineExceededException(deadline));
    }

    private void disarmDeadline() {
        TimerEntry t = deadlineTimer;
        if (t != null) {
            t.cancel();
        }
    }

    @Override
    public void close() {
        int s = (int) STATE.getAndBitwiseOr(this, CLOSED);
        if ((s & CLOSED) != 0) {
            return;
        }
        if ((s & COUNT) != 0) {
            abort(new CancellationException("the task scope was closed"));
        }
        disarmDeadline();
        Throwable undelivered;
        synchronized (this) {
            closed = true;
            undelivered = delivered ? null : firstFailure;
            if (undelivered != null) {
                attachOthers(undelivered, null);
            }
            delivered = true;
        }
        if (undelivered != null) {
            reportUnhandled(undelivered);
        }
    }

    private void reportUnhandled(Throwable failure) {
        if (runtime != null) {
            runtime.reportUnhandled(failure);
        }
    }

    // ---- joining -------------------------------------------------------------------------------

    @Override
    public Future<Void> join() {
        return new Joining<>(this, false);
    }

    @Override
    public Future<List<T>> joinAll() {
        return new Joining<>(this, true);
    }

    @Override
    public Future<JoinHandle<T>> joinNext() {
        return new NextFinished<>(this);
    }

    /** Ready once no child is running; then takes the finished children and reports. */
    private Poll<List<T>> pollJoin(Context cx, boolean values) {
        if ((state & COUNT) != 0) {
            waiterWantsEach = false;
            waiter = cx.waker();
            if ((state & COUNT) != 0) {
                return Poll.pending();
            }
        }
        waiter = null;
        List<ScopedTask<T>> taken = values ? new ArrayList<>() : null;
        Throwable failure;
        synchronized (this) {
            if ((state & COUNT) == 0) {
                takeAllFinished(taken);
            } else {
                takeFinishedSoFar(taken); // a spawn counted a child in since the check above
            }
            failure = outcomeLocked();
        }
        if (failure != null) {
            throw dev.jawait.Failures.sneaky(failure);
        }
        if (!values) {
            return Poll.ready(null);
        }
        List<T> out = new ArrayList<>(taken.size());
        for (ScopedTask<T> c : taken) {
            out.add(c.cell.poll(c).value()); // finished: the value, or its CancellationException
        }
        return Poll.ready(Collections.unmodifiableList(out));
    }

    /**
     * No child is running (checked under the lock): since a spawn counts its child in before it
     * links it, every linked child has finished and sits in the finished stack or queue, so the
     * join takes the whole spawn-order list in one pass instead of sorting the finished ones out.
     */
    private void takeAllFinished(List<ScopedTask<T>> taken) {
        FINISHED.setRelease(this, null);
        queueHead = queueTail = null;
        for (ScopedTask<T> c = head; c != null; ) {
            ScopedTask<T> following = c.next;
            c.taken = true;
            c.prev = c.next = c.finishedNext = null; // a handle kept by the user holds no sibling
            c.linked = false;
            if (taken != null) {
                taken.add(c); // in spawn order
            }
            c = following;
        }
        head = tail = null;
    }

    /** Takes the finished children, leaving the ones a concurrent spawn just counted in. Under the lock. */
    private void takeFinishedSoFar(List<ScopedTask<T>> taken) {
        moveFinishedToQueue();
        for (ScopedTask<T> c = queueHead; c != null; c = c.finishedNext) {
            c.taken = true;
        }
        queueHead = queueTail = null;
        for (ScopedTask<T> c = head; c != null; ) {
            ScopedTask<T> following = c.next;
            if (c.taken) {
                unlink(c);
                if (taken != null) {
                    taken.add(c); // in spawn order
                }
            }
            c = following;
        }
    }

    /** The failure a join reports now (the abort's cause, else the first failure), or null. */
    private Throwable outcomeLocked() {
        Throwable why = cause;
        Throwable primary = why != null ? why : firstFailure;
        if (primary != null && !delivered) {
            delivered = true;
            attachOthers(primary, why != null ? firstFailure : null);
        }
        return primary;
    }

    private void attachOthers(Throwable primary, Throwable alsoFirst) {
        if (alsoFirst != null && alsoFirst != primary) {
            primary.addSuppressed(alsoFirst);
        }
        if (otherFailures != null) {
            for (Throwable t : otherFailures) {
                if (t != primary) {
                    primary.addSuppressed(t);
                }
            }
            otherFailures = null;
        }
    }

    /** Moves the finished stack into the completion-order queue (oldest first). Under the lock. */
    private void moveFinishedToQueue() {
        @SuppressWarnings("unchecked")
        ScopedTask<T> stack = (ScopedTask<T>) FINISHED.getAndSet(this, null);
        ScopedTask<T> reversed = null;
        while (stack != null) {
            ScopedTask<T> following = stack.finishedNext;
            stack.finishedNext = reversed;
            reversed = stack;
            stack = following;
        }
        if (reversed == null) {
            return;
        }
        if (queueTail == null) {
            queueHead = reversed;
        } else {
            queueTail.finishedNext = reversed;
        }
        ScopedTask<T> last = reversed;
        while (last.finishedNext != null) {
            last = last.finishedNext;
        }
        queueTail = last;
    }

    /** The next finished child, or null when none is left at all; pending otherwise. */
    private Poll<JoinHandle<T>> pollNext(Context cx) {
        for (boolean registered = false; ; registered = true) {
            synchronized (this) {
                if (queueHead == null) {
                    moveFinishedToQueue();
                }
                ScopedTask<T> c = queueHead;
                if (c != null) {
                    queueHead = c.finishedNext;
                    if (queueHead == null) {
                        queueTail = null;
                    }
                    c.finishedNext = null;
                    c.taken = true;
                    unlink(c);
                    if (registered) {
                        waiter = null;
                    }
                    return Poll.ready(c);
                }
                if (head == null) {
                    if (registered) {
                        waiter = null;
                    }
                    return Poll.ready(null);
                }
            }
            if (registered) {
                return Poll.pending();
            }
            waiterWantsEach = true;
            waiter = cx.waker(); // then look again: a child finishing now pushes before it reads this
        }
    }

    // ---- inspection ----------------------------------------------------------------------------

    @Override
    public int running() {
        return state & COUNT;
    }

    @Override
    public boolean isAborted() {
        return (state & ABORTED) != 0;
    }

    @Override
    public String toString() {
        int s = state;
        return "TaskScope[" + policy + ", " + (s & COUNT) + " running"
                + ((s & ABORTED) != 0 ? ", aborted" : "") + ((s & CLOSED) != 0 ? ", closed" : "") + "]";
    }

    /** {@code join()} and {@code joinAll()}: cancelling it aborts the children and drains them. */
    private static final class Joining<T, R> implements Future<R> {
        private final StructuredScope<T> scope;
        private final boolean values;

        Joining(StructuredScope<T> scope, boolean values) {
            this.scope = scope;
            this.values = values;
        }

        @Override
        @SuppressWarnings("unchecked")
        public Poll<R> poll(Context cx) {
            return (Poll<R>) scope.pollJoin(cx, values);
        }

        /** Takes charge: the next polls stay pending until every aborted child is gone. */
        @Override
        public boolean cancel() {
            scope.abort(new CancellationException("the task awaiting the task scope was cancelled"));
            return true;
        }

        @Override
        public String toString() {
            int s = scope.state;
            return "TaskScope." + (values ? "joinAll" : "join") + " (" + (s & COUNT) + " children running"
                    + ((s & ABORTED) != 0 ? ", aborted" : "") + ")";
        }
    }

    /** {@code joinNext()}: a leaf; cancelling it only stops waiting. */
    private static final class NextFinished<T> implements Future<JoinHandle<T>> {
        private final StructuredScope<T> scope;

        NextFinished(StructuredScope<T> scope) {
            this.scope = scope;
        }

        @Override
        public Poll<JoinHandle<T>> poll(Context cx) {
            return scope.pollNext(cx);
        }

        @Override
        public boolean cancel() {
            scope.waiter = null;
            return false;
        }

        @Override
        public String toString() {
            return "TaskScope.joinNext (" + (scope.state & COUNT) + " children running)";
        }
    }
}
