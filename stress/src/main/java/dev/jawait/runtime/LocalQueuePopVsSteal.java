package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * The owner pops its queue empty while another worker steals half of it: every task is taken
 * exactly once. r1 = popped by the owner, r2 = stolen, r3 = tasks taken exactly once.
 *
 * <pre>{@code
 * owner: while ((t = queue.pop()) != null) ...      thief: queue.stealInto(mine), then drain mine
 * }</pre>
 */
@JCStressTest
@Outcome(id = "4, 0, 4", expect = ACCEPTABLE, desc = "the owner popped everything first")
@Outcome(id = "3, 1, 4", expect = ACCEPTABLE_INTERESTING, desc = "stole half of the last one or three")
@Outcome(id = "2, 2, 4", expect = ACCEPTABLE_INTERESTING, desc = "stole half of three or four")
@Outcome(expect = FORBIDDEN, desc = "a task was lost, taken twice, or a slot read before it was written")
@State
public class LocalQueuePopVsSteal {
    static final int N = 4;

    final LocalQueue queue = new LocalQueue();
    final LocalQueue thiefQueue = new LocalQueue();
    final TaskTally ownerTally = new TaskTally(N);
    final TaskTally thiefTally = new TaskTally(N);
    int popped;
    int stolen;

    public LocalQueuePopVsSteal() {
        for (int i = 0; i < N; i++) {
            queue.pushBackNoOverflow(TaskTally.task(i));
        }
    }

    @Actor
    public void owner() {
        TaskCell<?> t;
        while ((t = queue.pop()) != null) {
            ownerTally.take(t);
            popped++;
        }
    }

    @Actor
    public void thief() {
        TaskCell<?> t = queue.stealInto(thiefQueue);
        if (t == null) {
            return;
        }
        do {
            thiefTally.take(t);
            stolen++;
        } while ((t = thiefQueue.pop()) != null);
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = popped;
        r.r2 = stolen;
        r.r3 = TaskTally.merged(ownerTally, thiefTally).exactlyOnce();
    }
}
