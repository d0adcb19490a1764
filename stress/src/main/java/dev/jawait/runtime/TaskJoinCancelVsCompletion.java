package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The awaiter of a handle stops waiting ({@code cancel()}, its own task was cancelled) while the
 * task fails: the failure goes either to the awaiter (woken) or, once nobody awaits it, to the
 * unobserved-failure tracking; never to both. When the completion saw the interest but the
 * awaiter had already dropped its waker, it goes to neither: the handle was awaited when the task
 * failed, and its awaiter gave up (the contract of {@link dev.jawait.JoinHandle}).
 * r1 = wakes of the awaiter, r2 = failures tracked as unobserved.
 *
 * <p>Transitions (TaskCell): {@code unsetJoinInterest} vs {@code transitionToComplete}.
 *
 * <pre>{@code
 * (before: handle.poll(cx) set the join interest)
 * worker: run the failing task          awaiter: handle.cancel()
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0", expect = ACCEPTABLE, desc = "completed first: the awaiter was woken")
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "cancelled first: the failure is tracked as unobserved")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "completed first, but the awaiter had dropped its waker")
@Outcome(expect = FORBIDDEN, desc = "woken and tracked, or woken twice")
@State
public class TaskJoinCancelVsCompletion {
    private static final IllegalStateException FAILURE = new IllegalStateException("probe failure");

    final StressScheduler scheduler = new StressScheduler();
    final TaskCell<Integer> task = new TaskCell<>(Future.failed(FAILURE), scheduler);
    final AtomicInteger wakes = new AtomicInteger();

    public TaskJoinCancelVsCompletion() {
        scheduler.spawned();
        task.poll(Context.of(wakes::incrementAndGet)); // pending: the task has not run
    }

    @Actor
    public void worker() {
        scheduler.drain(task);
    }

    @Actor
    public void awaiter() {
        task.cancel();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = wakes.get();
        r.r2 = scheduler.unobservedFailures.pendingCount();
    }
}
