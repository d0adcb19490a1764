package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * Two workers steal from the same queue at once (the packed {@code steal}/{@code real} head
 * word: one claims a range, the other backs off or claims the next), then the owner pops what is
 * left: every one of 8 tasks is taken exactly once. (Owner against thief is
 * {@link LocalQueuePopVsSteal}; jcstress runs at most as many actors as the 2 CPUs it is given.)
 * r1 = tasks taken exactly once (negative: that many null or foreign takes).
 *
 * <pre>{@code
 * thief A, thief B: stealInto(own queue), drain it      arbiter (owner): pop until empty
 * }</pre>
 */
@JCStressTest
@Outcome(id = "8", expect = ACCEPTABLE, desc = "every task taken exactly once")
@Outcome(expect = FORBIDDEN, desc = "a task was lost, taken twice, or read before it was written")
@State
public class LocalQueueTwoThieves {
    static final int N = 8;

    final LocalQueue queue = new LocalQueue();
    final LocalQueue queueA = new LocalQueue();
    final LocalQueue queueB = new LocalQueue();
    final TaskTally ownerTally = new TaskTally(N);
    final TaskTally tallyA = new TaskTally(N);
    final TaskTally tallyB = new TaskTally(N);

    public LocalQueueTwoThieves() {
        for (int i = 0; i < N; i++) {
            queue.pushBackNoOverflow(TaskTally.task(i));
        }
    }

    @Actor
    public void thiefA() {
        steal(queueA, tallyA);
    }

    @Actor
    public void thiefB() {
        steal(queueB, tallyB);
    }

    private void steal(LocalQueue mine, TaskTally tally) {
        TaskCell<?> t = queue.stealInto(mine);
        while (t != null) {
            tally.take(t);
            t = mine.pop();
        }
    }

    @Arbiter
    public void arbiter(I_Result r) {
        TaskCell<?> t;
        while ((t = queue.pop()) != null) { // the owner takes what the thieves left
            ownerTally.take(t);
        }
        r.r1 = TaskTally.merged(ownerTally, tallyA, tallyB).exactlyOnce();
    }
}
