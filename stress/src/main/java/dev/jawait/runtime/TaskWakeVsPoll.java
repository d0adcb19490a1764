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
 * A task's first poll races the event it waits for (flag set, then {@code wake()}): the task is
 * polled again iff the wake landed after the poll had started, is never polled by two threads at
 * once, and always completes (no lost wake-up). r1 = polls, r2 = 1 if complete, r3 = 1 if two
 * polls overlapped.
 *
 * <p>Transitions (TaskCell): {@code transitionToNotifiedByWake} vs {@code transitionToRunning} /
 * {@code transitionToIdle}.
 *
 * <pre>{@code
 * worker: run the spawned task      event: ready = true; wake(); run what that queued
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the poll saw the flag")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "woken during or after the poll: polled again")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, extra poll, or two polls at once")
@State
public class TaskWakeVsPoll {
    final StressScheduler scheduler = new StressScheduler();
    final ProbeFuture future = new ProbeFuture(false);
    final TaskCell<Integer> task = new TaskCell<>(future, scheduler);

    public TaskWakeVsPoll() {
        scheduler.spawned();
    }

    @Actor
    public void worker() {
        scheduler.drain(task);
    }

    @Actor
    public void event() {
        future.ready = true;
        task.wake();
        scheduler.drain(task);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        scheduler.drain(task); // a run the worker queued after the event's drain
        r.r1 = future.polls.get();
        r.r2 = task.isFinished() ? 1 : 0;
        r.r3 = future.overlapped ? 1 : 0;
    }
}
