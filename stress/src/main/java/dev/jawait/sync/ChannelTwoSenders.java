package dev.jawait.sync;

import static org.openjdk.jcstress.annotations.Expect.ACCEPTABLE;
import static org.openjdk.jcstress.annotations.Expect.FORBIDDEN;

import dev.jawait.Future;
import java.util.HashSet;
import java.util.Set;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * Two senders race for the single slot of an empty bounded channel (capacity 1): exactly one
 * gets it, the other waits (the bound holds), and once the receiver takes the first message
 * the waiting sender is woken and its message arrives too. r1 = sends ready at their first
 * poll, r2 = 1 if the waiting sender was woken by the receive, r3 = distinct messages received.
 *
 * <pre>{@code
 * A: send(1).poll(cx)      B: send(2).poll(cx)      arbiter: tryRecv, poll the waiter, tryRecv
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1, 2", expect = ACCEPTABLE, desc = "one sent, the other waited and was woken")
@Outcome(expect = FORBIDDEN, desc = "bound exceeded, lost wake-up, or message lost")
@State
public class ChannelTwoSenders {
    final Channel<Integer> channel = Channel.bounded(1);
    final WakeCount wakerA = new WakeCount();
    final WakeCount wakerB = new WakeCount();
    Future<Void> sendA;
    Future<Void> sendB;
    boolean readyA;
    boolean readyB;

    @Actor
    public void senderA() {
        sendA = channel.sender().send(1);
        readyA = sendA.poll(wakerA.cx).isReady();
    }

    @Actor
    public void senderB() {
        sendB = channel.sender().send(2);
        readyB = sendB.poll(wakerB.cx).isReady();
    }

    @Arbiter
    public void arbiter(III_Result r) {
        r.r1 = (readyA ? 1 : 0) + (readyB ? 1 : 0);
        Set<Integer> received = new HashSet<>();
        Integer m = channel.receiver().tryRecv();
        if (m != null) {
            received.add(m);
        }
        boolean woken = false;
        if (r.r1 == 1) {
            Future<Void> waiting = readyA ? sendB : sendA;
            WakeCount waker = readyA ? wakerB : wakerA;
            woken = waker.wakes.get() > 0 && waiting.poll(waker.cx).isReady();
        }
        while ((m = channel.receiver().tryRecv()) != null) {
            received.add(m);
        }
        r.r2 = woken ? 1 : 0;
        r.r3 = received.size();
    }
}
