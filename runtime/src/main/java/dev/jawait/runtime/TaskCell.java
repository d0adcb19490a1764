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
import java.util.concurrent.CompletableFuture;

/**
 * A spawned future and everything the scheduler needs to run it: the task is its own
 * {@link Waker} and {@link Context} (waking allocates nothing) and its own {@link JoinHandle}.
 *
 * <p>All coordination goes through one {@code int} state word updated with CAS:
 * {@code NOTIFIED} (queued, or woken while running), {@code RUNNING}, {@code COMPLETE},
 * {@code CANCELLED} (abort requested) and {@code JOIN_INTEREST} (the handle is being awaited).
 * {@code wake()} queues the task only on the idle to notified transition, so any number of
 * wakes from any threads schedule it at most once, and a wake during a poll makes the runner
 * queue it again afterwards: never lost, never polled by two threads at once.
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
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | NOTIFIED)) != 0) {
                return;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | NOTIFIED);
            if (witness == s) {
                if ((s & RUNNING) == 0) {
                    scheduler.schedule(this, false);
                }
                return;
            }
            s = witness;
        }
    }

    // ---- Running ---------------------------------------------------------------------------

    /** Polls the future once; called by the scheduler for a task it dequeued. */
    void run() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | RUNNING)) != 0 || (s & NOTIFIED) == 0) {
                return; // not ours to run (defensive: a task is queued once per notification)
            }
            // An abort is delivered once: the bit rides on this CAS (no field, no extra CAS).
            int deliver = (s & (CANCELLED | CANCEL_DELIVERED)) == CANCELLED ? CANCEL_DELIVERED : 0;
            int witness = (int) STATE.compareAndExchange(this, s, (s & ~NOTIFIED) | RUNNING | deliver);
            if (witness == s) {
                break;
            }
            s = witness;
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
            if ((s & (CANCELLED | CANCEL_DELIVERED)) == CANCELLED) {
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
        s = state;
        for (;;) {
            int witness = (int) STATE.compareAndExchange(this, s, s & ~RUNNING);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        if ((s & NOTIFIED) != 0) {
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
        int s = state;
        return ((s & COMPLETE) != 0 ? "complete" : (s & RUNNING) != 0 ? "running"
                : (s & NOTIFIED) != 0 ? "scheduled" : "idle")
                + ((s & CANCELLED) != 0 ? ", aborted" : "");
    }

    private void complete(T result, Throwable error) {
        future = null;
        // Count the completion first, so whoever sees the outcome also sees the live count drop.
        scheduler.completed(this);
        int s = state;
        boolean aborted;
        for (;;) {
            aborted = (s & CANCELLED) != 0;
            int failed = FAILED;
            if (aborted) {
                CancellationException c = new CancellationException("task aborted");
                if (error != null && !(error instanceof CancellationException)) {
                    c.addSuppressed(error);
                }
                outcome = c;
            } else if (error != null) {
                outcome = error;
            } else {
                outcome = result;
                failed = 0;
            }
            int next = (s & ~(RUNNING | NOTIFIED)) | COMPLETE | failed;
            int witness = (int) STATE.compareAndExchange(this, s, next);
            if (witness == s) {
                break;
            }
            s = witness;
        }
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
     * Completes a task that will never run again (the runtime shut down around it) with
     * {@link CancellationException}. Only called once no thread can be running it.
     */
    void forceCancel() {
        int s = state;
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return;
            }
            int next = (s & ~NOTIFIED) | CANCELLED | RUNNING; // claimed: wakes now just mark it
            int witness = (int) STATE.compareAndExchange(this, s, next);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        complete(null, null);
    }

    // ---- JoinHandle ------------------------------------------------------------------------

    @Override
    public Poll<T> poll(Context cx) {
        int s = state;
        if ((s & COMPLETE) != 0) {
            return outcome(s);
        }
        joinWaker = cx.waker();
        for (;;) {
            if ((s & COMPLETE) != 0) {
                return outcome(s);
            }
            if ((s & JOIN_INTEREST) != 0) {
                // joinWaker written above (volatile), COMPLETE read after: the completer, which
                // sets COMPLETE before reading joinWaker, wakes us or we see it now.
                s = state;
                return (s & COMPLETE) != 0 ? outcome(s) : Poll.pending();
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | JOIN_INTEREST);
            if (witness == s) {
                return Poll.pending();
            }
            s = witness;
        }
    }

    /** The outcome of a task whose state {@code s} has {@code COMPLETE}. */
    @SuppressWarnings("unchecked")
    private Poll<T> outcome(int s) {
        if ((s & FAILED) == 0) {
            return Poll.ready((T) outcome);
        }
        if ((s & OBSERVED) == 0) {
            STATE.getAndBitwiseOr(this, OBSERVED);
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
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | JOIN_INTEREST)) != JOIN_INTEREST) {
                break;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s & ~JOIN_INTEREST);
            if (witness == s) {
                break;
            }
            s = witness;
        }
        joinWaker = null;
        return false;
    }

    @Override
    public void abort() {
        int s = state;
        for (;;) {
            if ((s & (COMPLETE | CANCELLED)) != 0) {
                return;
            }
            int witness = (int) STATE.compareAndExchange(this, s, s | CANCELLED | NOTIFIED);
            if (witness == s) {
                if ((s & (RUNNING | NOTIFIED)) == 0) {
                    scheduler.schedule(this, false);
                }
                return;
            }
            s = witness;
        }
    }

    @Override
    public boolean isFinished() {
        return (state & COMPLETE) != 0;
    }

    @Override
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>();
        Context self = Context.of(new Waker() {
            @Override
            public void wake() {
                settle(cf, this);
            }
        });
        settle(cf, self.waker());
        cf.whenComplete((v, e) -> {
            if (cf.isCancelled()) {
                abort();
            }
        });
        return cf;
    }

    private void settle(CompletableFuture<T> cf, Waker waker) {
        try {
            Poll<T> p = poll(Context.of(waker));
            if (p.isReady()) {
                cf.complete(p.value());
            }
        } catch (Throwable e) {
            cf.completeExceptionally(e);
        }
    }

    @Override
    public String toString() {
        int s = state;
        return "Task[" + ((s & COMPLETE) != 0 ? "complete" : (s & RUNNING) != 0 ? "running"
                : (s & NOTIFIED) != 0 ? "scheduled" : "idle")
                + ((s & CANCELLED) != 0 ? ", aborted" : "") + "]";
    }
}
