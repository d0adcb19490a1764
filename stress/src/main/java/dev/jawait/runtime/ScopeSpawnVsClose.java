package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A spawn races {@code close()}: the spawn CASes its child onto the head of the scope's chain,
 * close CASes its sentinel there, so either the child is linked before the sentinel (and close,
 * seeing a child running, aborts it) or the spawn finds the sentinel and is refused. r1 = 1 if
 * the spawn returned a handle (0: refused), r2 = the child's outcome once run (2 = cancelled;
 * 0 when refused), r3 = children still counted as running.
 *
 * <pre>{@code
 * spawner: scope.spawn(child)            closer: scope.close()
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 2, 0", expect = ACCEPTABLE, desc = "linked before the close, which aborted it")
@Outcome(id = "0, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the spawn found the scope closed and was refused")
@Outcome(expect = FORBIDDEN, desc = "a child spawned past close, escaped its abort, or was never counted out")
@State
public class ScopeSpawnVsClose {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    volatile JoinHandle<Integer> handle;

    @Actor
    public void spawner() {
        try {
            handle = scope.spawn(new ProbeFuture(true));
        } catch (IllegalStateException refused) {
            handle = null;
        }
    }

    @Actor
    public void closer() {
        scope.close();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        JoinHandle<Integer> h = handle;
        if (h == null) {
            r.r1 = 0;
        } else {
            TaskCell<Integer> cell = ((ScopedTask<Integer>) h).cell;
            cell.run(); // the worker that would have dequeued it
            r.r1 = 1;
            r.r2 = JoinOutcome.of(cell);
        }
        r.r3 = scope.running();
    }
}
