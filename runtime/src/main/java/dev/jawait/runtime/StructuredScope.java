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
 * <h2>Bookkeeping: two lock-free chains, counted by position</h2>
 * Every child is a {@link ScopedTask} node, the handle {@code spawn} returns, and sits in two
 * intrusive Treiber chains, each pushed at its head by one CAS and never popped:
 * <ul>
 * <li>{@code children}, newest spawn first ({@code next}). A spawn writes its node's
 *     {@code index} (1-based spawn number: the head's plus one) and {@code next} (the head),
 *     then CASes the head: the head's {@code index} is the number of children ever spawned,
 *     {@code S}. A closed scope has a sentinel node (no cell) at its head, which no spawn pushes
 *     past: a spawn either linked its child before {@code close()} or is refused.</li>
 * <li>{@code finished} ({@link FinishedChain}), newest completion first ({@code finishedNext}).
 *     A child's completion writes its node's {@code finishedNext} (the head), CASes the head,
 *     then adds one to the chain's count: {@code F}, the number of children ever finished, all
 *     of them linked. These two atomic writes, on one line, are all a completion writes of the
 *     scope (a failure also takes the lock, below); it never reads another child's node. The
 *     chain's words sit on cache lines of their own, so the spawner's CASes and the
 *     completions' do not pull one line back and forth.</li>
 * </ul>
 * Both counts only grow and a child finishes after it is spawned, so {@code F <= S} at every
 * instant; reading {@code F} first and {@code S} second, {@code F == S} means no child was
 * running at the moment {@code S} was read, and {@code S - F} (never negative) is
 * {@link #running()}. The spawner and the completers write different words, and a completer
 * reads {@code S} only while a {@code join()} waits. The numbers are {@code int}s that wrap
 * after 2^32 children (a long-lived accept loop's scope may get there): the protocol only ever
 * compares them for equality or subtracts them, which stays exact while fewer than 2^31
 * children are running or waiting to be taken at once, far more than a heap holds (a child is
 * about 100 bytes).
 *
 * <h2>Why no wake-up is lost</h2>
 * The awaiter of {@code join()} (or {@code joinNext()}) writes {@code waiter}, then reads
 * {@code F} (and {@code S}); a completion CASes {@code finished}, then reads {@code waiter}.
 * Both are volatile, so one of the two sees the other: either the awaiter sees the completion
 * (and is ready, or pending for a child that has yet to finish), or the completion sees the
 * waiter. The completion then wakes it when it wants every completion ({@code joinNext}) or when
 * the count its add made equals {@code S} read after it. Whichever child finishes last makes
 * {@code F == S}, and since {@code S} cannot shrink, a later spawn only means a later
 * completion does that check; the adds make distinct counts, so exactly one completion wakes a
 * waiting {@code join()}. A completer that sees no waiter wakes nobody; the awaiter's
 * re-check after writing {@code waiter} then sees its completion.
 *
 * <h2>Why no child escapes an abort</h2>
 * A spawn CASes its node in, then reads {@code ABORTED}; an abort publishes its cause, sets
 * {@code ABORTED}, then walks {@code children} from the head. Both sides write before they read
 * (volatile), so either the spawn sees the flag (and aborts its own cell before scheduling it)
 * or the abort's walk starts at or above the new node.
 *
 * <h2>What the lock ({@code this}) guards</h2>
 * Nothing on the path of a spawn or of a successful completion. It serialises the consumers
 * ({@code join}, {@code joinAll}, {@code joinNext}: one awaiter at a time anyway), the abort's
 * walk, the failures, and the tidying of the chains, all of which are per call, not per child:
 * <ul>
 * <li>Taking: {@code joinNext()} moves the part of {@code finished} above its {@code boundary}
 *     (the newest node it queued before) into a completion-order queue, oldest first, and takes
 *     from there; a node it took has itself as {@code finishedNext}
 *     ({@link ScopedTask#isTaken()}). Completers never read a published node, so the consumer
 *     may relink them. A {@code join()} (or {@code joinAll()}) that saw {@code F == S} takes every
 *     child numbered up to that {@code S} at once: it moves the boundary to the top and empties
 *     the queue (unless a spawn raced it: then it filters them by number), cuts {@code children}
 *     below the head it read, and records the number; no per-child work but {@code joinAll}'s
 *     reading of the values.</li>
 * <li>Pruning: taken children stay in {@code children} until they are as many as the linked
 *     children not taken; the consumer then unlinks them (all but the head, which spawns may
 *     be CASing over), so a long-lived scope reaped with {@code joinNext()} holds only what it
 *     has not handed out, in amortised O(1) per child. Spawns write only their own unpublished
 *     node's {@code next}, and the abort's walk holds the lock, so unlinking (and clearing an
 *     unlinked node's {@code next}, so a handle kept by the user holds no sibling) races nobody.
 *     A join's cut clears only the {@code next} it cuts: a handle of a joined child that the
 *     user keeps holds its older siblings (taken, finished) until it is dropped, the price of a
 *     join that does no work per child.</li>
 * </ul>
 *
 * <pre>{@code
 * StructuredScope<T> scope = new StructuredScope<>(runtime, Policy.FAIL_FAST, ownerTaskId);
 * JoinHandle<T> h = scope.spawn(child);   // ...
 * }</pre>
 */
final class StructuredScope<T> implements TaskScope<T> {
    static final int ABORTED = 1;
    static final int CLOSED = 1 << 1;

    private static final VarHandle CHILDREN;
    private static final VarHandle FLAGS;
    private static final VarHandle CAUSE;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            CHILDREN = l.findVarHandle(StructuredScope.class, "children", ScopedTask.class);
            FLAGS = l.findVarHandle(StructuredScope.class, "flags", int.class);
            CAUSE = l.findVarHandle(StructuredScope.class, "cause", Throwable.class);
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

    // Written by spawns (and close); read by completions only while a join waits.
    /** The newest child spawned (or the closed sentinel); its {@code index} is S. */
    private volatile ScopedTask<T> children;
    /** {@code ABORTED}, {@code CLOSED}: set once, never cleared. */
    private volatile int flags;
    /** Why the scope was aborted, first cause wins; set before {@code ABORTED}. */
    private volatile Throwable cause;

    /** Written by completions: the finished chain, the awaiter, the queue (on lines of their own). */
    private final FinishedChain<T> completions = new FinishedChain<>();

    // Guarded by the lock.
    /** Children taken so far; all are when it equals S. */
    private int taken;
    /** S when the last join took every child (children numbered up to it are taken). */
    private int joinedUpTo;
    /** Children unlinked from {@code children} so far, and taken ones still linked. */
    private int unlinked;
    private int takenLinked;
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

    // ---- counting ------------------------------------------------------------------------------

    /** S: children ever spawned. */
    int spawnedCount() {
        ScopedTask<T> h = children;
        return h == null ? 0 : h.index;
    }

    /** F: children ever finished. */
    private int finishedCount() {
        return completions.count();
    }

    /** No child running: F read before S (see the class comment). */
    private boolean allFinished() {
        int f = finishedCount();
        return f == spawnedCount();
    }

    // ---- spawning ----------------------------------------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public JoinHandle<T> spawn(Future<? extends T> child) {
        Objects.requireNonNull(child, "child");
        Future<T> body = (Future<T>) child; // only ever read: covariance is safe
        TaskCell<T> cell = runtime != null ? runtime.newTask(body) : new TaskCell<>(body, scheduler);
        ScopedTask<T> node = new ScopedTask<>(this, cell);
        cell.awaitedBefore(node); // the scope awaits the task from before it can run
        ScopedTask<T> h = children;
        for (;;) {
            if (h != null && h.cell == null) {
                throw new IllegalStateException("the task scope is closed");
            }
            node.index = (h == null ? 0 : h.index) + 1; // plain: the CAS publishes both (wraps: see above)
            node.next = h;
            ScopedTask<T> witness = (ScopedTask<T>) CHILDREN.compareAndExchange(this, h, node);
            if (witness == h) {
                break;
            }
            h = witness;
        }
        if ((flags & ABORTED) != 0) {
            cell.abort(); // not run yet: it completes cancelled without running any code
        }
        if (runtime != null) {
            runtime.submit(cell); // a closed runtime settles it as cancelled, then throws
        } else {
            scheduler.schedule(cell, false);
        }
        return node;
    }

    // ---- a child finished ----------------------------------------------------------------------

    /** Called once per child, by the thread that completed it (after its task is complete). */
    void finished(ScopedTask<T> child) {
        Throwable failure = child.failure();
        if (failure != null) {
            failed(failure);
        }
        int f = completions.push(child);
        Waker w = completions.waiter; // after the count: see the class comment
        if (w != null && (completions.waiterWantsEach || f == spawnedCount())) {
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
        FLAGS.getAndBitwiseOr(this, ABORTED); // then read the children: see the class comment
        List<TaskCell<T>> running = new ArrayList<>();
        synchronized (this) {
            for (ScopedTask<T> c = children; c != null; c = c.next) {
                if (c.cell != null && !c.cell.isFinished()) {
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
    @SuppressWarnings("unchecked")
    public void close() {
        ScopedTask<T> sentinel = new ScopedTask<>(this, null);
        ScopedTask<T> h = children;
        for (;;) {
            if (h != null && h.cell == null) {
                return; // closed already
            }
            sentinel.index = h == null ? 0 : h.index; // S unchanged; the CAS publishes both
            sentinel.next = h;
            ScopedTask<T> witness = (ScopedTask<T>) CHILDREN.compareAndExchange(this, h, sentinel);
            if (witness == h) {
                break;
            }
            h = witness;
        }
        FLAGS.getAndBitwiseOr(this, CLOSED);
        if (!allFinished()) {
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
        int f = finishedCount(); // F before S: see the class comment
        ScopedTask<T> head = children;
        if (!noneRunning(f, head)) {
            completions.waiterWantsEach = false;
            completions.waiter = cx.waker(); // then read F again: see the class comment
            f = finishedCount();
            head = children;
            if (!noneRunning(f, head)) {
                return Poll.pending();
            }
        }
        completions.waiter = null;
        List<ScopedTask<T>> took = null;
        Throwable failure;
        synchronized (this) {
            if (head != null) {
                if (values) {
                    took = notTakenUpTo(head);
                }
                takeUpTo(head);
            }
            failure = outcomeLocked();
        }
        if (failure != null) {
            throw dev.jawait.Failures.sneaky(failure);
        }
        if (!values) {
            return Poll.ready(null);
        }
        List<T> out = new ArrayList<>(took == null ? 0 : took.size());
        if (took != null) {
            for (int i = took.size() - 1; i >= 0; i--) { // took is newest first
                ScopedTask<T> c = took.get(i);
                out.add(c.cell.poll(c).value()); // finished: the value, or its CancellationException
            }
        }
        return Poll.ready(Collections.unmodifiableList(out));
    }

    /** {@code F == S} for F read before {@code head} (whose index is S; null: none spawned). */
    private static boolean noneRunning(int f, ScopedTask<?> head) {
        return head == null ? f == 0 : head.index == f;
    }

    /**
     * The children at or below {@code head} not taken yet, newest first: numbered after the last
     * join's take, not taken by joinNext. Under the lock.
     */
    private List<ScopedTask<T>> notTakenUpTo(ScopedTask<T> head) {
        List<ScopedTask<T>> out = new ArrayList<>();
        for (ScopedTask<T> c = head; c != null && c.index - joinedUpTo > 0; c = c.next) { // numbers wrap: a difference
            if (c.cell != null && !c.isTaken()) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * Takes every child numbered up to {@code head}'s index, all finished (a join saw F equal to
     * it): out of the completion queue and chain, and out of {@code children} below {@code head},
     * which stays as the (taken) bottom of the chain. Under the lock.
     */
    private void takeUpTo(ScopedTask<T> head) {
        int s = head.index;
        completions.dropJoined(s, this);
        head.next = null; // every older child is taken: unlink them (a handle the user keeps holds no sibling)
        head.finishedNext = head; // taken (dropJoined left it in no queue; a sentinel is never in one)
        taken = s;
        joinedUpTo = s;
        boolean isChild = head.cell != null;
        unlinked = isChild ? s - 1 : s;
        takenLinked = isChild ? 1 : 0;
    }

    /**
     * Unlinks the taken children from {@code children} once they are as many as the linked
     * ones not taken (amortised O(1) per child). The head stays: spawns CAS over it. Under the lock.
     */
    private void pruneIfWorthIt() {
        int linked = spawnedCount() - unlinked;
        if (takenLinked < 16 || takenLinked * 2 < linked) {
            return;
        }
        ScopedTask<T> pred = children;
        if (pred == null) {
            return;
        }
        for (ScopedTask<T> c = pred.next; c != null; ) {
            ScopedTask<T> following = c.next;
            if (c.isTaken()) {
                pred.next = following;
                c.next = null;
                unlinked++;
                takenLinked--;
            } else {
                pred = c;
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

    /** The next finished child, or null when none is left at all; pending otherwise. */
    private Poll<JoinHandle<T>> pollNext(Context cx) {
        for (boolean registered = false; ; registered = true) {
            synchronized (this) {
                ScopedTask<T> c = completions.takeOldest();
                if (c != null) {
                    taken++;
                    takenLinked++;
                    pruneIfWorthIt();
                    if (registered) {
                        completions.waiter = null;
                    }
                    return Poll.ready(c);
                }
                if (taken == spawnedCount()) {
                    if (registered) {
                        completions.waiter = null;
                    }
                    return Poll.ready(null);
                }
            }
            if (registered) {
                return Poll.pending();
            }
            completions.waiterWantsEach = true;
            completions.waiter = cx.waker(); // then look again: a child finishing now pushes before it reads this
        }
    }

    // ---- inspection ----------------------------------------------------------------------------

    @Override
    public int running() {
        int f = finishedCount(); // F first: S - F is never negative
        return spawnedCount() - f;
    }

    /** Children taken so far (jcstress). */
    synchronized int takenForTests() {
        return taken;
    }

    @Override
    public boolean isAborted() {
        return (flags & ABORTED) != 0;
    }

    @Override
    public String toString() {
        int s = flags;
        return "TaskScope[" + policy + ", " + running() + " running"
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
            return "TaskScope." + (values ? "joinAll" : "join") + " (" + scope.running() + " children running"
                    + (scope.isAborted() ? ", aborted" : "") + ")";
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
            scope.completions.waiter = null;
            return false;
        }

        @Override
        public String toString() {
            return "TaskScope.joinNext (" + scope.running() + " children running)";
        }
    }
}
