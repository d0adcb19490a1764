package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.TaskScope;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A scope's last two children finish at once on two threads while {@code join()} waits: each
 * completion links itself on the finished chain, then counts itself with an add, and only the
 * one whose add made the count equal to the number of children spawned wakes the join. Exactly
 * one wake, never none. r1 = wakes of the join's waker, r2 = 1 if a join after both is ready,
 * r3 = children still counted as running.
 *
 * <pre>{@code
 * worker 1: run child a                  worker 2: run child b
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 0", expect = ACCEPTABLE, desc = "the second to finish woke the join, once")
@Outcome(expect = FORBIDDEN, desc = "a lost or doubled wake-up, or a child never counted out")
@State
public class ScopeLastTwoChildren {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final TaskCell<Integer> childA = ((ScopedTask<Integer>) scope.spawn(new ProbeFuture(true))).cell;
    final TaskCell<Integer> childB = ((ScopedTask<Integer>) scope.spawn(new ProbeFuture(true))).cell;
    final AtomicInteger wakes = new AtomicInteger();

    public ScopeLastTwoChildren() {
        if (scope.join().poll(Context.of(wakes::incrementAndGet)).isReady()) {
            throw new AssertionError("no child has run yet");
        }
    }

    @Actor
    public void workerA() {
        childA.run();
    }

    @Actor
    public void workerB() {
        childB.run();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = wakes.get();
        r.r2 = scope.join().poll(Context.of(() -> { })).isReady() ? 1 : 0;
        r.r3 = scope.running();
    }
}
