package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A spawn races a {@code join()} whose only child has finished: the join reads the finished
 * count, then the spawned count. Either it read the spawned count before the new child was
 * linked (ready: every child spawned so far had finished) or it is pending and the new child's
 * completion, whose count then equals the spawned count, wakes it. r1 = 1 if the join's
 * poll was ready, r2 = wakes once the new child ran, r3 = 1 if a join after that is ready.
 *
 * <pre>{@code
 * spawner: scope.spawn(second child)       owner: join().poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the join completed before the spawn counted in")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending for the new child, woken by its completion")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or a join that never completes")
@State
public class ScopeSpawnVsJoin {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final AtomicInteger wakes = new AtomicInteger();
    volatile JoinHandle<Integer> second;
    int sawReady;

    public ScopeSpawnVsJoin() {
        ((ScopedTask<Integer>) scope.spawn(new ProbeFuture(true))).cell.run();
    }

    @Actor
    public void spawner() {
        second = scope.spawn(new ProbeFuture(true));
    }

    @Actor
    public void awaiter() {
        sawReady = scope.join().poll(Context.of(wakes::incrementAndGet)).isReady() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        ((ScopedTask<Integer>) second).cell.run();
        r.r1 = sawReady;
        r.r2 = wakes.get();
        r.r3 = scope.join().poll(Context.of(() -> { })).isReady() ? 1 : 0;
    }
}
