package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.TryFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BroadcastTest {

    @Test
    void everyReceiverSeesEveryMessageSentAfterSubscribing() throws Exception {
        Broadcast<Long> bus = Broadcast.channel(8);
        BroadcastReceiver<Long> early = bus.receiver();
        assertEquals(1, bus.sender().send(1L));
        BroadcastReceiver<Long> late = bus.sender().subscribe();
        assertEquals(2, bus.sender().send(2L));
        CountingWaker w = new CountingWaker();
        assertEquals(Optional.of(1L), w.ready(early.recv()));
        assertEquals(Optional.of(2L), w.ready(early.recv()));
        assertEquals(2L, late.tryRecv());
        assertNull(late.tryRecv());
    }

    @Test
    void pendingReceiversAreAllWokenAndSeeTheEndAfterTheLastSenderCloses() throws Exception {
        Broadcast<String> bus = Broadcast.channel(4);
        BroadcastReceiver<String> r1 = bus.receiver();
        BroadcastReceiver<String> r2 = bus.sender().subscribe();
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        TryFuture<Optional<String>, LaggedException> f1 = r1.recv();
        TryFuture<Optional<String>, LaggedException> f2 = r2.recv();
        assertTrue(w1.poll(f1).isPending());
        assertTrue(w2.poll(f2).isPending());
        BroadcastSender<String> second = bus.sender().clone();
        bus.sender().send("hello");
        assertTrue(w1.takeWake());
        assertTrue(w2.takeWake());
        assertEquals(Optional.of("hello"), w1.ready(f1));
        assertEquals(Optional.of("hello"), w2.ready(f2));

        TryFuture<Optional<String>, LaggedException> end = r1.recv();
        assertTrue(w1.poll(end).isPending());
        bus.sender().close();
        assertEquals(0, w1.wakes(), "one sender handle is still open");
        second.send("last");
        second.close();
        assertTrue(w1.takeWake());
        assertEquals(Optional.of("last"), w1.ready(end));
        assertEquals(Optional.empty(), w1.ready(r1.recv()));
        assertThrows(IllegalStateException.class, () -> second.send("x"));
    }

    @Test
    void laggingReceiverIsToldHowManyItMissedThenContinues() throws Exception {
        Broadcast<Integer> bus = Broadcast.channel(4);
        BroadcastReceiver<Integer> slow = bus.receiver();
        for (int i = 0; i < 10; i++) {
            bus.sender().send(i);
        }
        CountingWaker w = new CountingWaker();
        LaggedException lag = assertThrows(LaggedException.class, () -> w.poll(slow.recv()));
        assertEquals(6, lag.missed());
        for (int i = 6; i < 10; i++) {
            assertEquals(Optional.of(i), w.ready(slow.recv()));
        }
        assertTrue(w.poll(slow.recv()).isPending());
    }

    @Test
    void cancelledReceiveIsNotWokenAndLosesNothing() throws Exception {
        Broadcast<Integer> bus = Broadcast.channel(2);
        BroadcastReceiver<Integer> r = bus.receiver();
        CountingWaker w = new CountingWaker();
        TryFuture<Optional<Integer>, LaggedException> f = r.recv();
        w.poll(f);
        f.cancel();
        bus.sender().send(5);
        assertEquals(0, w.wakes());
        assertEquals(5, r.tryRecv());
    }

    @Test
    void sendFailsWhenEveryReceiverIsGoneAndKeepsNothing() throws Exception {
        Broadcast<Integer> bus = Broadcast.channel(2);
        BroadcastReceiver<Integer> second = bus.sender().subscribe();
        bus.receiver().close();
        assertEquals(1, bus.sender().send(1), "one receiver left");
        assertEquals(1, bus.sender().receiverCount());
        second.close();
        assertEquals(0, bus.sender().receiverCount());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> bus.sender().send(2));
        assertEquals(2, e.unsent(), "the message is handed back");

        BroadcastReceiver<Integer> late = bus.sender().subscribe();
        assertNull(late.tryRecv(), "the refused message was not kept");
        assertEquals(1, bus.sender().send(3), "subscribing again makes sending possible");
        assertEquals(3, late.tryRecv());
    }

    @Test
    void blockingRecvFromPlainThreadsSeesEveryMessageThenTheEnd() throws Exception {
        Broadcast<Integer> bus = Broadcast.channel(16);
        List<List<Integer>> seen = List.of(new ArrayList<>(), new ArrayList<>());
        List<BroadcastReceiver<Integer>> receivers = List.of(bus.receiver(), bus.sender().subscribe());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            BroadcastReceiver<Integer> rx = receivers.get(i);
            List<Integer> into = seen.get(i);
            Thread t = new Thread(() -> {
                try {
                    Optional<Integer> m;
                    while ((m = rx.blockingRecv()).isPresent()) {
                        into.add(m.get());
                    }
                } catch (Exception e) {
                    into.add(-1);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            SemaphoreTest.waitForState(t); // parked in blockingRecv
        }
        for (int i = 0; i < 10; i++) {
            bus.sender().send(i);
        }
        bus.sender().close();
        for (Thread t : threads) {
            t.join(5_000);
        }
        List<Integer> all = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertEquals(all, seen.get(0));
        assertEquals(all, seen.get(1));
    }
}
