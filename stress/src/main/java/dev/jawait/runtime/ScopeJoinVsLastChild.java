package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
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
 * Awaiting {@code join()} races the completion of the scope's last child: the awaiter either
 * sees the count at zero or is woken by the completion (its waker is written before it reads
 * the count; the count is decremented before the completion reads the waker). r1 = 1 if the
 * awaiter's poll was ready, r2 = wakes of its waker, r3 = 1 if a join after both is ready.
 *
 * <pre>{@code
 * worker: run the child to completion      owner: join.poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the join saw the child finished")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending, then woken by the last child")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "ready on the re-check, and woken as well")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or a join that never completes")
@State
public class ScopeJoinVsLastChild {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final TaskCell<Integer> child;
    final AtomicInteger wakes = new AtomicInteger();
    final Context owner = Context.of(wakes::incrementAndGet);
    int sawReady;

    public ScopeJoinVsLastChild() {
        child = ((ScopedTask<Integer>) scope.spawn(new ProbeFuture(true))).cell;
    }

    @Actor
    public void worker() {
        child.run();
    }

    @Actor
    public void awaiter() {
        sawReady = scope.join().poll(owner).isReady() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sawReady;
        r.r2 = wakes.get();
        r.r3 = scope.join().poll(Context.of(() -> { })).isReady() ? 1 : 0;
    }
}
