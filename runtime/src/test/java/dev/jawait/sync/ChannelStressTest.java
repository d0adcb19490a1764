package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many producers into one bounded channel, with and without random cancellation. */
@Timeout(30)
class ChannelStressTest {

    @Test
    void everyMessageArrivesExactlyOnceInPerProducerOrderWithinTheBound() throws Exception {
        int producers = 8;
        int perProducer = 10_000;
        int capacity = 16;
        Channel<Long> ch = Channel.bounded(capacity);
        List<Runnable> bodies = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx = ch.sender().clone();
            bodies.add(() -> {
                try (tx) {
                    for (int i = 0; i < perProducer; i++) {
                        long m = (long) id * perProducer + i;
                        if (id % 2 == 0 || !tx.trySend(m)) { // mix the fast and the waiting path
                            tx.blockingSend(m);
                        }
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
        }
        ch.sender().close();
        int[] next = new int[producers];
        AtomicInteger received = new AtomicInteger();
        bodies.add(() -> {
            try {
                Optional<Long> m;
                while ((m = ch.receiver().blockingRecv()).isPresent()) {
                    int from = (int) (m.get() / perProducer);
                    int seq = (int) (m.get() % perProducer);
                    assertEquals(next[from], seq, "producer " + from + " out of order or duplicated");
                    next[from]++;
                    received.incrementAndGet();
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        Storm.runThreads(bodies, 25_000);
        assertEquals(producers * perProducer, received.get());
        for (int p = 0; p < producers; p++) {
            assertEquals(perProducer, next[p], "all of producer " + p + " arrived");
        }
        int high = ch.receiver().highWaterMark();
        assertTrue(high <= capacity, "buffer held " + high + " > capacity " + capacity);
    }

    @Test
    void randomlyCancelledSendsAndReceivesLoseAndDuplicateNothing() throws Exception {
        int producers = 4;
        int perProducer = 1_500;
        int capacity = 4;
        Channel<Long> ch = Channel.bounded(capacity);
        AtomicInteger cancelledSends = new AtomicInteger();
        AtomicInteger cancelledRecvs = new AtomicInteger();
        List<Runnable> bodies = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            int id = p;
            Sender<Long> tx = ch.sender().clone();
            bodies.add(() -> {
                try (tx) {
                    for (int i = 0; i < perProducer; i++) {
                        long m = (long) id * perProducer + i;
                        // a cancelled send must not have delivered; retry the same message
                        while (Storm.driveOrCancel(tx.send(m), 0.3, 50) == Storm.CANCELLED) {
                            cancelledSends.incrementAndGet();
                        }
                    }
                }
            });
        }
        ch.sender().close();
        int[] next = new int[producers];
        AtomicInteger received = new AtomicInteger();
        bodies.add(() -> {
            for (;;) {
                Object r = Storm.driveOrCancel(ch.receiver().recv(), 0.3, 50);
                if (r == Storm.CANCELLED) {
                    cancelledRecvs.incrementAndGet();
                    continue;
                }
                @SuppressWarnings("unchecked")
                Optional<Long> m = (Optional<Long>) r;
                if (m.isEmpty()) {
                    return;
                }
                int from = (int) (m.get() / perProducer);
                int seq = (int) (m.get() % perProducer);
                assertEquals(next[from], seq, "producer " + from + " lost, duplicated or reordered");
                next[from]++;
                received.incrementAndGet();
            }
        });
        Storm.runThreads(bodies, 25_000);
        assertEquals(producers * perProducer, received.get());
        assertTrue(cancelledSends.get() > 0, "the storm cancelled some sends");
        assertTrue(cancelledRecvs.get() > 0, "the storm cancelled some receives");
        assertTrue(ch.receiver().highWaterMark() <= capacity);
        assertTrue(ch.receiver().isTerminated());
    }
}
