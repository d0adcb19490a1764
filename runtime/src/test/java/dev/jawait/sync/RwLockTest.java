package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RwLockTest {

    @Test
    void readersShareAndWritersExclude() {
        RwLock<String> lock = new RwLock<>("v1");
        RwLockReadGuard<String> r1 = lock.tryRead();
        RwLockReadGuard<String> r2 = lock.tryRead();
        assertNotNull(r1);
        assertNotNull(r2);
        assertEquals("v1", r2.get());
        assertNull(lock.tryWrite());
        r1.close();
        assertNull(lock.tryWrite());
        r2.close();
        try (RwLockWriteGuard<String> w = lock.tryWrite()) {
            assertNotNull(w);
            assertNull(lock.tryRead());
            w.set("v2");
        }
        try (RwLockReadGuard<String> r = lock.tryRead()) {
            assertEquals("v2", r.get());
        }
    }

    @Test
    void waitingWriterHoldsBackLaterReadersAndGetsInFirst() {
        RwLock<Integer> lock = new RwLock<>(0);
        CountingWaker ww = new CountingWaker();
        CountingWaker wr = new CountingWaker();
        RwLockReadGuard<Integer> reader = lock.tryRead();
        Future<RwLockWriteGuard<Integer>> writer = lock.write();
        assertTrue(ww.poll(writer).isPending());
        assertNull(lock.tryRead(), "a reader must not overtake the waiting writer");
        Future<RwLockReadGuard<Integer>> lateReader = lock.read();
        assertTrue(wr.poll(lateReader).isPending());

        reader.close();
        assertTrue(ww.takeWake());
        assertEquals(0, wr.wakes());
        try (RwLockWriteGuard<Integer> w = ww.ready(writer)) {
            w.set(7);
        }
        assertTrue(wr.takeWake());
        try (RwLockReadGuard<Integer> r = wr.ready(lateReader)) {
            assertEquals(7, r.get());
        }
        assertNotNull(lock.tryWrite());
    }

    @Test
    void cancelledWriterLetsQueuedReadersIn() {
        RwLock<Integer> lock = new RwLock<>(0);
        CountingWaker ww = new CountingWaker();
        CountingWaker wr = new CountingWaker();
        RwLockReadGuard<Integer> reader = lock.tryRead();
        Future<RwLockWriteGuard<Integer>> writer = lock.write();
        ww.poll(writer);
        Future<RwLockReadGuard<Integer>> queuedReader = lock.read();
        assertTrue(wr.poll(queuedReader).isPending());
        writer.cancel(); // it had collected every free permit but one
        assertTrue(wr.takeWake());
        wr.ready(queuedReader).close();
        reader.close();
        assertNotNull(lock.tryWrite(), "all permits are back");
    }

    @Test
    void blockingWriteWaitsForReaders() throws Exception {
        RwLock<Integer> lock = new RwLock<>(1);
        RwLockReadGuard<Integer> reader = lock.blockingRead();
        Thread t = new Thread(() -> {
            try (RwLockWriteGuard<Integer> w = lock.blockingWrite()) {
                w.set(w.get() + 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        assertEquals(Thread.State.WAITING, SemaphoreTest.waitForState(t));
        assertEquals(1, reader.get());
        reader.close();
        t.join(5_000);
        assertEquals(2, lock.blockingRead().get());
    }
}
