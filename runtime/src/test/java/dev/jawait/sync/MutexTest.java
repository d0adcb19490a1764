package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MutexTest {

    @Test
    void guardReadsWritesAndUnlocks() {
        Mutex<Integer> m = new Mutex<>(1);
        CountingWaker w = new CountingWaker();
        try (MutexGuard<Integer> g = w.ready(m.lock())) {
            assertTrue(m.isLocked());
            assertNull(m.tryLock());
            g.set(g.get() + 41);
        }
        assertFalse(m.isLocked());
        MutexGuard<Integer> g = m.tryLock();
        assertNotNull(g);
        assertEquals(42, g.get());
        g.close();
        g.close(); // second close must not unlock someone else's hold
        assertThrows(IllegalStateException.class, g::get);
        MutexGuard<Integer> again = m.tryLock();
        assertNotNull(again);
        assertNull(m.tryLock(), "double close of the old guard did not release the new hold");
        again.close();
    }

    @Test
    void waitersGetTheLockInArrivalOrder() {
        Mutex<List<Integer>> m = new Mutex<>(new ArrayList<>());
        CountingWaker w = new CountingWaker();
        MutexGuard<List<Integer>> first = w.ready(m.lock());
        List<Future<MutexGuard<List<Integer>>>> waiters = new ArrayList<>();
        List<CountingWaker> wakers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Future<MutexGuard<List<Integer>>> f = m.lock();
            CountingWaker wi = new CountingWaker();
            assertTrue(wi.poll(f).isPending());
            waiters.add(f);
            wakers.add(wi);
        }
        first.close();
        for (int i = 0; i < 5; i++) {
            assertTrue(wakers.get(i).takeWake(), "waiter " + i + " woken in turn");
            for (int j = i + 1; j < 5; j++) {
                assertEquals(0, wakers.get(j).wakes(), "waiter " + j + " must still wait");
            }
            try (MutexGuard<List<Integer>> g = wakers.get(i).ready(waiters.get(i))) {
                g.get().add(i);
            }
        }
        assertEquals(List.of(0, 1, 2, 3, 4), m.tryLock().get());
    }

    @Test
    void cancelledWaiterThatWasJustHandedTheLockPassesItOn() {
        Mutex<String> m = new Mutex<>("x");
        CountingWaker w = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        CountingWaker wc = new CountingWaker();
        MutexGuard<String> held = w.ready(m.lock());
        Future<MutexGuard<String>> b = m.lock();
        Future<MutexGuard<String>> c = m.lock();
        wb.poll(b);
        wc.poll(c);
        held.close(); // b now owns the lock but has not been polled
        assertFalse(b.cancel());
        assertTrue(wc.takeWake());
        wc.ready(c).close();
        assertFalse(m.isLocked(), "no lock left held");
    }

    @Test
    void blockingLockFromPlainThreadsIsMutuallyExclusive() throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        int threads = 4;
        int rounds = 2_000;
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    try (MutexGuard<long[]> g = m.blockingLock()) {
                        long v = g.get()[0];
                        Thread.onSpinWait();
                        g.get()[0] = v + 1; // a lost update would show a broken lock
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            ts.add(th);
            th.start();
        }
        for (Thread th : ts) {
            th.join(8_000);
        }
        assertEquals((long) threads * rounds, m.tryLock().get()[0]);
    }
}
