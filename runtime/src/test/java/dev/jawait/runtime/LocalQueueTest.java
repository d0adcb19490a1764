package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The lock-free local run queue: FIFO for its owner, overflow, and every item taken once. */
@Timeout(60)
class LocalQueueTest {

    private static List<TaskCell<?>> tasks(int n) {
        List<TaskCell<?>> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(new TaskCell<>(Future.ready(i), null));
        }
        return list;
    }

    @Test
    void ownerPushesAndPopsInFifoOrder() {
        LocalQueue q = new LocalQueue();
        InjectQueue inject = new InjectQueue();
        List<TaskCell<?>> ts = tasks(10);
        for (TaskCell<?> t : ts) {
            q.pushBack(t, inject);
        }
        assertEquals(10, q.size());
        for (TaskCell<?> t : ts) {
            assertSame(t, q.pop());
        }
        assertNull(q.pop());
        assertTrue(q.isEmpty());
        assertTrue(inject.isEmpty());
    }

    @Test
    void aFullQueueMovesHalfToTheInjectQueueInOrder() {
        LocalQueue q = new LocalQueue();
        InjectQueue inject = new InjectQueue();
        List<TaskCell<?>> ts = tasks(LocalQueue.CAPACITY + 1);
        for (TaskCell<?> t : ts) {
            q.pushBack(t, inject);
        }
        int half = LocalQueue.CAPACITY / 2;
        assertEquals(half + 1, inject.size());
        for (int i = 0; i < half; i++) {
            assertSame(ts.get(i), inject.pop());
        }
        assertSame(ts.get(LocalQueue.CAPACITY), inject.pop());
        for (int i = half; i < LocalQueue.CAPACITY; i++) {
            assertSame(ts.get(i), q.pop());
        }
        assertNull(q.pop());
    }

    @Test
    void stealTakesHalfAndReturnsOne() {
        LocalQueue victim = new LocalQueue();
        LocalQueue thief = new LocalQueue();
        InjectQueue inject = new InjectQueue();
        List<TaskCell<?>> ts = tasks(10);
        for (TaskCell<?> t : ts) {
            victim.pushBack(t, inject);
        }
        TaskCell<?> got = victim.stealInto(thief);
        assertSame(ts.get(4), got);
        assertEquals(4, thief.size());
        assertEquals(5, victim.size());
        for (int i = 0; i < 4; i++) {
            assertSame(ts.get(i), thief.pop());
        }
        for (int i = 5; i < 10; i++) {
            assertSame(ts.get(i), victim.pop());
        }
    }

    @RepeatedTest(3)
    void ownerAgainstThreeStealersTakesEveryItemExactlyOnce() throws Exception {
        int n = 200_000;
        List<TaskCell<?>> ts = tasks(n);
        Map<TaskCell<?>, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(ts.get(i), i);
        }
        AtomicIntegerArray taken = new AtomicIntegerArray(n);
        LocalQueue owner = new LocalQueue();
        InjectQueue inject = new InjectQueue();
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Throwable> error = new AtomicReference<>();
        int stealers = 3;
        CyclicBarrier start = new CyclicBarrier(stealers + 1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < stealers; s++) {
            Thread th = new Thread(() -> {
                LocalQueue mine = new LocalQueue();
                try {
                    start.await();
                    while (!done.get() || !owner.isEmpty()) {
                        TaskCell<?> t = owner.stealInto(mine);
                        if (t != null) {
                            taken.incrementAndGet(index.get(t));
                        }
                        for (TaskCell<?> m = mine.pop(); m != null; m = mine.pop()) {
                            taken.incrementAndGet(index.get(m));
                        }
                    }
                } catch (Throwable e) {
                    error.set(e);
                }
            });
            th.start();
            threads.add(th);
        }
        start.await();
        int next = 0;
        while (next < n) {
            int burst = 1 + (next % 7);
            for (int i = 0; i < burst && next < n; i++) {
                owner.pushBack(ts.get(next++), inject);
            }
            if (next % 3 == 0) {
                TaskCell<?> t = owner.pop();
                if (t != null) {
                    taken.incrementAndGet(index.get(t));
                }
            }
        }
        for (TaskCell<?> t = owner.pop(); t != null; t = owner.pop()) {
            taken.incrementAndGet(index.get(t));
        }
        done.set(true);
        for (Thread th : threads) {
            th.join();
        }
        for (TaskCell<?> t = inject.pop(); t != null; t = inject.pop()) {
            taken.incrementAndGet(index.get(t));
        }
        if (error.get() != null) {
            throw new AssertionError(error.get());
        }
        for (int i = 0; i < n; i++) {
            assertEquals(1, taken.get(i), "item " + i + " taken " + taken.get(i) + " times");
        }
    }
}
