package dev.jawait.runtime;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Context;
import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.IIII_Result;

/**
 * A {@code join()} whose only child has finished races a second child that is spawned and
 * finishes at once. The join takes every child numbered up to the spawned count it read; a
 * second child it did not count must stay for {@code joinNext()} (the join's cut of the finished
 * chain then filters by number instead of dropping the chain), one it counted must not come
 * back. r1 = 1 if the join's poll was ready, r2 = how many children the join took (read right
 * after it), then {@code joinNext()} is called until it finds none left: r3 = how many children
 * it gave, r4 = how many of those were the second child.
 *
 * <pre>{@code
 * spawner: scope.spawn(second).cell.run()       owner: join().poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 1, 1", expect = ACCEPTABLE, desc = "the join took the first child; the second is joinNext's")
@Outcome(id = "1, 2, 0, 0", expect = ACCEPTABLE_INTERESTING, desc = "the join counted and took both")
@Outcome(id = "0, 0, 2, 1", expect = ACCEPTABLE, desc = "the join saw the second child running and took none")
@Outcome(expect = FORBIDDEN, desc = "a child taken twice, or lost")
@State
public class ScopeJoinVsSpawnAndFinish {
    final StressScheduler scheduler = new StressScheduler();
    final StructuredScope<Integer> scope = new StructuredScope<>(scheduler, null, TaskScope.Policy.FAIL_FAST, 0);
    volatile JoinHandle<Integer> second;
    int sawReady;
    int tookByJoin;

    public ScopeJoinVsSpawnAndFinish() {
        ((ScopedTask<Integer>) scope.spawn(new ProbeFuture(true))).cell.run();
    }

    @Actor
    public void spawner() {
        JoinHandle<Integer> h = scope.spawn(new ProbeFuture(true));
        ((ScopedTask<Integer>) h).cell.run();
        second = h;
    }

    @Actor
    public void owner() {
        sawReady = scope.join().poll(Context.of(() -> { })).isReady() ? 1 : 0;
        tookByJoin = scope.takenForTests();
    }

    @Arbiter
    public void arbiter(IIII_Result r) {
        r.r1 = sawReady;
        r.r2 = tookByJoin;
        int given = 0;
        int seconds = 0;
        for (JoinHandle<Integer> next; (next = scope.joinNext().poll(Context.of(() -> { })).value()) != null && given < 5; ) {
            given++;
            seconds += next == second ? 1 : 0;
        }
        r.r3 = given;
        r.r4 = seconds;
    }
}
