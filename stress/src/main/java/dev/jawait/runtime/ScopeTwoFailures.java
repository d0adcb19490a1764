package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.TaskScope;
import java.io.IOException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two children of a fail-fast scope fail at once on two threads; the first failure aborts the
 * other child, which may still fail (its failure then rides as suppressed) or be cancelled
 * before it runs. Exactly one failure is the join's, the other is attached or never happened,
 * and both children are counted out. r1 = which failure the join threw (1 = a, 2 = b),
 * r2 = failures suppressed on it, r3 = children still counted as running.
 *
 * <pre>{@code
 * worker 1: run child a (throws a)      worker 2: run child b (throws b)
 * }</pre>
 */
@JCStressTest
@Outcome(id = {"1, 1, 0", "2, 1, 0"}, expect = ACCEPTABLE, desc = "both failed; the second is suppressed on the first")
@Outcome(id = {"1, 0, 0", "2, 0, 0"}, expect = ACCEPTABLE_INTERESTING, desc = "the first aborted the other before it ran")
@Outcome(expect = FORBIDDEN, desc = "no failure, a lost failure, or a child never counted out")
@State
public class ScopeTwoFailures {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final IOException a = new IOException("a");
    final IOException b = new IOException("b");
    final TaskCell<Integer> childA = ((ScopedTask<Integer>) scope.spawn(Future.failed(a))).cell;
    final TaskCell<Integer> childB = ((ScopedTask<Integer>) scope.spawn(Future.failed(b))).cell;

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
        childA.run(); // re-queued by an abort that came during its poll: runs nothing new
        childB.run();
        try {
            scope.join().poll(Context.of(() -> { }));
            r.r1 = 0;
        } catch (Throwable t) {
            r.r1 = t == a ? 1 : t == b ? 2 : 9;
            r.r2 = t.getSuppressed().length;
        }
        r.r3 = scope.running();
    }
}
