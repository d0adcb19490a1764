package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.TryFuture;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class WatchTest {

    @Test
    void changedWaitsForANewerValueAndMarksItSeen() throws Exception {
        Watch<String> watch = Watch.channel("v0");
        WatchReceiver<String> rx = watch.receiver();
        CountingWaker w = new CountingWaker();
        assertEquals("v0", rx.borrow());
        assertFalse(rx.hasChanged());
        TryFuture<Void, ChannelClosedException> changed = rx.changed();
        assertTrue(w.poll(changed).isPending());
        watch.sender().send("v1");
        watch.sender().send("v2");
        assertTrue(w.takeWake());
        w.ready(changed);
        assertEquals("v2", rx.borrow(), "only the latest value is kept");
        assertTrue(w.poll(rx.changed()).isPending(), "v2 was marked seen");
    }

    @Test
    void everyReceiverIsWoken() throws Exception {
        Watch<Integer> watch = Watch.channel(0);
        List<WatchReceiver<Integer>> receivers = new ArrayList<>();
        List<CountingWaker> wakers = new ArrayList<>();
        List<TryFuture<Void, ChannelClosedException>> futures = new ArrayList<>();
        receivers.add(watch.receiver());
        receivers.add(watch.sender().subscribe());
        receivers.add(watch.receiver().clone());
        for (WatchReceiver<Integer> r : receivers) {
            CountingWaker w = new CountingWaker();
            TryFuture<Void, ChannelClosedException> f = r.changed();
            assertTrue(w.poll(f).isPending());
            wakers.add(w);
            futures.add(f);
        }
        watch.sender().send(1);
        for (int i = 0; i < 3; i++) {
            assertTrue(wakers.get(i).takeWake());
            wakers.get(i).ready(futures.get(i));
            assertEquals(1, receivers.get(i).borrowAndUpdate());
        }
    }

    @Test
    void closedSenderFailsChangedOnceCaughtUp() throws Exception {
        Watch<Integer> watch = Watch.channel(0);
        WatchReceiver<Integer> rx = watch.receiver();
        CountingWaker w = new CountingWaker();
        watch.sender().send(1);
        TryFuture<Void, ChannelClosedException> pending = watch.sender().subscribe().changed();
        assertTrue(w.poll(pending).isPending());
        watch.sender().close();
        assertTrue(w.takeWake());
        assertThrows(ChannelClosedException.class, () -> w.poll(pending));
        w.ready(rx.changed()); // value 1 was still unseen
        assertThrows(ChannelClosedException.class, () -> w.poll(rx.changed()));
        assertEquals(1, rx.borrow());
    }

    @Test
    void blockingChangedFromAPlainThread() throws Exception {
        Watch<Integer> watch = Watch.channel(0);
        WatchReceiver<Integer> rx = watch.receiver();
        int[] seen = new int[1];
        Thread t = new Thread(() -> {
            try {
                rx.blockingChanged();
                seen[0] = rx.borrowAndUpdate();
            } catch (Exception e) {
                seen[0] = -1;
            }
        });
        t.start();
        SemaphoreTest.waitForState(t);
        watch.sender().send(9);
        t.join(5_000);
        assertEquals(9, seen[0]);
    }

    @Test
    void sendFailsWhenEveryReceiverIsGoneAndLeavesTheValue() throws Exception {
        Watch<String> watch = Watch.channel("v0");
        WatchReceiver<String> second = watch.sender().subscribe();
        watch.receiver().close();
        watch.sender().send("v1"); // one receiver left
        assertEquals(1, watch.sender().receiverCount());
        second.close();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> watch.sender().send("v2"));
        assertEquals("v2", e.unsent());
        assertEquals("v1", watch.sender().borrow(), "a refused value is not stored");

        assertEquals("v1", watch.sender().sendReplace("v3"), "sendReplace stores it anyway");
        WatchReceiver<String> late = watch.sender().subscribe();
        assertEquals("v3", late.borrow());
        assertFalse(late.hasChanged(), "a new receiver counts the current value as seen");
        CountingWaker w = new CountingWaker();
        TryFuture<Void, ChannelClosedException> changed = late.changed();
        assertTrue(w.poll(changed).isPending());
        watch.sender().send("v4"); // watched again
        assertTrue(w.takeWake());
        w.ready(changed);
        assertEquals("v4", late.borrowAndUpdate());
    }
}
