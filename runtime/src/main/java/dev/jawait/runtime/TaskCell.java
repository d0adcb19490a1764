package dev.jawait.runtime;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Waker;
import dev.jawait.runtime.events.JfrRecording;
import dev.jawait.runtime.events.TaskPollEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CancellationException;

/**
 * A spawned future and everything the scheduler needs to run it: the task is its own
 * {@link Waker} and {@link Context} (waking allocates nothing) and its own {@link JoinHandle}.
 *
 * <p>All coordination goes through one {@code int} state word updated with CAS:
 * {@code NOTIFIED} (queued, or woken while running), {@code RUNNING}, {@code COMPLETE},
 * {@code CANCELLED} (abort requested) and {@code JOIN_INTEREST} (the handle is being awaited).
 * {@code wake()} queues the task only on the idle to notified transition, so any number of
 * wakes from any threads schedule it at most once, and a wake during a poll makes the runner
 * queue it again afterwards: never lost, never polled by two threads at once. Each change of the
 * word is a named transition at the end of this file ({@code transitionToRunning},
 * {@code transitionToIdle}, ... as in Tokio's {@code task/state.rs}), each a CAS loop over one
 * pure step; the jcstress tests in {@code stress/} name the transition they race.
 *
 * <pre>{@code
 * TaskCell<Integer> t = new TaskCell<>(future, scheduler);   // state = NOTIFIED
 * scheduler.schedule(t, false);                              // a worker calls t.run()
 * }</pre>
 */
final class TaskCell<T> implements JoinHandle<T>, Waker, Context {
    static final int NOTIFIED = 1;
    static final int RUNNING = 1 << 1;
    static final int COMPLETE = 1 << 2;
    static final int CANCELLED = 1 << 3;
    static final int JOIN_INTEREST = 1 << 4;
    /** The handle has read the outcome (so a failure is not unhandled). */
    static final int OBSERVED = 1 << 5;
    /** The abort has been delivered to the future ({@code cancel()} called); set by the runner. */
    static final int CANCEL_DELIVERED = 1 << 6;
    /** Set with {@code COMPLETE} when the task failed: {@link #outcome} holds the failure. */
    static final int FAILED = 1 << 7;

    private static final VarHandle STATE;
    private static final VarHandle OUTCOME;
    private static final VarHandle JOIN_WAKER;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(TaskCell.class, "state", int.class);
            OUTCOME = l.findVarHandle(TaskCell.class, "outcome", Object.class);
            JOIN_WAKER = l.findVarHandle(TaskCell.class, "joinWaker", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile int state; // NOTIFIED from the constructor on (a plain store: see there)
    private final Scheduler scheduler;

    // Touched only by the thread running the task (RUNNING serialises them).
    private Future<T> future;

    /**
     * The result, or with {@code FAILED} the failure: written before the CAS that sets
     * {@code COMPLETE}, read after seeing it. A failure nobody was waiting for is then replaced
     * (volatile) by the {@link UnobservedFailures.Entry} that tracks it until the handle reads it.
     * One field for the three keeps a task at 48 bytes.
     */
    private Object outcome;

    private volatile Waker joinWaker;

    /** The task's id for dumps and long-poll reports; set by the runtime before scheduling. */
    long id;
    /** {@link PollClock#now()} (a coarse nanoTime) at the end of the last poll, 0 before the first (racy reads). */
    long lastPollNanos;

    TaskCell(Future<T> future, Scheduler scheduler) {
        this.future = future;
        this.scheduler = scheduler;
        // Not a volatile store (that would be a full fence per spawn): the cell reaches other
        // threads only through a queue or registry slot published with release semantics.
        STATE.set(this, NOTIFIED);
    }

    /**
     * Makes {@code joiner} the awaiter of this task before it is scheduled, as a
     * {@link ScopedTask} is: what {@link #poll} would register, in plain stores (the cell reaches
     * other threads only once scheduled, like the constructor's state).
     */
    void awaitedBefore(Waker joiner) {
        JOIN_WAKER.set(this, joiner);
        STATE.set(this, (int) STATE.get(this) | JOIN_INTEREST);
    }

    /** Whether the task completed with a failure ({@code CancellationException} of an abort included). */
    boolean isFailed() {
        return (state & FAILED) != 0;
    }

    // ---- Context / Waker -------------------------------------------------------------------

    @Override
    public Waker waker() {
        return this;
    }

    @Override
    public void wake() {
        if (transitionToNotifiedByWake()) {
            scheduler.schedule(this, false);
        }
    }

    // ---- Running ---------------------------------------------------------------------------

    /** Polls the future once; called by the scheduler for a task it dequeued. */
    void run() {
        int s = transitionToRunning();
        if (s == REFUSED) {
            return; // not ours to run (defensive: a task is queued once per notification)
        }
        Poll<T> poll;
        Future<T> polled = future;
        TaskPollEvent event = JfrRecording.active() ? new TaskPollEvent() : null;
        if (event != null) {
            event.begin();
        }
        PollClock clock = scheduler.clock;
        long start = clock.now();
        try {
            if (deliversCancel(s)) {
                if (!polled.cancel()) { // also before the first poll: releases what it holds
                    complete(null, null);
                    return;
                }
            }
            poll = polled.poll(this);
        } catch (Throwable e) {
            polled(start, polled, event, true);
            complete(null, e);
            return;
        }
        if (poll.isReady()) {
            polled(start, polled, event, true);
            complete(poll.value(), null);
            return;
        }
        polled(start, polled, event, false);
        if (transitionToIdle()) {
            scheduler.schedule(this, true); // woke itself (or was aborted) during the poll
        }
    }

    /** After a poll: the (coarse) clock feeds the dump and long-poll reports; JFR times its own. */
    private void polled(long start, Future<T> polled, TaskPollEvent event, boolean completed) {
        PollClock clock = scheduler.clock;
        long end = clock.now();
        lastPollNanos = end;
        long took = clock.pollDuration(start, end);
        if (took >= scheduler.longPollNanos) {
            scheduler.runtime.longPoll(this, took, completed ? "completed " + polled : String.valueOf(polled));
        }
        if (event != null) { // only while a JFR recording runs
            event.taskId = id;
            event.completed = completed;
            event.commit();
        }
    }

    /** The future being run, or null once complete; read racily by task dumps. */
    Future<T> futureForDump() {
        return future;
    }

    /** The waker of the handle's awaiter (a {@link ScopedTask} for a scope's child); racy, for dumps. */
    Waker joinerForDump() {
        return joinWaker;
    }

    /** {@code "idle"}, {@code "scheduled"}, {@code "running"}, ... as in {@link #toString()}. */
    String stateName() {
        return stateName(state);
    }

    /** The one place a state word is put into words, for {@link #toString()}, dumps and scopes. */
    static String stateName(int s) {
        return ((s & COMPLETE) != 0 ? "complete" : (s & RUNNING) != 0 ? "running"
                : (s & NOTIFIED) != 0 ? "scheduled" : "idle")
                + ((s & CANCELLED) != 0 ? ", aborted" : "");
    }

    private void complete(T result, Throwable error) {
        future = null;
        // Count the completion first, so whoever sees the outcome also sees the live count drop.
        scheduler.completed(this);
        int seen = state;
        int s;
        for (;;) {
            int chosen = (seen & CANCELLED) | chooseOutcome(result, error, (seen & CANCELLED) != 0);
            s = transitionToComplete(chosen);
            if (s != REFUSED) {
                break;
            }
            seen = state; // an abort landed after the outcome was chosen: choose again (once: it stays)
        }
        boolean aborted = (s & CANCELLED) != 0;
        if ((s & JOIN_INTEREST) != 0) {
            Waker w = joinWaker;
            if (w != null) {
                try {
                    scheduler.wakeJoiner(w);
                } catch (Throwable e) {
                    scheduler.runtime.reportUnhandled(e); // a broken waker must not kill a worker
                }
            }
        } else if (!aborted && error != null) {
            // Written then state re-read; outcome() sets OBSERVED then reads the field: one of
            // the two sides settles the entry if the handle reads the failure concurrently.
            UnobservedFailures.Entry u = scheduler.unobserved(this, error);
            OUTCOME.setVolatile(this, u);
            if ((state & OBSERVED) != 0) {
                scheduler.observed(u);
            }
        }
    }

    /**
     * Writes the outcome for a task that is {@code aborted} or not (plain: the CAS that sets
     * {@code COMPLETE} publishes it) and answers {@code FAILED} or 0 for the state word.
     */
    private int chooseOutcome(T result, Throwable error, boolean aborted) {
        if (aborted) {
            CancellationException c = new CancellationException("task aborted");
            if (error != null && !(error instanceof CancellationException)) {
                c.addSuppressed(error);
            }
            outcome = c;
            return FAILED;
        }
        if (error != null) {
            outcome = error;
            return FAILED;
        }
        outcome = result;
        return 0;
    }

    /**
     * Completes a task that will never run again (the runtime shut down around it) with
     * {@link CancellationException}. Only called once no thread can be running it.
     */
    void forceCancel() {
        if (transitionToForceCancelled()) {
            complete(null, null);
        }
    }

    // ---- JoinHandle ------------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        int s = state;
        if ((s & COMPLETE) != 0) {
            return outcome(s);
        }
        joinWaker = cx.waker();
        if (setJoinInterest()) {
            return Poll.pending();
        }
        // Complete, or interest already set: joinWaker written above (volatile), COMPLETE read
        // after; the completer, which sets COMPLETE before reading joinWaker, wakes us or we see
        // it now.
        s = state;
        return (s & COMPLETE) != 0 ? outcome(s) : Poll.pending();
    }

    /** The outcome of a task whose state {@code s} has {@code COMPLETE}. */
    @SuppressWarnings("unchecked")
    private Poll<T> outcome(int s) {
        if ((s & FAILED) == 0) {
            return Poll.ready((T) outcome);
        }
        if ((s & OBSERVED) == 0) {
            setObserved();
        }
        Object o = OUTCOME.getVolatile(this);
        if (o instanceof UnobservedFailures.Entry) {
            UnobservedFailures.Entry u = (UnobservedFailures.Entry) o;
            scheduler.observed(u); // idempotent: a second reader finds it settled
            throw Failures.sneaky(u.failure);
        }
        throw Failures.sneaky((Throwable) o);
    }

    @Override
    public boolean cancel() {
        // The awaiter stops waiting; the task runs on. Its failure, if any, is now unhandled.
        unsetJoinInterest();
        joinWaker = null;
        return false;
    }

    @Override
    public void abort() {
        if (transitionToCancelled()) {
            scheduler.schedule(this, false);
        }
    }

    @Override
    public boolean isFinished() {
        return (state & COMPLETE) != 0;
    }

    @Override
    public String toString() {
        return "Task[" + stateName() + "]";
    }

    // ---- Transitions over the state word (as Tokio's task/state.rs) -------------------------
    //
    // Each transition is a pure step from the current state (and an argument its caller chose)
    // to the next, or REFUSED, applied in its own CAS loop until the CAS takes; the caller then
    // acts on the state it was applied to. Each loop is written out in its method, not shared
    // through one fetchUpdate(step) with the steps as lambdas: the shared loop (49 bytes of
    // bytecode) was often not inlined into its callers, and then every step was a megamorphic
    // interface call (seven lambdas) on the spawn, wake, run and complete paths (PrintInlining
    // on the spawn+join benchmark; the time it cost did not stand out of a loaded machine's
    // noise: bench/RESULTS.md, "Spawn + join after issue 25's tidy").

    /** A step's answer for a state it leaves alone; never a state (they are non-negative). */
    private static final int REFUSED = -1;

    /**
     * {@code wake()}: idle becomes notified, and the caller must schedule the task (true); a
     * running task is marked so its runner queues it again; a notified or complete one is left alone.
     */
    private boolean transitionToNotifiedByWake() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return false;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | NOTIFIED);
            if (witness == s) {
                return (s & RUNNING) == 0;
            }
            s = witness;
        }
    }

    /**
     * Start of a poll: notified becomes running (the notification is consumed). Returns the state
     * before, or {@link #REFUSED} if the task is not queued-and-idle (not ours to run). An abort is
     * delivered once: {@code CANCEL_DELIVERED} rides on this CAS (no field, no extra CAS).
     */
    private int transitionToRunning() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | RUNNING)) != 0 || (s & NOTIFIED) == 0) {
                return REFUSED;
            }
            int next = (s & ~NOTIFIED) | RUNNING | (deliversCancel(s) ? CANCEL_DELIVERED : 0);
            int witness = (int) STATE.compareAndExchange(this, s, next);
            if (witness == s) {
                return s;
            }
            s = witness;
        }
    }

    /** Whether the poll that starts from state {@code s} must cancel the future first. */
    private static boolean deliversCancel(int s) {
        return (s & (CANCELLED | CANCEL_DELIVERED)) == CANCELLED;
    }

    /**
     * End of a pending poll: running becomes idle; true if woken (or aborted) during the poll,
     * so the runner queues it again.
     */
    private boolean transitionToIdle() {
        int s = state;
        for (;;) {
            int witness = (int) STATE.compareAndExchange(this, s, s & ~RUNNING);
            if (witness == s) {
                return (s & NOTIFIED) != 0;
            }
            s = witness;
        }
    }

    /**
     * End of the last poll: running becomes complete, with {@code FAILED} as {@code chosen}
     * says. {@code chosen} also carries the {@code CANCELLED} bit the outcome was chosen for;
     * if an abort has landed since, this refuses ({@link #REFUSED}) and the outcome is chosen
     * again. Returns the state before.
     */
    private int transitionToComplete(int chosen) {
        int s = state;
        for (;;) {
            if ((s & CANCELLED) != (chosen & CANCELLED)) {
                return REFUSED;
            }
            int next = (s & ~(RUNNING | NOTIFIED)) | COMPLETE | (chosen & FAILED);
            int witness = (int) STATE.compareAndExchange(this, s, next);
            if (witness == s) {
                return s;
            }
            s = witness;
        }
    }

    /**
     * Shutdown: the task is claimed as running (later wakes only mark it) and cancelled; false if
     * it had completed already.
     */
    private boolean transitionToForceCancelled() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return false;
            }
            int witness = (int) STATE.compareAndExchange(this, s, (s & ~NOTIFIED) | CANCELLED | RUNNING);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /**
     * {@code abort()}: marks the task cancelled and notified, so its next run delivers the abort;
     * true if it was idle, and the caller must schedule it. A complete or already cancelled task
     * is left alone.
     */
    private boolean transitionToCancelled() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return false;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | CANCELLED | NOTIFIED);
            if (witness == s) {
                return (s & (RUNNING | NOTIFIED)) == 0;
            }
            s = witness;
        }
    }

    /** The handle is awaited: true if this set {@code JOIN_INTEREST}; false if complete or already set. */
    private boolean setJoinInterest() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | JOIN_INTEREST)) != 0) {
                return false;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | JOIN_INTEREST);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /** The awaiter stopped waiting: clears {@code JOIN_INTEREST} unless the task completed first. */
    private void unsetJoinInterest() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | JOIN_INTEREST)) != JOIN_INTEREST) {
                return;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s & ~JOIN_INTEREST);
            if (witness == s) {
                return;
            }
            s = witness;
        }
    }

    /** The handle read a failure (one atomic or: nothing to refuse). */
    private void setObserved() {
        STATE.getAndBitwiseOr(this, OBSERVED);
    }
}
