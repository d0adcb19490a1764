package dev.jawait.sync;

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
 * The receiver closes the channel while a sender sends: a message is either accepted and still
 * received after the close, or refused with {@link ChannelClosedException} and never delivered.
 * r1 = the send (1 accepted, 2 refused as closed, 0 refused as full), r2 = messages the
 * receiver still gets afterwards.
 *
 * <pre>{@code
 * sender: trySend(7)      receiver: close()      arbiter: drain
 * }</pre>
 */
@JCStressTest
@Outcome(id = "1, 1", expect = ACCEPTABLE, desc = "sent before the close, still received")
@Outcome(id = "2, 0", expect = ACCEPTABLE_INTERESTING, desc = "refused: the channel was closed")
@Outcome(expect = FORBIDDEN, desc = "accepted but lost, refused but delivered, or refused as full")
@State
public class ChannelCloseVsSend {
    final Channel<Integer> channel = Channel.bounded(2);
    int sendResult;

    @Actor
    public void sender() {
        try {
            sendResult = channel.sender().trySend(7) ? 1 : 0;
        } catch (ChannelClosedException e) {
            sendResult = 2;
        }
    }

    @Actor
    public void receiver() {
        channel.receiver().close();
    }

    @Arbiter
    public void arbiter(II_Result r) {
        int received = 0;
        while (channel.receiver().tryRecv() != null) {
            received++;
        }
        r.r1 = sendResult;
        r.r2 = received;
    }
}
