package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task state machine on its own, with a scheduler that only counts: exact numbers of
 * schedulings under concurrent wakes and aborts.
 */
@Timeout(60)
class TaskCellTest {

    /** Counts schedule calls instead of running anything. */
    static final class CountingScheduler extends Scheduler {
        final AtomicInteger woken = new AtomicInteger();
        final AtomicInteger yielded = new AtomicInteger();

        CountingScheduler() {
            super(null, new TaskRegistry(1));
        }

        @Override
        void schedule(TaskCell<?> task, boolean yieldedNow) {
            (yieldedNow ? yielded : woken).incrementAndGet();
        }
    }

    private static final Future<Integer> NEVER = cx -> Poll.pending();

    /** Runs {@code actions} on as many threads, released together. */
    private static void together(List<Runnable> actions) throws Exception {
        CyclicBarrier start = new CyclicBarrier(actions.size());
        List<Thread> threads = new ArrayList<>();
        for (Runnable a : actions) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                a.run();
            });
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Test
    void concurrentWakesOfAnIdleTaskScheduleItExactlyOnce() throws Exception {
        for (int round = 0; round < 1_000; round++) {
            CountingScheduler s = new CountingScheduler();
            TaskCell<Integer> t = new TaskCell<>(NEVER, s);
            t.run(); // first poll: pending, now idle
            assertEquals(0, s.woken.get() + s.yielded.get());
            List<Runnable> wakers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                wakers.add(() -> {
                    for (int k = 0; k < 50; k++) {
                        t.wake();
                    }
                });
            }
            together(wakers);
            assertEquals(1, s.woken.get(), "round " + round);
            t.run(); // the one scheduled run
            t.wake();
            assertEquals(2, s.woken.get(), "idle again after the run: a new wake schedules again");
        }
    }

    @Test
    void wakesDuringAPollRescheduleOnceAsAYield() {
        CountingScheduler s = new CountingScheduler();
        AtomicInteger polls = new AtomicInteger();
        TaskCell<?>[] self = new TaskCell<?>[1];
        TaskCell<Integer> t = new TaskCell<>(cx -> {
            polls.incrementAndGet();
            for (int i = 0; i < 10; i++) {
                self[0].wake();
            }
            return Poll.pending();
        }, s);
        self[0] = t;
        t.run();
        assertEquals(1, polls.get());
        assertEquals(0, s.woken.get());
        assertEquals(1, s.yielded.get());
        t.run();
        assertEquals(2, polls.get());
        assertEquals(2, s.yielded.get());
    }

    @Test
    void abortRacingWakesSchedulesOnceAndCancelsOnce() throws Exception {
        for (int round = 0; round < 1_000; round++) {
            CountingScheduler s = new CountingScheduler();
            AtomicInteger cancels = new AtomicInteger();
            TaskCell<Integer> t = new TaskCell<>(new Future<Integer>() {
                @Override
                public Poll<Integer> poll(Context cx) {
                    return Poll.pending();
                }

                @Override
                public boolean cancel() {
                    cancels.incrementAndGet();
                    return false;
                }
            }, s);
            t.run();
            together(List.of(t::abort, t::wake, t::abort, t::wake));
            assertEquals(1, s.woken.get(), "round " + round);
            t.run();
            assertEquals(1, cancels.get());
            assertTrue(t.isFinished());
            assertThrows(CancellationException.class, () -> t.poll(Context.of(() -> {})));
            t.wake();
            t.abort();
            assertEquals(1, s.woken.get(), "a complete task is never scheduled again");
        }
    }

    @Test
    void aCompositeThatTakesChargeOfCancellationIsPolledToTheEnd() {
        CountingScheduler s = new CountingScheduler();
        TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
        TaskCell<Integer> t = new TaskCell<>(composite, s);
        t.run();
        t.abort();
        t.run(); // cancel() returned true, then the poll runs the finally and throws
        assertTrue(composite.finallyRan.get());
        assertTrue(leaf.cancelled.get());
        assertTrue(t.isFinished());
        assertThrows(CancellationException.class, () -> t.poll(Context.of(() -> {})));
    }

    @Test
    void abortWinsOverAValueReturnedInTheSamePoll() {
        CountingScheduler s = new CountingScheduler();
        TaskCell<?>[] self = new TaskCell<?>[1];
        TaskCell<Integer> t = new TaskCell<>(cx -> {
            self[0].abort(); // abort arrives while the poll is running...
            return Poll.ready(1); // ...and the future then completes with a value
        }, s);
        self[0] = t;
        t.run();
        assertTrue(t.isFinished());
        assertThrows(CancellationException.class, () -> t.poll(Context.of(() -> {})));
    }
}
