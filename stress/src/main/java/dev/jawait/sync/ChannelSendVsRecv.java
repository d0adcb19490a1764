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
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jcstress.infra.results.III_Result;

/**
 * A send into a full bounded channel (capacity 1) races the receiver taking the buffered message:
 * the sender waits or gets the freed slot, a waiting sender is woken, the bound is kept, and both
 * messages arrive exactly once, in order. r1 = the receiver's two tries (1 = message 0, 2 =
 * message 1, 0 = nothing, as digits), r2 = the send's first poll (1 ready, 2 pending and later
 * woken, 0 pending and never woken), r3 = 1 if everything arrived in order within the bound.
 *
 * <pre>{@code
 * sender: send(1).poll(cx)      receiver: tryRecv(); tryRecv()      arbiter: finish, drain
 * }</pre>
 */
@JCStressTest
@Outcome(id = "10, 1, 1", expect = ACCEPTABLE, desc = "the send took the freed slot at once")
@Outcome(id = "12, 1, 1", expect = ACCEPTABLE, desc = "sent at once, and received in the same race")
@Outcome(id = "10, 2, 1", expect = ACCEPTABLE_INTERESTING, desc = "the send waited and was woken")
@Outcome(id = "12, 2, 1", expect = ACCEPTABLE_INTERESTING, desc = "the waiting send was handed the slot")
@Outcome(expect = FORBIDDEN, desc = "lost wake-up, bound exceeded, message lost, duplicated or reordered")
@State
public class ChannelSendVsRecv {
    final Channel<Integer> channel = Channel.bounded(1);
    final WakeCount sendWaker = new WakeCount();
    Future<Void> send;
    boolean sentAtOnce;
    boolean withinBound = true;
    int firstTry;
    int secondTry;

    public ChannelSendVsRecv() {
        try {
            if (!channel.sender().trySend(0)) {
                throw new IllegalStateException("an empty channel refused a message");
            }
        } catch (ChannelClosedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Actor
    public void sender() {
        send = channel.sender().send(1);
        sentAtOnce = send.poll(sendWaker.cx).isReady();
        if (channel.receiver().size() > 1) {
            withinBound = false;
        }
    }

    @Actor
    public void receiver() {
        firstTry = label(channel.receiver().tryRecv());
        secondTry = label(channel.receiver().tryRecv());
    }

    private static int label(Integer message) {
        return message == null ? 0 : message + 1;
    }

    @Arbiter
    public void arbiter(III_Result r) {
        List<Integer> received = new ArrayList<>();
        if (firstTry != 0) {
            received.add(firstTry - 1);
        }
        if (secondTry != 0) {
            received.add(secondTry - 1);
        }
        int woken = sendWaker.wakes.get();
        boolean sent = sentAtOnce;
        if (!sentAtOnce && woken > 0) {
            sent = send.poll(sendWaker.cx).isReady();
        }
        Integer m;
        while ((m = channel.receiver().tryRecv()) != null) {
            received.add(m);
        }
        r.r1 = firstTry * 10 + secondTry;
        r.r2 = sentAtOnce ? 1 : woken > 0 ? 2 : 0;
        r.r3 = sent && withinBound && received.equals(List.of(0, 1)) ? 1 : 0;
    }
}
