package dev.jawait;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A parent token is cancelled while a guard on its child token registers (with the child and
 * the parent): the guard either fails at once or is woken, then fails with
 * CancellationException, and its future is cancelled exactly once. A guard that registers and
 * then sees the flag may be woken as well, after it failed: a spurious wake, which the wake
 * protocol allows. r1 = 1 if the first poll
 * threw, r2 = wakes, r3 = cancels of the guarded future.
 *
 * <pre>{@code
 * canceller: parent.cancel()       waiter: child.guard(pending).poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "the parent's cancel was seen at once")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending, woken by the parent, then cancelled")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "saw the cancel on its re-check after registering, and was woken too (spurious: harmless)")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or the guarded future not cancelled once")
@State
public class TokenParentCancelVsChildGuard {
    final CancellationToken parent = new CancellationToken();
    final CancellationToken child = parent.child();
    final AtomicInteger cancels = new AtomicInteger();
    final Future<Integer> pending = new Future<>() {
        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public boolean cancel() {
            cancels.incrementAndGet();
            return false;
        }
    };
    final Future<Integer> guarded = child.guard(pending);
    final AtomicInteger wakes = new AtomicInteger();
    int threw;

    @Actor
    public void canceller() {
        parent.cancel();
    }

    @Actor
    public void waiter() {
        try {
            guarded.poll(Context.of(wakes::incrementAndGet));
        } catch (CancellationException e) {
            threw = 1;
        }
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = threw;
        r.r2 = wakes.get();
        if (threw == 0 && wakes.get() > 0) {
            try {
                guarded.poll(Context.of(() -> { }));
            } catch (CancellationException expected) {
                // the outcome after the wake
            }
        }
        r.r3 = cancels.get();
    }
}
