package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The owner pushes two tasks onto its empty queue and pops them while a thief steals: a slot
 * published by the release store of {@code tail} is never read before it is written (the thief
 * takes the slot just pushed), and every task is taken exactly once.
 * r1 = tasks taken exactly once (or minus the bogus takes), r2 = stolen.
 *
 * <pre>{@code
 * owner: pushBack(t0); pushBack(t1); pop until empty      thief: stealInto(mine), drain mine
 * }</pre>
 */
@JCStressTest
@Outcome(id = "2, 0", expect = ACCEPTABLE, desc = "nothing stolen")
@Outcome(id = "2, 1", expect = ACCEPTABLE_INTERESTING, desc = "stole half of one or two")
@Outcome(expect = FORBIDDEN, desc = "a task was lost, taken twice, or read before it was written")
@State
public class LocalQueuePushVsSteal {
    static final int N = 2;

    final LocalQueue queue = new LocalQueue();
    final LocalQueue thiefQueue = new LocalQueue();
    final InjectQueue inject = new InjectQueue();
    final TaskTally ownerTally = new TaskTally(N);
    final TaskTally thiefTally = new TaskTally(N);
    int stolen;

    @Actor
    public void owner() {
        queue.pushBack(TaskTally.task(0), inject);
        queue.pushBack(TaskTally.task(1), inject);
        TaskCell<?> t;
        while ((t = queue.pop()) != null) {
            ownerTally.take(t);
        }
    }

    @Actor
    public void thief() {
        TaskCell<?> t = queue.stealInto(thiefQueue);
        while (t != null) {
            thiefTally.take(t);
            stolen++;
            t = thiefQueue.pop();
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        TaskCell<?> t;
        while ((t = inject.pop()) != null) { // nothing should overflow; counted if it did
            ownerTally.take(t);
        }
        r.r1 = TaskTally.merged(ownerTally, thiefTally).exactlyOnce();
        r.r2 = stolen;
    }
}
