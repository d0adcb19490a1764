package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Two threads wake the same idle task at once: it is scheduled exactly once.
 * r1 = schedule calls.
 *
 * <p>Transitions (TaskCell): {@code transitionToNotifiedByWake} vs itself.
 *
 * <pre>{@code
 * A: task.wake()      B: task.wake()
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1", expect = ACCEPTABLE, desc = "scheduled once")
@Outcome(expect = FORBIDDEN, desc = "scheduled twice (two polls could overlap) or not at all")
@State
public class TaskConcurrentWakes {
    final StressScheduler scheduler = new StressScheduler();
    final TaskCell<Integer> task = new TaskCell<>(new ProbeFuture(false), scheduler);

    public TaskConcurrentWakes() {
        scheduler.spawned();
        scheduler.drain(task); // first poll: pending, the task is idle now
    }

    @Actor
    public void a() {
        task.wake();
    }

    @Actor
    public void b() {
        task.wake();
    }

    @Arbiter
    public void arbiter(I_Result r) {
        r.r1 = scheduler.scheduled.get();
    }
}
