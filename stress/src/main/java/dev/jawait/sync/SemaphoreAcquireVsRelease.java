package dev.jawait.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Future;
import dev.jawait.Poll;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * An acquisition's first poll on an exhausted semaphore (fast path fails, it queues under the
 * lock and sets QUEUED) races the holder's release (the one-CAS fast path): either the release
 * came first and the poll takes the permit at once, or the waiter is queued and the release hands
 * the permit to it and wakes it — never a lost wake-up, never a permit lost or doubled. r1 = 1 if
 * the first poll got the permit, r2 = 1 if the waiter was woken, r3 = permits available once the
 * permit, obtained by then, was closed (1).
 *
 * <pre>{@code
 * acquirer: acquire().poll(cx)      releaser: release()      arbiter: poll again if needed, close
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the release came first: acquired at once")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE, desc = "queued, then handed the permit and woken")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or a permit lost or created")
@State
public class SemaphoreAcquireVsRelease {
    final Semaphore semaphore = new Semaphore(1);
    final Future<Permit> acquisition;
    final WakeCount waker = new WakeCount();
    int readyAtOnce;

    public SemaphoreAcquireVsRelease() {
        if (!semaphore.tryAcquire()) {
            throw new IllegalStateException("a fresh semaphore had no permit");
        }
        acquisition = semaphore.acquire();
    }

    @Actor
    public void acquirer() {
        Poll<Permit> p = acquisition.poll(waker.cx);
        if (p.isReady()) {
            readyAtOnce = 1;
            p.value().close();
        }
    }

    @Actor
    public void releaser() {
        semaphore.release();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = readyAtOnce;
        r.r2 = waker.wakes.get() > 0 ? 1 : 0;
        if (readyAtOnce == 0 && r.r2 == 1) {
            Poll<Permit> p = acquisition.poll(waker.cx);
            if (!p.isReady()) {
                r.r3 = -1; // woken without the permit
                return;
            }
            p.value().close();
        }
        r.r3 = semaphore.availablePermits();
    }
}
