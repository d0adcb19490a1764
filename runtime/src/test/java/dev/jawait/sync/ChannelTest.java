package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ChannelTest {

    @Test
    void deliversInOrderAndEndsWhenTheSenderCloses() throws Exception {
        Channel<String> ch = Channel.unbounded();
        CountingWaker w = new CountingWaker();
        w.ready(ch.sender().send("a"));
        assertTrue(ch.sender().trySend("b"));
        ch.sender().close();
        assertEquals(Optional.of("a"), w.ready(ch.receiver().recv()));
        assertFalse(ch.receiver().isTerminated(), "closed but not drained");
        assertEquals("b", ch.receiver().tryRecv());
        assertEquals(Optional.empty(), w.ready(ch.receiver().recv()));
        assertTrue(ch.receiver().isTerminated());
        assertNull(ch.receiver().tryRecv());
    }

    @Test
    void pendingReceiveIsWokenBySendAndByClose() {
        Channel<Integer> ch = Channel.bounded(2);
        CountingWaker w = new CountingWaker();
        Future<Optional<Integer>> r = ch.receiver().recv();
        assertTrue(w.poll(r).isPending());
        w.ready(ch.sender().send(7));
        assertTrue(w.takeWake());
        assertEquals(Optional.of(7), w.ready(r));

        Future<Optional<Integer>> r2 = ch.receiver().recv();
        assertTrue(w.poll(r2).isPending());
        ch.sender().close();
        assertTrue(w.takeWake());
        assertEquals(Optional.empty(), w.ready(r2));
    }

    @Test
    void fullBoundedChannelMakesSendersWaitInArrivalOrder() throws Exception {
        Channel<Integer> ch = Channel.bounded(1);
        Sender<Integer> tx = ch.sender();
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        assertTrue(tx.trySend(0));
        assertFalse(tx.trySend(99));
        TryFuture<Void, ChannelClosedException> s1 = tx.send(1);
        TryFuture<Void, ChannelClosedException> s2 = tx.send(2);
        assertTrue(w1.poll(s1).isPending());
        assertTrue(w2.poll(s2).isPending());

        assertEquals(0, ch.receiver().tryRecv());
        assertTrue(w1.takeWake());
        assertEquals(0, w2.wakes());
        assertFalse(tx.trySend(99), "trySend must not overtake a waiting sender");
        w1.ready(s1);
        assertEquals(1, ch.receiver().tryRecv());
        assertTrue(w2.takeWake());
        w2.ready(s2);
        assertEquals(2, ch.receiver().tryRecv());
        assertEquals(1, ch.receiver().highWaterMark());
    }

    @Test
    void cancelledSendDeliversNothingAndPassesItsSlotOn() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        tx.trySend("first");
        TryFuture<Void, ChannelClosedException> a = tx.send("cancelled");
        TryFuture<Void, ChannelClosedException> b = tx.send("second");
        wa.poll(a);
        wb.poll(b);
        assertEquals("first", rx.tryRecv()); // slot goes to a
        assertTrue(wa.takeWake());
        assertFalse(a.cancel());             // a gives the slot to b without sending
        assertTrue(wb.takeWake());
        wb.ready(b);
        assertEquals("second", rx.tryRecv());
        assertNull(rx.tryRecv());
        assertTrue(tx.trySend("third"), "no slot leaked");
    }

    @Test
    void cancelledReceiveLosesNoMessage() {
        Channel<String> ch = Channel.unbounded();
        CountingWaker w = new CountingWaker();
        Future<Optional<String>> r = ch.receiver().recv();
        assertTrue(w.poll(r).isPending());
        r.cancel();
        w.ready(ch.sender().send("kept"));
        assertEquals(0, w.wakes(), "a cancelled receive is not woken");
        assertEquals(Optional.of("kept"), w.ready(ch.receiver().recv()));
    }

    @Test
    void cancellingAnOlderReceiveDoesNotUnregisterANewerOne() {
        Channel<String> ch = Channel.unbounded();
        CountingWaker w = new CountingWaker(); // one task, so both receives share its waker
        Future<Optional<String>> older = ch.receiver().recv();
        Future<Optional<String>> newer = ch.receiver().recv();
        assertTrue(w.poll(older).isPending());
        assertTrue(w.poll(newer).isPending());
        older.cancel();
        w.ready(ch.sender().send("wakes the newer"));
        assertTrue(w.takeWake(), "the newer receive is still registered");
        assertEquals(Optional.of("wakes the newer"), w.ready(newer));
    }

    @Test
    void closingTheReceiverFailsSendersButKeepsBufferedMessages() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        CountingWaker w = new CountingWaker();
        tx.trySend("buffered");
        TryFuture<Void, ChannelClosedException> waiting = tx.send("refused");
        assertTrue(w.poll(waiting).isPending());
        ch.receiver().close();
        assertTrue(w.takeWake());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> w.poll(waiting));
        assertEquals("refused", e.unsent());
        assertThrows(ChannelClosedException.class, () -> tx.trySend("late"));
        assertThrows(ChannelClosedException.class, () -> w.poll(tx.send("late")));
        assertTrue(tx.isClosed());
        assertEquals(Optional.of("buffered"), w.ready(ch.receiver().recv()));
        assertEquals(Optional.empty(), w.ready(ch.receiver().recv()));
    }

    @Test
    void channelEndsOnlyWhenEveryClonedSenderIsClosed() throws Exception {
        Channel<Integer> ch = Channel.unbounded();
        Sender<Integer> a = ch.sender();
        Sender<Integer> b = a.clone();
        a.close();
        a.close(); // idempotent: must not count twice
        assertThrows(ChannelClosedException.class, () -> a.trySend(1));
        assertFalse(ch.receiver().isClosed());
        assertTrue(b.trySend(2));
        b.close();
        assertTrue(ch.receiver().isClosed());
        assertEquals(2, ch.receiver().tryRecv());
        assertTrue(ch.receiver().isTerminated());
        assertThrows(IllegalStateException.class, a::clone);
    }

    @Test
    void nullMessagesAndBadCapacitiesAreRejected() {
        Channel<String> ch = Channel.bounded(4);
        assertThrows(NullPointerException.class, () -> ch.sender().send(null));
        assertThrows(NullPointerException.class, () -> ch.sender().trySend(null));
        assertThrows(IllegalArgumentException.class, () -> Channel.bounded(0));
        assertEquals(4, ch.sender().capacity());
    }

    @Test
    void blockingSendAndReceiveBetweenPlainThreads() throws Exception {
        Channel<Integer> ch = Channel.bounded(2);
        int count = 2_000;
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread producer = new Thread(() -> {
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < count; i++) {
                    tx.blockingSend(i);
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        producer.start();
        List<Integer> got = new ArrayList<>();
        Optional<Integer> m;
        while ((m = ch.receiver().blockingRecv()).isPresent()) {
            got.add(m.get());
        }
        producer.join(5_000);
        assertNull(failure.get());
        assertEquals(count, got.size());
        for (int i = 0; i < count; i++) {
            assertEquals(i, got.get(i));
        }
        assertTrue(ch.receiver().highWaterMark() <= 2);
    }

    @Test
    void blockingSendFailsWhenTheReceiverClosesMeanwhile() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        ch.sender().trySend("fill");
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                ch.sender().blockingSend("blocked");
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        t.start();
        SemaphoreTest.waitForState(t);
        ch.receiver().close();
        t.join(5_000);
        assertSame(ChannelClosedException.class, failure.get().getClass());
    }
}
