package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import java.util.concurrent.CancellationException;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A spawn into a scope races the scope's abort: either the spawn sees the scope's ABORTED flag
 * or the abort sees the new child in its list, so the child is always aborted and, once run,
 * counted out of the scope. r1 = the child's outcome (2 = cancelled), r2 = children still
 * counted as running, r3 = polls of the child's future (0: cancelled before its first poll).
 *
 * <pre>{@code
 * spawner: scope.spawn(child)            aborter: scope.abort(cause)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "2, 0, 0", expect = ACCEPTABLE, desc = "the child was aborted before it ran, then counted out")
@Outcome(expect = FORBIDDEN, desc = "a child escaped the abort, or was never counted out")
@State
public class ScopeSpawnVsAbort {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    final ProbeFuture future = new ProbeFuture(false);
    volatile JoinHandle<Integer> handle;

    @Actor
    public void spawner() {
        handle = scope.spawn(future);
    }

    @Actor
    public void aborter() {
        scope.abort(new CancellationException("stress"));
    }

    @Arbiter
    public void arbiter(III_Result r) {
        TaskCell<Integer> cell = ((ScopedTask<Integer>) handle).cell;
        cell.run(); // the worker that would have dequeued it
        r.r1 = JoinOutcome.of(cell);
        r.r2 = scope.running();
        r.r3 = future.polls.get();
    }
}
