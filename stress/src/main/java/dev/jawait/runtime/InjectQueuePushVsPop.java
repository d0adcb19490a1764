package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A foreign thread pushes two tasks while a worker pops twice through the lock-free emptiness
 * check: FIFO order, nothing lost or duplicated. r1, r2 = the worker's two pops (0 = none,
 * 1 = first task, 2 = second), r3 = tasks taken exactly once after the arbiter drains the rest.
 *
 * <pre>{@code
 * pusher: push(a); push(b)      popper: pop(); pop()      arbiter: pop the rest
 * }</pre>
 */
@JCStressTest
@Outcome(id = "0, 0, 2", expect = ACCEPTABLE, desc = "popped before the pushes")
@Outcome(id = "0, 1, 2", expect = ACCEPTABLE, desc = "second pop got the first task")
@Outcome(id = "1, 0, 2", expect = ACCEPTABLE, desc = "got the first task only")
@Outcome(id = "1, 2, 2", expect = ACCEPTABLE, desc = "got both, in order")
@Outcome(expect = FORBIDDEN, desc = "out of order, lost or duplicated")
@State
public class InjectQueuePushVsPop {
    final InjectQueue inject = new InjectQueue();
    int first;
    int second;

    @Actor
    public void pusher() {
        inject.push(TaskTally.task(0));
        inject.push(TaskTally.task(1));
    }

    @Actor
    public void popper() {
        first = label(inject.pop());
        second = label(inject.pop());
    }

    private static int label(TaskCell<?> t) {
        return t == null ? 0 : (int) t.id + 1;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        TaskTally tally = new TaskTally(2);
        if (first != 0) {
            tally.take(TaskTally.task(first - 1));
        }
        if (second != 0) {
            tally.take(TaskTally.task(second - 1));
        }
        TaskCell<?> t;
        while ((t = inject.pop()) != null) {
            tally.take(t);
        }
        r.r1 = first;
        r.r2 = second;
        r.r3 = tally.exactlyOnce();
    }
}
