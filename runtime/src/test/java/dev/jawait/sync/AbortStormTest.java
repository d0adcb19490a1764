package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Waiters cancelled at random moments (queued, or just handed what they waited for) while others
 * proceed: permits, locks and notifications are all conserved and nobody hangs.
 */
@Timeout(30)
class AbortStormTest {

    @Test
    void semaphorePermitsAreConservedUnderRandomCancellation() throws Exception {
        int permits = 3;
        Semaphore sem = new Semaphore(permits);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger cancelled = new AtomicInteger();
        List<Runnable> bodies = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            bodies.add(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                // 1,500 each, and on (bounded) until an acquisition was cancelled: a thread the
                // machine runs alone always finds its permits free, never waits, and so is never
                // cancelled; the threads that go on overlap and wait for each other.
                for (int i = 0; i < 1_500 || (cancelled.get() == 0 && i < 1_000_000); i++) {
                    int n = 1 + rnd.nextInt(permits);
                    Object r = Storm.driveOrCancel(sem.acquire(n), 0.3, 40);
                    if (r == Storm.CANCELLED) {
                        cancelled.incrementAndGet();
                        continue;
                    }
                    Permit p = (Permit) r;
                    if (inUse.addAndGet(n) > permits) {
                        overLimit.incrementAndGet();
                    }
                    granted.incrementAndGet();
                    if (rnd.nextInt(4) == 0) {
                        Thread.yield();
                    }
                    inUse.addAndGet(-n);
                    p.close();
                }
            });
        }
        Storm.runThreads(bodies, 25_000);
        assertEquals(0, overLimit.get(), "more permits in use than exist");
        assertTrue(cancelled.get() > 0 && granted.get() > 0);
        assertEquals(permits, sem.availablePermits(), "every permit came back");
        assertTrue(sem.tryAcquire(permits));
    }

    @Test
    void mutexIsNeverLeftHeldOrDoubleHeldUnderRandomCancellation() throws Exception {
        Mutex<long[]> m = new Mutex<>(new long[1]);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        AtomicLong increments = new AtomicLong();
        List<Runnable> bodies = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            bodies.add(() -> {
                for (int i = 0; i < 2_000; i++) {
                    Object r = Storm.driveOrCancel(m.lock(), 0.3, 30);
                    if (r == Storm.CANCELLED) {
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    MutexGuard<long[]> g = (MutexGuard<long[]>) r;
                    try (g) {
                        if (inside.incrementAndGet() != 1) {
                            violations.incrementAndGet();
                        }
                        g.get()[0]++;
                        increments.incrementAndGet();
                        inside.decrementAndGet();
                    }
                }
            });
        }
        Storm.runThreads(bodies, 25_000);
        assertEquals(0, violations.get(), "two holders at once");
        assertFalse(m.isLocked(), "the lock was left held");
        try (MutexGuard<long[]> g = m.tryLock()) {
            assertEquals(increments.get(), g.get()[0]);
        }
    }

    @Test
    void rwLockConservesAccessUnderRandomCancellation() throws Exception {
        RwLock<int[]> lock = new RwLock<>(new int[1]);
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        List<Runnable> bodies = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            boolean writer = t % 3 == 0;
            bodies.add(() -> {
                for (int i = 0; i < 1_500; i++) {
                    Object r = Storm.driveOrCancel(writer ? lock.write() : lock.read(), 0.3, 30);
                    if (r == Storm.CANCELLED) {
                        continue;
                    }
                    if (writer) {
                        try (RwLockWriteGuard<?> g = (RwLockWriteGuard<?>) r) {
                            if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            writers.decrementAndGet();
                        }
                    } else {
                        try (RwLockReadGuard<?> g = (RwLockReadGuard<?>) r) {
                            readers.incrementAndGet();
                            if (writers.get() != 0) {
                                violations.incrementAndGet();
                            }
                            readers.decrementAndGet();
                        }
                    }
                }
            });
        }
        Storm.runThreads(bodies, 25_000);
        assertEquals(0, violations.get());
        assertTrue(lock.tryWrite() != null, "all access returned");
    }

    @Test
    void notifyOneIsNeverLostWhenChosenWaitersAreCancelled() throws Exception {
        Notify notify = new Notify();
        Semaphore ack = new Semaphore(0);
        int rounds = 2_000;
        AtomicInteger completions = new AtomicInteger();
        AtomicInteger cancelledWaits = new AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        List<Runnable> bodies = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            bodies.add(() -> {
                while (!stop.get()) {
                    Object r = Storm.driveOrCancel(notify.notified(), 0.4, 30);
                    if (r == Storm.CANCELLED) {
                        cancelledWaits.incrementAndGet();
                        continue;
                    }
                    if (stop.get()) {
                        return;
                    }
                    completions.incrementAndGet();
                    ack.release();
                }
            });
        }
        bodies.add(() -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    notify.notifyOne();
                    // a lost notification would leave this waiting for good (the test times out)
                    ack.blockingAcquire().forget();
                }
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            } finally {
                stop.set(true);
                notify.notifyWaiters();
            }
        });
        Storm.runThreads(bodies, 25_000);
        assertEquals(rounds, completions.get(), "each notifyOne completed exactly one waiter");
        assertTrue(cancelledWaits.get() > 0);
    }

    @Test
    void broadcastReceiversCancelledAtRandomSeeEveryMessageOrAreToldTheyMissedIt() throws Exception {
        int messages = 20_000;
        int receivers = 4;
        Broadcast<Integer> bus = Broadcast.channel(8); // small: receivers lag now and then
        List<BroadcastReceiver<Integer>> subscribed = new ArrayList<>();
        subscribed.add(bus.receiver());
        for (int r = 1; r < receivers; r++) {
            subscribed.add(bus.sender().subscribe());
        }
        AtomicLong totalMissed = new AtomicLong();
        AtomicInteger cancelled = new AtomicInteger();
        List<Runnable> bodies = new ArrayList<>();
        for (BroadcastReceiver<Integer> rx : subscribed) {
            bodies.add(() -> {
                long expected = 0;
                long received = 0;
                long missed = 0;
                for (;;) {
                    Object r;
                    try {
                        r = Storm.driveOrCancel(rx.recv(), 0.3, 30);
                    } catch (Exception e) { // poll rethrows the checked LaggedException as is
                        if (!(e instanceof LaggedException)) {
                            throw new AssertionError(e);
                        }
                        long gap = ((LaggedException) e).missed();
                        assertTrue(gap > 0, "a lag of " + gap);
                        expected += gap;
                        missed += gap;
                        continue;
                    }
                    if (r == Storm.CANCELLED) {
                        cancelled.incrementAndGet();
                        continue;
                    }
                    @SuppressWarnings("unchecked")
                    java.util.Optional<Integer> m = (java.util.Optional<Integer>) r;
                    if (m.isEmpty()) {
                        break;
                    }
                    assertEquals(expected, (long) m.get(), "lost silently, duplicated or reordered");
                    expected++;
                    received++;
                }
                assertEquals(messages, received + missed, "every message was received or reported missed");
                totalMissed.addAndGet(missed);
            });
        }
        bodies.add(() -> {
            try (BroadcastSender<Integer> tx = bus.sender()) {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < messages; i++) {
                    assertEquals(receivers, tx.send(i));
                    if (rnd.nextInt(64) == 0) {
                        Thread.yield();
                    }
                }
            } catch (ChannelClosedException e) {
                throw new AssertionError("every receiver is subscribed", e);
            }
        });
        Storm.runThreads(bodies, 25_000);
        assertTrue(cancelled.get() > 0, "the storm cancelled some receives");
        assertTrue(totalMissed.get() < (long) messages * receivers, "most messages were received");
    }

    @Test
    void fastPathRaceKeepsTheCountExact() throws Exception {
        int permits = 5;
        Semaphore sem = new Semaphore(permits);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        List<Runnable> bodies = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int id = t;
            bodies.add(() -> {
                ThreadLocalRandom rnd = ThreadLocalRandom.current();
                for (int i = 0; i < 30_000; i++) {
                    int n = 1 + rnd.nextInt(2);
                    boolean got;
                    Permit p = null;
                    if (id % 4 == 0 && rnd.nextInt(8) == 0) {
                        try {
                            p = sem.blockingAcquire(n); // mixes in the queued path
                        } catch (InterruptedException e) {
                            throw new AssertionError(e);
                        }
                        got = true;
                    } else {
                        got = sem.tryAcquire(n);
                    }
                    if (got) {
                        if (inUse.addAndGet(n) > permits) {
                            overLimit.incrementAndGet();
                        }
                        inUse.addAndGet(-n);
                        if (p != null) {
                            p.close();
                        } else {
                            sem.release(n);
                        }
                    }
                }
            });
        }
        Storm.runThreads(bodies, 25_000);
        assertEquals(0, overLimit.get());
        assertEquals(permits, sem.availablePermits());
    }
}
