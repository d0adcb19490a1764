package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class SemaphoreTest {

    @Test
    void acquiresFreePermitsAtOnceAndGivesThemBackOnClose() {
        Semaphore sem = new Semaphore(3);
        CountingWaker w = new CountingWaker();
        Permit p = w.ready(sem.acquire(2));
        assertEquals(2, p.count());
        assertEquals(1, sem.availablePermits());
        p.close();
        p.close(); // idempotent
        assertEquals(3, sem.availablePermits());
    }

    @Test
    void multiPermitWaiterIsServedFirstAndNotOvertaken() {
        Semaphore sem = new Semaphore(0);
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Permit> a = sem.acquire(3);
        Future<Permit> b = sem.acquire(1);
        assertTrue(wa.poll(a).isPending());
        assertTrue(wb.poll(b).isPending());

        sem.release(1);
        assertFalse(sem.tryAcquire(1), "a newcomer must not overtake the queued acquire(3)");
        assertEquals(0, wa.wakes());
        assertEquals(0, wb.wakes());
        assertTrue(wb.poll(b).isPending());

        sem.release(2);
        assertTrue(wa.takeWake());
        assertEquals(0, wb.wakes());
        assertEquals(3, wa.ready(a).count());
        assertTrue(wb.poll(b).isPending());

        sem.release(1);
        assertTrue(wb.takeWake());
        assertEquals(1, wb.ready(b).count());
        assertEquals(0, sem.availablePermits());
    }

    @Test
    void cancellingAPartlyServedWaiterPassesItsPermitsOn() {
        Semaphore sem = new Semaphore(0);
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Permit> a = sem.acquire(3);
        Future<Permit> b = sem.acquire(2);
        wa.poll(a);
        wb.poll(b);
        sem.release(2); // a collects 2 of its 3
        assertFalse(a.cancel(), "an acquisition is a leaf future");
        assertTrue(wb.takeWake(), "the collected permits go to the next waiter");
        Permit pb = wb.ready(b);
        assertEquals(0, sem.availablePermits());
        pb.close();
        assertEquals(2, sem.availablePermits());
    }

    @Test
    void cancellingAGrantedButUnpolledWaiterPassesThePermitOn() {
        Semaphore sem = new Semaphore(1);
        CountingWaker w = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        CountingWaker wc = new CountingWaker();
        Permit held = w.ready(sem.acquire());
        Future<Permit> b = sem.acquire();
        Future<Permit> c = sem.acquire();
        wb.poll(b);
        wc.poll(c);
        held.close();
        assertTrue(wb.takeWake());
        b.cancel(); // granted, never observed
        assertTrue(wc.takeWake());
        wc.ready(c).close();
        assertEquals(1, sem.availablePermits());
    }

    @Test
    void cancellingTheLastWaiterReopensTheFastPath() {
        Semaphore sem = new Semaphore(1);
        CountingWaker w = new CountingWaker();
        Future<Permit> big = sem.acquire(2);
        assertTrue(w.poll(big).isPending());
        assertEquals(0, sem.availablePermits(), "the queued waiter took the free permit");
        big.cancel();
        assertEquals(1, sem.availablePermits());
        assertTrue(sem.tryAcquire());
        sem.release();
    }

    @Test
    void closeFailsWaitersAndLaterAcquisitions() {
        Semaphore sem = new Semaphore(0);
        CountingWaker w = new CountingWaker();
        Future<Permit> a = sem.acquire();
        assertTrue(w.poll(a).isPending());
        sem.close();
        assertTrue(w.takeWake());
        assertThrows(SemaphoreClosedException.class, () -> w.poll(a));
        assertThrows(SemaphoreClosedException.class, () -> w.poll(sem.acquire()));
        assertFalse(sem.tryAcquire(0));
        assertTrue(sem.isClosed());
    }

    @Test
    void zeroPermitsAreAlwaysAvailable() {
        Semaphore sem = new Semaphore(0);
        CountingWaker w = new CountingWaker();
        assertEquals(0, w.ready(sem.acquire(0)).count());
        assertTrue(sem.tryAcquire(0));
        assertThrows(IllegalArgumentException.class, () -> sem.acquire(-1));
    }

    @Test
    void blockingAcquireParksUntilReleased() throws Exception {
        Semaphore sem = new Semaphore(0);
        AtomicReference<Permit> got = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                got.set(sem.blockingAcquire(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        waitForState(t); // parked in the queue
        sem.release(1);
        assertEquals(Thread.State.WAITING, waitForState(t));
        sem.release(1);
        t.join(5_000);
        assertEquals(2, got.get().count());
    }

    @Test
    void interruptedBlockingAcquireWithdrawsAndKeepsNoPermit() throws Exception {
        Semaphore sem = new Semaphore(0);
        CountDownLatch done = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                sem.blockingAcquire(2);
            } catch (Throwable e) {
                failure.set(e);
            }
            done.countDown();
        });
        t.start();
        waitForState(t); // parked in the queue
        sem.release(1); // collected by the blocked waiter
        t.interrupt();
        assertTrue(done.await(5, TimeUnit.SECONDS));
        assertTrue(failure.get() instanceof InterruptedException, String.valueOf(failure.get()));
        assertEquals(1, sem.availablePermits(), "the collected permit came back");
    }

    /** Waits (bounded) until {@code t} parks; returns its state. */
    static Thread.State waitForState(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (t.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return t.getState();
    }
}
