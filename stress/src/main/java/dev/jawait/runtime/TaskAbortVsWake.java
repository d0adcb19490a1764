package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * An idle task is woken and aborted at once, each thread running whatever it queued: the abort
 * is never lost (the task ends cancelled, its future cancelled exactly once) and the task is
 * never run by both threads at the same time. r1 = outcome (2 cancelled), r2 = cancels,
 * r3 = 1 if two polls overlapped.
 *
 * <p>Transitions (TaskCell): {@code transitionToCancelled} vs {@code transitionToNotifiedByWake}.
 *
 * <pre>{@code
 * A: task.wake(); run what that queued      B: task.abort(); run what that queued
 * }</pre>
 */
@JCStressTest
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "cancelled once")
@Outcome(expect = FORBIDDEN, desc = "abort lost, cancelled twice, or run twice at once")
@State
public class TaskAbortVsWake {
    final StressScheduler scheduler = new StressScheduler();
    final ProbeFuture future = new ProbeFuture(false);
    final TaskCell<Integer> task = new TaskCell<>(future, scheduler);

    public TaskAbortVsWake() {
        scheduler.spawned();
        scheduler.drain(task); // first poll: pending, the task is idle now
    }

    @Actor
    public void waker() {
        task.wake();
        scheduler.drain(task);
    }

    @Actor
    public void aborter() {
        task.abort();
        scheduler.drain(task);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        scheduler.drain(task);
        r.r1 = JoinOutcome.of(task);
        r.r2 = future.cancels.get();
        r.r3 = future.overlapped ? 1 : 0;
    }
}
