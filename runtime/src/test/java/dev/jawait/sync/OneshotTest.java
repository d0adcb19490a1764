package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class OneshotTest {

    @Test
    void deliversTheValueToAWaitingReceiver() throws Exception {
        Oneshot<String> o = Oneshot.channel();
        CountingWaker w = new CountingWaker();
        TryFuture<String, ChannelClosedException> r = o.receiver().recv();
        assertTrue(w.poll(r).isPending());
        o.sender().send("answer");
        assertTrue(w.takeWake());
        assertEquals("answer", w.ready(r));
        assertThrows(IllegalStateException.class, () -> o.sender().send("again"));
        assertThrows(ChannelClosedException.class, () -> w.poll(o.receiver().recv()), "value taken");
    }

    @Test
    void nullIsAValue() throws Exception {
        Oneshot<Void> o = Oneshot.channel();
        o.sender().send(null);
        assertNull(new CountingWaker().ready(o.receiver().recv()));
    }

    @Test
    void senderClosedWithoutValueFailsTheReceiver() throws Exception {
        Oneshot<Integer> o = Oneshot.channel();
        CountingWaker w = new CountingWaker();
        TryFuture<Integer, ChannelClosedException> r = o.receiver().recv();
        w.poll(r);
        o.sender().close();
        assertTrue(w.takeWake());
        assertThrows(ChannelClosedException.class, () -> w.poll(r));
    }

    @Test
    void closedReceiverRefusesTheValueAndCompletesClosed() throws Exception {
        Oneshot<Integer> o = Oneshot.channel();
        CountingWaker w = new CountingWaker();
        Future<Void> closed = o.sender().closed();
        assertTrue(w.poll(closed).isPending());
        o.receiver().close();
        assertTrue(w.takeWake());
        assertTrue(w.poll(closed).isReady());
        assertTrue(o.sender().isClosed());
        ChannelClosedException refused = assertThrows(ChannelClosedException.class, () -> o.sender().send(5));
        assertEquals(5, refused.unsent(), "the value is handed back");
    }

    @Test
    void cancelledReceiveLeavesTheValueForTheNextOne() throws Exception {
        Oneshot<String> o = Oneshot.channel();
        CountingWaker w = new CountingWaker();
        TryFuture<String, ChannelClosedException> r = o.receiver().recv();
        w.poll(r);
        r.cancel();
        o.sender().send("kept");
        assertEquals(0, w.wakes());
        assertEquals("kept", w.ready(o.receiver().recv()));
    }

    @Test
    void blockingRecvFromAPlainThread() throws Exception {
        Oneshot<String> o = Oneshot.channel();
        AtomicReference<Object> got = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                got.set(o.receiver().blockingRecv());
            } catch (Exception e) {
                got.set(e);
            }
        });
        t.start();
        SemaphoreTest.waitForState(t);
        o.sender().send("hi");
        t.join(5_000);
        assertEquals("hi", got.get());
    }
}
