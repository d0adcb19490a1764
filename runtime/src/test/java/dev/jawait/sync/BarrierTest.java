package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class BarrierTest {

    @Test
    void releasesEveryoneWhenTheLastArrivesWithOneLeader() {
        Barrier b = new Barrier(3);
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        CountingWaker w3 = new CountingWaker();
        Future<Boolean> a1 = b.arriveAndWait();
        Future<Boolean> a2 = b.arriveAndWait();
        assertTrue(w1.poll(a1).isPending());
        assertTrue(w2.poll(a2).isPending());
        assertEquals(2, b.arrived());
        assertTrue(w3.ready(b.arriveAndWait()), "the last to arrive leads");
        assertTrue(w1.takeWake());
        assertTrue(w2.takeWake());
        assertFalse(w1.ready(a1));
        assertFalse(w2.ready(a2));
        assertEquals(0, b.arrived(), "next generation starts empty");
    }

    @Test
    void cancelledArrivalIsWithdrawn() {
        Barrier b = new Barrier(2);
        CountingWaker w = new CountingWaker();
        Future<Boolean> gone = b.arriveAndWait();
        w.poll(gone);
        gone.cancel();
        assertEquals(0, b.arrived());
        Future<Boolean> first = b.arriveAndWait();
        assertTrue(w.poll(first).isPending(), "one real arrival is not enough");
        assertTrue(new CountingWaker().ready(b.arriveAndWait()));
        assertFalse(w.ready(first));
    }

    @Test
    void anArrivalCancelledBeforeItsFirstPollNeverArrived() {
        Barrier b = new Barrier(2);
        b.arriveAndWait().cancel();
        assertEquals(0, b.arrived());
        CountingWaker w = new CountingWaker();
        Future<Boolean> first = b.arriveAndWait();
        assertTrue(w.poll(first).isPending(), "the cancelled arrival did not count");
        assertTrue(new CountingWaker().ready(b.arriveAndWait()));
        assertTrue(w.takeWake());
        assertFalse(w.ready(first));
    }

    @Test
    void cancellingAReleasedArrivalChangesNothingForTheOthers() {
        Barrier b = new Barrier(3);
        CountingWaker w1 = new CountingWaker();
        CountingWaker w2 = new CountingWaker();
        Future<Boolean> released = b.arriveAndWait();
        Future<Boolean> other = b.arriveAndWait();
        w1.poll(released);
        w2.poll(other);
        assertTrue(new CountingWaker().ready(b.arriveAndWait()), "the third arrival leads");
        assertTrue(w1.takeWake());
        released.cancel(); // aborted after the generation went through, before seeing it
        assertEquals(0, b.arrived(), "the next generation starts empty, not at -1");
        assertTrue(w2.takeWake());
        assertFalse(w2.ready(other));

        CountingWaker w3 = new CountingWaker();
        Future<Boolean> next = b.arriveAndWait();
        assertTrue(w3.poll(next).isPending());
        assertTrue(w3.poll(b.arriveAndWait()).isPending(), "two of three: the next generation waits");
        assertEquals(2, b.arrived());
    }

    @Test
    void aWithdrawnArrivalIsNotWokenWhenItsGenerationGoesThrough() {
        Barrier b = new Barrier(2);
        CountingWaker gone = new CountingWaker();
        Future<Boolean> withdrawn = b.arriveAndWait();
        gone.poll(withdrawn);
        withdrawn.cancel();
        CountingWaker w = new CountingWaker();
        Future<Boolean> first = b.arriveAndWait();
        w.poll(first);
        assertTrue(new CountingWaker().ready(b.arriveAndWait()));
        assertEquals(0, gone.wakes(), "the withdrawn waiter was unlinked");
        assertFalse(w.ready(first));
    }

    @Test
    void plainThreadsPassGenerationsTogether() throws Exception {
        int parties = 4;
        int generations = 50;
        Barrier b = new Barrier(parties);
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        AtomicInteger[] passed = new AtomicInteger[generations];
        for (int g = 0; g < generations; g++) {
            passed[g] = new AtomicInteger();
        }
        List<Thread> ts = new ArrayList<>();
        for (int p = 0; p < parties; p++) {
            Thread t = new Thread(() -> {
                try {
                    for (int g = 0; g < generations; g++) {
                        passed[g].incrementAndGet();
                        if (b.blockingArriveAndWait()) {
                            leaders.incrementAndGet();
                        }
                        // after the barrier every party has arrived at generation g
                        if (passed[g].get() != parties) {
                            maxAhead.incrementAndGet();
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            ts.add(t);
            t.start();
        }
        for (Thread t : ts) {
            t.join(8_000);
        }
        assertEquals(generations, leaders.get());
        assertEquals(0, maxAhead.get(), "nobody left a generation early");
    }
}
