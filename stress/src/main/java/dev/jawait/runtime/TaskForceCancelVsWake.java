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
 * The runtime shuts down around an idle task ({@code forceCancel()}) while an event from another
 * thread wakes it: the task ends cancelled, and the copy the wake may have queued finds it complete
 * and never polls it again. r1 = outcome (2 cancelled), r2 = polls (1: the one before the race),
 * r3 = schedule calls by the wake.
 *
 * <p>Transitions (TaskCell): {@code transitionToForceCancelled} vs
 * {@code transitionToNotifiedByWake}, then a refused {@code transitionToRunning}.
 *
 * <pre>{@code
 * (before: the first poll left the task idle)
 * shutdown: task.forceCancel()           event: task.wake()
 * (after: run what the wake queued)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE, desc = "cancelled first: the wake only marked the task")
@Outcome(id = "2, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "woken first: the queued copy found it complete")
@Outcome(expect = FORBIDDEN, desc = "not cancelled, or polled after the shutdown")
@State
public class TaskForceCancelVsWake {
    final StressScheduler scheduler = new StressScheduler();
    final ProbeFuture future = new ProbeFuture(false);
    final TaskCell<Integer> task = new TaskCell<>(future, scheduler);

    public TaskForceCancelVsWake() {
        scheduler.spawned();
        scheduler.drain(task); // first poll: pending, the task is idle now
    }

    @Actor
    public void shutdown() {
        task.forceCancel();
    }

    @Actor
    public void event() {
        task.wake();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        scheduler.drain(task); // the copy a wake queued (never while shutdown runs: its contract)
        r.r1 = JoinOutcome.of(task);
        r.r2 = future.polls.get();
        r.r3 = scheduler.scheduled.get();
    }
}
