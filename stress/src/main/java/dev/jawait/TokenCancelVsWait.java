package dev.jawait;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE_INTERESTING;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import java.util.concurrent.atomic.AtomicInteger;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * {@code cancel()} races the first poll of {@code cancelled()}: the waiter sees the flag or is
 * woken (it registers before it reads the flag under the token's lock; cancel sets the flag
 * before it takes the waiters); never lost, never twice. A waiter that registered and then saw
 * the flag may be woken as well (spurious, which the wake protocol allows). r1 = 1 if the first
 * poll was ready, r2 = wakes,
 * r3 = 1 if a poll after both is ready.
 *
 * <pre>{@code
 * canceller: token.cancel()        waiter: token.cancelled().poll(cx)
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 0, 1", expect = ACCEPTABLE, desc = "saw the cancel at once")
@Outcome(id = "0, 1, 1", expect = ACCEPTABLE_INTERESTING, desc = "pending, then woken by the cancel")
@Outcome(id = "1, 1, 1", expect = ACCEPTABLE_INTERESTING,
        desc = "saw the cancel on its re-check after registering, and was woken too (spurious: harmless)")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, or woken twice")
@State
public class TokenCancelVsWait {
    final CancellationToken token = new CancellationToken();
    final Future<Void> cancelled = token.cancelled();
    final AtomicInteger wakes = new AtomicInteger();
    int sawReady;

    @Actor
    public void canceller() {
        token.cancel();
    }

    @Actor
    public void waiter() {
        sawReady = cancelled.poll(Context.of(wakes::incrementAndGet)).isReady() ? 1 : 0;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = sawReady;
        r.r2 = wakes.get();
        r.r3 = sawReady == 1 || cancelled.poll(Context.of(() -> { })).isReady() ? 1 : 0;
    }
}
