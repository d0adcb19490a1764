package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The lock-free bounded channel ({@link RingChannelCore}): index wrap-around, room reserved for
 * a granted sender, and the allocation of the send/recv futures on the fast path.
 */
@Timeout(20)
class RingChannelTest {

    @Test
    void placesWrapAroundTheIndexSpaceWithoutLosingOrderOrBound() throws Exception {
        RingChannelCore<Integer> core = new RingChannelCore<>(3, (1L << 44) - 7);
        Sender<Integer> tx = new Sender<>(core);
        Receiver<Integer> rx = new Receiver<>(core);
        CountingWaker w = new CountingWaker();
        int next = 0;
        int expected = 0;
        for (int round = 0; round < 50; round++) {
            while (tx.trySend(next)) {
                next++;
            }
            assertEquals(3, rx.size(), "full at capacity 3 in round " + round);
            TryFuture<Void, ChannelClosedException> waiting = tx.send(next);
            assertTrue(w.poll(waiting).isPending());
            assertEquals(expected++, rx.tryRecv());
            assertTrue(w.takeWake(), "the waiting sender got the freed room");
            w.ready(waiting);
            next++;
            Integer m;
            while ((m = rx.tryRecv()) != null) {
                assertEquals(expected++, m);
            }
        }
        assertEquals(next, expected);
        assertEquals(3, rx.highWaterMark());
        tx.close();
        assertTrue(rx.isTerminated());
    }

    @Test
    void roomGrantedToAWaitingSenderIsNotTakenByANewcomer() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();
        CountingWaker w = new CountingWaker();
        assertTrue(tx.trySend("first"));
        TryFuture<Void, ChannelClosedException> queued = tx.send("queued");
        assertTrue(w.poll(queued).isPending());
        assertEquals("first", rx.tryRecv());     // the room is granted to the queued send...
        assertTrue(w.takeWake());
        assertFalse(tx.trySend("newcomer"), "...and stays reserved until it is used");
        w.ready(queued);
        assertEquals("queued", rx.tryRecv());
        assertTrue(tx.trySend("newcomer"), "the fast path reopens once nobody waits");
        assertEquals("newcomer", rx.tryRecv());
        assertNull(rx.tryRecv());
    }

    @Test
    void cancelledGrantedSendGivesTheRoomBackToNewcomersWhenNobodyElseWaits() throws Exception {
        Channel<String> ch = Channel.bounded(1);
        Sender<String> tx = ch.sender();
        Receiver<String> rx = ch.receiver();
        CountingWaker w = new CountingWaker();
        assertTrue(tx.trySend("first"));
        TryFuture<Void, ChannelClosedException> queued = tx.send("never");
        assertTrue(w.poll(queued).isPending());
        assertEquals("first", rx.tryRecv());
        assertFalse(queued.cancel());
        assertTrue(tx.trySend("later"), "no reserved slot leaked");
        assertEquals("later", rx.tryRecv());
        assertNull(rx.tryRecv(), "the cancelled send delivered nothing");
    }

    @Test
    void receiverParkedOnAnEmptyRingIsWokenByTheFirstSendOnly() throws Exception {
        Channel<Integer> ch = Channel.bounded(8);
        CountingWaker w = new CountingWaker();
        Future<Optional<Integer>> r = ch.receiver().recv();
        assertTrue(w.poll(r).isPending());
        assertTrue(ch.sender().trySend(1));
        assertTrue(ch.sender().trySend(2));
        assertEquals(1, w.wakes(), "one wake-up for the parked receiver, none for later sends");
        assertEquals(Optional.of(1), w.ready(r));
        assertEquals(Optional.of(2), w.ready(ch.receiver().recv()));
    }

    @Test
    @Timeout(60) // 19 million channel operations: 8 s of the class's 20 in a load run
    void sendAndRecvFuturesOnTheFastPathAllocateAtMostTheSendFutureAndTheOptional() {
        Channel<Integer> ch = Channel.bounded(16);
        Sender<Integer> tx = ch.sender();
        Receiver<Integer> rx = ch.receiver();
        CountingWaker w = new CountingWaker();
        Integer message = 7;
        int rounds = 100_000;
        long sum = 0;
        for (int warm = 0; warm < 5; warm++) {
            sum += rounds(tx, rx, w, message, rounds);
        }
        long before = allocatedBytes();
        sum += rounds(tx, rx, w, message, rounds);
        long perMessage = (allocatedBytes() - before) / (16L * rounds);
        assertEquals(6L * 16 * rounds * 7, sum);
        // Before the ring: a 56 B send future, a 24 B recv future, an Optional and a Poll (120 B).
        assertTrue(perMessage <= 64, "allocated " + perMessage + " B per message");
    }

    private static long rounds(Sender<Integer> tx, Receiver<Integer> rx, CountingWaker w, Integer m, int n) {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 16; k++) {
                if (tx.send(m).poll(w.cx).isPending()) {
                    throw new AssertionError("a send with room must complete at once");
                }
            }
            for (int k = 0; k < 16; k++) {
                Poll<Optional<Integer>> p = rx.recv().poll(w.cx);
                sum += p.value().orElseThrow();
            }
        }
        return sum;
    }

    private static long allocatedBytes() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "HotSpot allocation counter");
        com.sun.management.ThreadMXBean hotspot = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(hotspot.isThreadAllocatedMemorySupported() && hotspot.isThreadAllocatedMemoryEnabled());
        return hotspot.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
