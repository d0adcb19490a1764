package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import dev.jawait.Context;
import dev.jawait.Poll;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Awaiting a task's handle races the task's completion: the awaiter either sees the value or is
 * woken afterwards (its join waker is never lost), exactly once.
 * r1 = 1 if the awaiter's poll was ready, r2 = wakes of its waker, r3 = outcome after that.
 *
 * <p>Transitions (TaskCell): {@code setJoinInterest} vs {@code transitionToComplete}.
 *
 * <pre>{@code
 * worker: run the task to completion      awaiter: handle.poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the awaiter saw the value")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending, then woken by the completion")
@Outcome(expect = FORBIDDEN, desc = "lost join wake-up, or woken twice")
@State
public class TaskJoinVsCompletion {
    final StressScheduler scheduler = new StressScheduler();
    final TaskCell<Integer> task = new TaskCell<>(new ProbeFuture(true), scheduler);
    final AtomicInteger wakes = new AtomicInteger();
    final Context awaiter = Context.of(wakes::incrementAndGet);
    int sawReady;

    public TaskJoinVsCompletion() {
        scheduler.spawned();
    }

    @Actor
    public void worker() {
        scheduler.drain(task);
    }

    @Actor
    public void awaiter() {
        Poll<Integer> p = task.poll(awaiter);
        sawReady = p.isReady() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sawReady;
        r.r2 = wakes.get();
        r.r3 = JoinOutcome.of(task);
    }
}
