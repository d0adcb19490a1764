package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.TaskScope;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@code joinNext()} races the completion of the scope's only child: the awaiter writes its
 * waker, then moves the finished chain into its queue again; the completion pushes itself,
 * then reads the waker. The awaiter either takes the child or is woken. r1 = 1 if its poll gave
 * the child (0: pending), r2 = wakes, r3 = what a joinNext after both gives (1 = the child,
 * 2 = null: nothing left).
 *
 * <pre>{@code
 * worker: run the child to completion      owner: joinNext().poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "joinNext saw the child finished and took it")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending, then woken; the child is still there")
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE_INTERESTING, desc = "took it on the re-check, and was woken as well")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, the child taken twice or lost")
@State
public class ScopeJoinNextVsCompletion {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final ScopedTask<Integer> child = (ScopedTask<Integer>) scope.spawn(new ProbeFuture(true));
    final AtomicInteger wakes = new AtomicInteger();
    int took;

    @Actor
    public void worker() {
        child.cell.run();
    }

    @Actor
    public void awaiter() {
        Poll<JoinHandle<Integer>> p = scope.joinNext().poll(Context.of(wakes::incrementAndGet));
        took = p.isReady() && p.value() == child ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = took;
        r.r2 = wakes.get();
        Poll<JoinHandle<Integer>> after = scope.joinNext().poll(Context.of(() -> { }));
        r.r3 = !after.isReady() ? 0 : after.value() == child ? 1 : after.value() == null ? 2 : 9;
    }
}
