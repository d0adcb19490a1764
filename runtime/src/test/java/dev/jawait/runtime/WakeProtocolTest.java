package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The task wake/poll protocol: exact poll counts for wakes before, during and after polls. */
@Timeout(30)
class WakeProtocolTest {

    /** Pending until {@code readyAfter} polls happened; keeps the last waker. */
    static final class Counting implements Future<Integer> {
        final AtomicInteger polls = new AtomicInteger();
        final AtomicReference<Waker> waker = new AtomicReference<>();
        final int readyAfter;

        Counting(int readyAfter) {
            this.readyAfter = readyAfter;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            int n = polls.incrementAndGet();
            waker.set(cx.waker());
            return n >= readyAfter ? Poll.ready(n) : Poll.pending();
        }
    }

    @Test
    void manyWakesBeforeThePollScheduleItOnce() {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            Counting f = new Counting(2);
            JoinHandle<Integer> h = rt.spawn(f);
            rt.blockOn(Task.yieldNow()); // runs the queue once: first poll, pending
            assertEquals(1, f.polls.get());
            Waker w = f.waker.get();
            for (int i = 0; i < 100; i++) {
                w.wake(); // from outside the runtime: queued once
            }
            assertEquals(1, f.polls.get(), "waking does not poll inline");
            rt.blockOn(Task.yieldNow());
            assertEquals(2, f.polls.get(), "100 wakes -> exactly one more poll");
            assertTrue(h.isFinished());
            for (int i = 0; i < 10; i++) {
                w.wake(); // after completion: ignored
            }
            rt.blockOn(Task.yieldNow());
            assertEquals(2, f.polls.get());
            assertEquals(2, rt.blockOn(h));
        }
    }

    @Test
    void wakesDuringAPollCauseExactlyOneMorePoll() {
        AtomicInteger polls = new AtomicInteger();
        Future<String> f = cx -> {
            int n = polls.incrementAndGet();
            if (n == 1) {
                for (int i = 0; i < 5; i++) {
                    cx.waker().wake();
                }
                return Poll.pending();
            }
            return Poll.ready("done");
        };
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            assertEquals("done", rt.blockOn(rt.spawn(f)));
        }
        assertEquals(2, polls.get());
    }

    @Test
    void concurrentWakesDuringAPollCollapseIntoOneRepoll() throws Exception {
        CountDownLatch inPoll = new CountDownLatch(1);
        CountDownLatch wakersDone = new CountDownLatch(8);
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<Waker> waker = new AtomicReference<>();
        Future<Integer> f = cx -> {
            int n = polls.incrementAndGet();
            if (n == 1) {
                waker.set(cx.waker());
                inPoll.countDown();
                try {
                    assertTrue(wakersDone.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
                return Poll.pending();
            }
            return Poll.ready(n);
        };
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            JoinHandle<Integer> h = rt.spawn(f);
            assertTrue(inPoll.await(10, TimeUnit.SECONDS));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < 1000; i++) {
                        waker.get().wake();
                    }
                    wakersDone.countDown();
                });
                th.start();
                threads.add(th);
            }
            assertEquals(2, rt.blockOn(h));
            for (Thread th : threads) {
                th.join();
            }
        }
        assertEquals(2, polls.get(), "8000 wakes during one poll -> exactly one more poll");
    }

    @Test
    void concurrentWakesNeverPollTwiceAtOnceAndAreNeverLost() throws Exception {
        AtomicBoolean polling = new AtomicBoolean();
        AtomicBoolean overlap = new AtomicBoolean();
        AtomicBoolean released = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        AtomicReference<Waker> waker = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        Future<Integer> f = cx -> {
            if (!polling.compareAndSet(false, true)) {
                overlap.set(true);
            }
            try {
                polls.incrementAndGet();
                waker.set(cx.waker());
                registered.countDown();
                return released.get() ? Poll.ready(polls.get()) : Poll.pending();
            } finally {
                polling.set(false);
            }
        };
        int threadsCount = 8;
        int wakesEach = 20_000;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(4).build()) {
            JoinHandle<Integer> h = rt.spawn(f);
            assertTrue(registered.await(10, TimeUnit.SECONDS));
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < threadsCount; t++) {
                Thread th = new Thread(() -> {
                    for (int i = 0; i < wakesEach; i++) {
                        waker.get().wake();
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            released.set(true);
            waker.get().wake();
            int total = rt.blockOn(h);
            assertTrue(total >= 2 && total <= threadsCount * wakesEach + 2, "polls " + total);
        }
        assertFalse(overlap.get(), "a task was polled by two threads at once");
    }

    @Test
    void yieldNowIsPendingOnceThenReadyAndLetsOthersRun() {
        List<String> order = new ArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            Future<Void> first = new Future<>() {
                final Future<Void> yield = Task.yieldNow();
                boolean started;

                @Override
                public Poll<Void> poll(Context cx) {
                    if (!started) {
                        started = true;
                        order.add("a1");
                    }
                    if (yield.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    order.add("a2");
                    return Poll.ready(null);
                }
            };
            Future<Void> second = cx -> {
                order.add("b");
                return Poll.ready(null);
            };
            JoinHandle<Void> a = rt.spawn(first);
            JoinHandle<Void> b = rt.spawn(second);
            rt.blockOn(a);
            rt.blockOn(b);
        }
        assertEquals(List.of("a1", "b", "a2"), order);
    }
}
