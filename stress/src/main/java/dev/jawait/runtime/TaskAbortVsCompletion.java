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
 * {@code abort()} races the poll that completes the task: the handle reports exactly one
 * outcome, the future is either polled or cancelled (never both, never twice), and nothing hangs.
 * r1 = outcome (1 value, 2 cancelled, 0 still pending), r2 = polls, r3 = cancels.
 *
 * <p>Transitions (TaskCell): {@code transitionToCancelled} vs {@code transitionToComplete} (which
 * refuses and chooses the outcome again when the abort lands after it chose).
 *
 * <pre>{@code
 * worker: run the spawned task      aborter: task.abort(); run what that queued
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "completed before the abort")
@Outcome(id = "2, 0, 1", expect = ACCEPTABLE_INTERESTING, desc = "aborted before the poll: the future was cancelled")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "aborted during the poll: cancellation wins")
@Outcome(expect = FORBIDDEN, desc = "no outcome, two outcomes, or polled after cancel")
@State
public class TaskAbortVsCompletion {
    final StressScheduler scheduler = new StressScheduler();
    final ProbeFuture future = new ProbeFuture(true);
    final TaskCell<Integer> task = new TaskCell<>(future, scheduler);

    public TaskAbortVsCompletion() {
        scheduler.spawned();
    }

    @Actor
    public void worker() {
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
        r.r2 = future.polls.get();
        r.r3 = future.cancels.get();
    }
}
