package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class NotifyTest {

    @Test
    void notifyOneWithNobodyWaitingStoresOnePermit() {
        Notify n = new Notify();
        CountingWaker w = new CountingWaker();
        n.notifyOne();
        n.notifyOne(); // still one permit
        assertTrue(w.poll(n.notified()).isReady());
        assertTrue(w.poll(n.notified()).isPending());
    }

    @Test
    void notifyOneWakesTheLongestWaiterOnly() {
        Notify n = new Notify();
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        wa.poll(a);
        wb.poll(b);
        n.notifyOne();
        assertTrue(wa.takeWake());
        assertEquals(0, wb.wakes());
        assertTrue(wa.poll(a).isReady());
        assertTrue(wb.poll(b).isPending());
    }

    @Test
    void notifyWaitersWakesEveryFutureCreatedBeforeAndStoresNothing() {
        Notify n = new Notify();
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Void> polled = n.notified();
        Future<Void> notYetPolled = n.notified();
        assertTrue(wa.poll(polled).isPending());
        n.notifyWaiters();
        assertTrue(wa.takeWake());
        assertTrue(wa.poll(polled).isReady());
        assertTrue(wb.poll(notYetPolled).isReady(), "created before notifyWaiters");
        assertTrue(wb.poll(n.notified()).isPending(), "no permit stored");
    }

    @Test
    void cancelledChosenWaiterPassesTheNotificationOn() {
        Notify n = new Notify();
        CountingWaker wa = new CountingWaker();
        CountingWaker wb = new CountingWaker();
        Future<Void> a = n.notified();
        Future<Void> b = n.notified();
        wa.poll(a);
        wb.poll(b);
        n.notifyOne();
        a.cancel();
        assertTrue(wb.takeWake());
        assertTrue(wb.poll(b).isReady());

        Future<Void> c = n.notified();
        wa.poll(c);
        n.notifyOne();
        c.cancel(); // nobody else waits: the permit is stored again
        assertTrue(wa.poll(n.notified()).isReady());
    }

    @Test
    void blockingNotifiedReturnsWhenNotified() throws Exception {
        Notify n = new Notify();
        AtomicBoolean done = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                n.blockingNotified();
                done.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        SemaphoreTest.waitForState(t);
        n.notifyOne();
        t.join(5_000);
        assertTrue(done.get());
    }
}
