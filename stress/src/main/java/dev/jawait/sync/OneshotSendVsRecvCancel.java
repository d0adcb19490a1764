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
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A oneshot value is sent while the receive that waits for it is polled and cancelled (it lost a
 * select): the value is received exactly once, either by that receive or by the next one.
 * r1 = 1 if the cancelled receive got the value first, r2 = the next receive (1 value, 2 failed
 * as already received, 0 pending).
 *
 * <pre>{@code
 * sender: send(5)      receiver: recv().poll(cx); if pending, cancel()      arbiter: recv() again
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 2", expect = ACCEPTABLE, desc = "the first receive got it; the next is told it was taken")
@Outcome(id = "0, 1", expect = ACCEPTABLE_INTERESTING, desc = "cancelled first: the next receive gets it")
@Outcome(expect = FORBIDDEN, desc = "value lost or received twice")
@State
public class OneshotSendVsRecvCancel {
    final Oneshot<Integer> oneshot = Oneshot.channel();
    final WakeCount waker = new WakeCount();
    int first;

    @Actor
    public void sender() {
        try {
            oneshot.sender().send(5);
        } catch (ChannelClosedException impossible) { // the receiver is never closed here
            throw new AssertionError(impossible); // jcstress reports it as an error
        }
    }

    @Actor
    public void receiver() {
        Future<Integer> recv = oneshot.receiver().recv();
        Poll<Integer> p = recv.poll(waker.cx);
        if (p.isReady()) {
            first = p.value() == 5 ? 1 : 3;
        } else {
            recv.cancel();
        }
    }

    @Arbiter
    public void arbiter(II_Result r) {
        r.r1 = first;
        try {
            Poll<Integer> p = oneshot.receiver().recv().poll(waker.cx);
            r.r2 = !p.isReady() ? 0 : p.value() == 5 ? 1 : 3;
        } catch (Exception e) { // thrown sneakily by poll: ChannelClosedException
            r.r2 = e instanceof ChannelClosedException ? 2 : 3;
        }
    }
}
