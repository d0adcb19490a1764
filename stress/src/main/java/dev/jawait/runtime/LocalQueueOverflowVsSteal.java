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
 * The owner pushes onto a full ring, which moves half of it to the inject queue, while a thief
 * steals half: the overflow CAS and the steal CAS on the same head word never both take a task,
 * and none is dropped. r1 = tasks NOT taken exactly once (of {@code CAPACITY + 1}), r2 = 1 if any
 * went through the inject queue.
 *
 * <pre>{@code
 * owner: pushBack(t256, inject); pop until empty      thief: stealInto(mine), drain mine
 * arbiter: drain inject
 * }</pre>
 */
@JCStressTest
@Outcome(id = "0, 1", expect = ACCEPTABLE, desc = "the full ring overflowed into the inject queue")
@Outcome(id = "0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the thief made room first")
@Outcome(expect = FORBIDDEN, desc = "a task was lost, taken twice, or read before it was written")
@State
public class LocalQueueOverflowVsSteal {
    static final int N = LocalQueue.CAPACITY + 1;

    final LocalQueue queue = new LocalQueue();
    final LocalQueue thiefQueue = new LocalQueue();
    final InjectQueue inject = new InjectQueue();
    final TaskTally ownerTally = new TaskTally(N);
    final TaskTally thiefTally = new TaskTally(N);

    public LocalQueueOverflowVsSteal() {
        for (int i = 0; i < LocalQueue.CAPACITY; i++) {
            queue.pushBackNoOverflow(TaskTally.task(i));
        }
    }

    @Actor
    public void owner() {
        queue.pushBack(TaskTally.task(LocalQueue.CAPACITY), inject);
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
            t = thiefQueue.pop();
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int injected = 0;
        TaskCell<?> t;
        while ((t = inject.pop()) != null) {
            ownerTally.take(t);
            injected++;
        }
        r.r1 = N - TaskTally.merged(ownerTally, thiefTally).exactlyOnce();
        r.r2 = injected > 0 ? 1 : 0;
    }
}
