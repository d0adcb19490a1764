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
 * The {@link StallMonitor}'s hand-off of a stuck worker's LIFO slot: the task is then queued
 * twice (the slot itself and the copy in the inject queue), and two workers run the two copies,
 * one of them right after the task's event arrives (flag set, then {@code wake()}; two actors,
 * since jcstress runs no more actors than there are CPUs). Each notification is polled once, never
 * two polls at once, and the task always completes (the wake is not lost to the copy that found
 * nothing to do). r1 = polls, r2 = 1 if complete, r3 = 1 if two polls overlapped.
 *
 * <p>Transitions (TaskCell): {@code transitionToRunning} (a copy with no notification is refused)
 * vs {@code transitionToNotifiedByWake}.
 *
 * <pre>{@code
 * owner: run the LIFO copy        sibling: ready = true; wake(); run the inject copy
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the only poll saw the flag")
@Outcome(id = "2, 1, 0", expect = ACCEPTABLE_INTERESTING, desc = "woken during or after the first poll: polled again")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, a copy polled a notification twice, or two polls at once")
@State
public class TaskRunTwoCopies {
    final StressScheduler scheduler = new StressScheduler();
    final ProbeFuture future = new ProbeFuture(false);
    final TaskCell<Integer> task = new TaskCell<>(future, scheduler); // notified: queued once

    @Actor
    public void lifoCopy() {
        task.run();
        scheduler.drain(task);
    }

    @Actor
    public void eventThenInjectCopy() {
        future.ready = true;
        task.wake();
        task.run();
        scheduler.drain(task);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        scheduler.drain(task); // a run queued after the actors' drains
        r.r1 = future.polls.get();
        r.r2 = task.isFinished() ? 1 : 0;
        r.r3 = future.overlapped ? 1 : 0;
    }
}
