package dev.jawait.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import dev.jawait.Future;
import dev.jawait.Poll;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two acquisitions wait on an exhausted semaphore; the first is cancelled (aborted) while a
 * permit is released: the permit ends with the second waiter, which is woken, and none is leaked
 * or created. r1 = 1 if the second waiter got a permit, r2 = 1 if it was woken, r3 = permits
 * available once it gave its permit back (1).
 *
 * <pre>{@code
 * canceller: first.cancel()      releaser: release()      arbiter: poll second, close its permit
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE, desc = "the permit went to the next waiter")
@Outcome(expect = FORBIDDEN, desc = "permit leaked to the cancelled waiter, lost wake-up, or permits not conserved")
@State
public class SemaphoreCancelVsRelease {
    final Semaphore semaphore = new Semaphore(1);
    final Future<Permit> first;
    final Future<Permit> second;
    final WakeCount firstWaker = new WakeCount();
    final WakeCount secondWaker = new WakeCount();

    public SemaphoreCancelVsRelease() {
        if (!semaphore.tryAcquire()) {
            throw new IllegalStateException("a fresh semaphore had no permit");
        }
        first = semaphore.acquire();
        second = semaphore.acquire();
        if (first.poll(firstWaker.cx).isReady() || second.poll(secondWaker.cx).isReady()) {
            throw new IllegalStateException("acquired from an exhausted semaphore");
        }
    }

    @Actor
    public void canceller() {
        first.cancel();
    }

    @Actor
    public void releaser() {
        semaphore.release();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r2 = secondWaker.wakes.get() > 0 ? 1 : 0;
        Poll<Permit> p = second.poll(secondWaker.cx);
        r.r1 = p.isReady() ? 1 : 0;
        if (p.isReady()) {
            p.value().close();
        }
        r.r3 = semaphore.availablePermits();
    }
}
