package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.DeadlineExceededException;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TestFutures;
import dev.jawait.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskScope semantics: results, policies, deadline, close, spawning after an abort. */
@Timeout(30)
class TaskScopeTest {

    private static AsyncRuntime runtime(List<Throwable> unhandled) {
        return AsyncRuntime.builder().workerThreads(2).unhandledFailureHandler(unhandled::add).build();
    }

    @Test
    void joinAllGivesValuesInSpawnOrderAndJoinNextInCompletionOrder() {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = runtime(unhandled)) {
            try (TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
                TestFutures.Trigger<Integer> a = new TestFutures.Trigger<>();
                TestFutures.Trigger<Integer> b = new TestFutures.Trigger<>();
                TestFutures.Trigger<Integer> c = new TestFutures.Trigger<>();
                JoinHandle<Integer> ha = scope.spawn(a);
                scope.spawn(b);
                scope.spawn(c);
                assertEquals(3, scope.running());
                c.fire(3);
                JoinHandle<Integer> first = rt.blockOn(scope.joinNext());
                assertEquals(3, rt.blockOn(first));
                a.fire(1);
                assertEquals(1, rt.blockOn(rt.blockOn(scope.joinNext())));
                assertEquals(1, rt.blockOn(ha), "the handle spawn returned reads the same value");
                b.fire(2);
                assertEquals(2, rt.blockOn(rt.blockOn(scope.joinNext())));
                assertNull(rt.blockOn(scope.joinNext()), "no child left");
            }
            try (TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
                List<TestFutures.Trigger<Integer>> triggers = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    TestFutures.Trigger<Integer> t = new TestFutures.Trigger<>();
                    triggers.add(t);
                    scope.spawn(t);
                }
                for (int i = 9; i >= 0; i--) {
                    triggers.get(i).fire(i); // finish in reverse
                }
                assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9), rt.blockOn(scope.joinAll()));
                assertEquals(List.of(), rt.blockOn(scope.joinAll()), "joinAll took them");
                assertEquals(0, scope.running());
            }
        }
        assertEquals(List.of(), unhandled);
    }

    @Test
    void aJoinTakesWhatItSawAndLeavesLaterChildrenToJoinNextAndJoinAll() {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>());
                TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
            TestFutures.Trigger<Integer> a = new TestFutures.Trigger<>();
            TestFutures.Trigger<Integer> b = new TestFutures.Trigger<>();
            TestFutures.Trigger<Integer> c = new TestFutures.Trigger<>();
            JoinHandle<Integer> ha = scope.spawn(a);
            scope.spawn(b);
            JoinHandle<Integer> hc = scope.spawn(c);
            c.fire(3);
            assertSame(hc, rt.blockOn(scope.joinNext()));
            b.fire(2);
            a.fire(1);
            assertEquals(List.of(1, 2), rt.blockOn(scope.joinAll()), "spawn order, without what joinNext took");
            TestFutures.Trigger<Integer> d = new TestFutures.Trigger<>();
            JoinHandle<Integer> hd = scope.spawn(d);
            scope.spawn(Future.ready(5));
            d.fire(4);
            rt.blockOn(scope.join());
            assertNull(rt.blockOn(scope.joinNext()), "the join took d and e");
            assertEquals(List.of(), rt.blockOn(scope.joinAll()));
            JoinHandle<Integer> hf = scope.spawn(Future.ready(6));
            assertSame(hf, rt.blockOn(scope.joinNext()), "a child spawned after the join is joinNext's");
            assertNull(rt.blockOn(scope.joinNext()));
            scope.spawn(Future.ready(7));
            scope.spawn(Future.ready(8));
            assertEquals(List.of(7, 8), rt.blockOn(scope.joinAll()));
            assertEquals(1, rt.blockOn(ha), "handles of joined children still read their values");
            assertEquals(3, rt.blockOn(hc));
            assertEquals(4, rt.blockOn(hd));
            assertEquals(6, rt.blockOn(hf));
            assertEquals(0, scope.running());
        }
    }

    @Test
    void joinsRacingSpawnsTakeEveryChildExactlyOnce() throws InterruptedException {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null);
            int threads = 3;
            int each = 3_000;
            List<Thread> spawners = startSpawners(scope, threads, each);
            // Take with joinAll and joinNext in turn while the spawners run: a join races spawns
            // (children it did not count must stay for the next take), joinNext follows a join.
            Set<Integer> seen = new HashSet<>();
            boolean spawnersDone = false;
            for (int round = 0; !spawnersDone || scope.running() > 0 || round % 2 == 1; round++) {
                spawnersDone = spawners.stream().noneMatch(Thread::isAlive);
                if (round % 2 == 0) {
                    for (int v : rt.blockOn(scope.joinAll())) {
                        assertTrue(seen.add(v), "taken twice: " + v);
                    }
                } else {
                    JoinHandle<Integer> h;
                    while ((h = rt.blockOn(scope.joinNext())) != null) {
                        assertTrue(seen.add(rt.blockOn(h)), "taken twice");
                        if (seen.size() % 7 == 0) {
                            break; // leave some for the next joinAll
                        }
                    }
                }
            }
            for (Thread th : spawners) {
                th.join();
            }
            for (int v : rt.blockOn(scope.joinAll())) {
                assertTrue(seen.add(v), "taken twice: " + v);
            }
            assertNull(rt.blockOn(scope.joinNext()));
            assertEquals(threads * each, seen.size(), "every child taken once");
            scope.close();
        }
    }

    @Test
    void collectAllWaitsForEveryChildAndReportsEveryFailure() {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = runtime(unhandled)) {
            IOException first = new IOException("first");
            IllegalStateException second = new IllegalStateException("second");
            AtomicInteger survivorDone = new AtomicInteger();
            try (TaskScope<Object> scope = rt.openScope(TaskScope.Policy.COLLECT_ALL, null)) {
                scope.spawn(Future.failed(first));
                JoinHandle<Object> slow = scope.spawn(Time.sleep(Duration.ofMillis(30)).map(v -> survivorDone.incrementAndGet()));
                TestFutures.Trigger<Object> late = new TestFutures.Trigger<>();
                scope.spawn(late.map(v -> {
                    throw second;
                }));
                Thread firer = new Thread(() -> {
                    // Fire `late` once `first` is counted out (its failure recorded before that),
                    // whether or not the 30 ms sleeper has finished too: running() is read before
                    // slow.isFinished(), so an unfinished sleeper was still counted in that read.
                    try {
                        NestingTestSupport.waitUntil(() -> {
                            int running = scope.running();
                            return late.polls.get() > 0 && running <= (slow.isFinished() ? 1 : 2);
                        });
                    } finally {
                        late.fire(1);   // even if the wait gave up: the join then fails, it does not hang
                    }
                });
                firer.start();
                IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(scope.joinAll()));
                assertSame(first, thrown);
                assertEquals(List.of(second), List.of(thrown.getSuppressed()));
                assertEquals(1, survivorDone.get(), "collect-all lets the others finish");
                assertEquals(1, rt.blockOn(slow));
                assertFalse(scope.isAborted());
                assertSame(first, assertThrows(IOException.class, () -> rt.blockOn(scope.join())),
                        "the outcome stays");
                assertEquals(1, thrown.getSuppressed().length, "suppressed attached once");
            }
        }
        assertEquals(List.of(), unhandled, "delivered by join: nothing unhandled");
    }

    @Test
    void theDeadlineAbortsTheChildrenAndJoinFailsAfterTheirCleanup() {
        // Paused time: an hour's deadline and a day's sleeps take no wall time, and the deadline is
        // checked against the runtime's clock to the millisecond.
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).startPaused(true).build()) {
            AtomicLong openedAt = new AtomicLong();
            AtomicLong failedAt = new AtomicLong();
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            AtomicInteger finallyAtJoin = new AtomicInteger(-1);
            JoinHandle<Void> owner = rt.spawn(new Future<Void>() {
                TaskScope<Object> scope;
                Future<Void> join;

                @Override
                public dev.jawait.Poll<Void> poll(dev.jawait.Context cx) {
                    if (scope == null) {
                        openedAt.set(Time.now());
                        scope = TaskScope.open(TaskScope.Policy.FAIL_FAST, Duration.ofHours(1));
                        for (int i = 0; i < 5; i++) {
                            scope.spawn(new ScopeFutures.WithCleanup<>(Time.sleep(Duration.ofDays(1)),
                                    () -> Time.sleep(Duration.ofMillis(2)), sawCancel, finallyDone));
                        }
                        join = scope.join();
                    }
                    try {
                        return join.poll(cx);
                    } catch (RuntimeException e) {
                        failedAt.set(Time.now());
                        finallyAtJoin.set(finallyDone.get());
                        scope.close();
                        throw e;
                    }
                }
            });
            DeadlineExceededException e = assertThrows(DeadlineExceededException.class, () -> rt.blockOn(owner));
            assertEquals(Duration.ofHours(1), e.deadline());
            long took = failedAt.get() - openedAt.get();
            assertTrue(took >= Duration.ofHours(1).toNanos() && took < Duration.ofHours(1).plusMillis(100).toNanos(),
                    "failed at the deadline plus the 2 ms cleanups, runtime clock: " + Duration.ofNanos(took));
            assertEquals(5, sawCancel.get());
            assertEquals(5, finallyAtJoin.get());
            assertEquals(0, rt.liveTaskCount());
            assertEquals(0, rt.metrics().timersPending(), "the deadline's timer fired, the sleeps were cancelled");
        }
    }

    @Test
    void aDeadlineThatIsNotReachedLeavesNoTimerBehind() {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            try (TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, Duration.ofMinutes(10))) {
                scope.spawn(Future.ready(1));
                assertEquals(List.of(1), rt.blockOn(scope.joinAll()));
                assertEquals(1, rt.metrics().timersPending());
            }
            assertEquals(0, rt.metrics().timersPending(), "close() released the deadline's timer");
        }
    }

    @Test
    void closeAbortsWithoutWaitingRefusesSpawnsAndReportsAnUndeliveredFailure() {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = runtime(unhandled)) {
            IOException failed = new IOException("nobody joined");
            TaskScope<Object> scope = rt.openScope(TaskScope.Policy.COLLECT_ALL, null);
            JoinHandle<Object> failing = scope.spawn(Future.failed(failed));
            TestFutures.Trigger<Object> forever = new TestFutures.Trigger<>();
            JoinHandle<Object> running = scope.spawn(new TestFutures.WithFinally<>(forever));
            NestingTestSupport.waitUntil(() -> failing.isFinished() && forever.polls.get() > 0);
            scope.close();
            assertTrue(scope.isAborted());
            assertThrows(IllegalStateException.class, () -> scope.spawn(Future.ready(1)));
            assertThrows(CancellationException.class, () -> rt.blockOn(running));
            assertTrue(forever.cancelled.get());
            assertEquals(List.of(failed), unhandled, "a failure no join reported is not lost");
            assertThrows(CancellationException.class, () -> rt.blockOn(scope.join()),
                    "join after close: the children are gone, the scope was closed");
            scope.close(); // idempotent
        }
    }

    @Test
    void aChildSpawnedIntoAnAbortedScopeNeverRuns() {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            IOException boom = new IOException("boom");
            try (TaskScope<Object> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
                scope.spawn(Future.failed(boom));
                assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(scope.join())));
                assertTrue(scope.isAborted());
                AtomicInteger polls = new AtomicInteger();
                JoinHandle<Object> late = scope.spawn(cx -> {
                    polls.incrementAndGet();
                    return dev.jawait.Poll.ready(1);
                });
                assertThrows(CancellationException.class, () -> rt.blockOn(late));
                assertEquals(0, polls.get());
            }
        }
    }

    @Test
    void abortingOneChildThroughItsHandleIsNotAFailure() {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            try (TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null)) {
                JoinHandle<Integer> aborted = scope.spawn(new TestFutures.Trigger<>());
                TestFutures.Trigger<Integer> other = new TestFutures.Trigger<>();
                scope.spawn(other);
                aborted.abort();
                other.fire(7);
                rt.blockOn(scope.join()); // does not throw
                assertFalse(scope.isAborted());
                assertThrows(CancellationException.class, () -> rt.blockOn(aborted));
            }
        }
    }

    @Test
    void cancellingTheJoinAbortsTheChildrenAndCompletesAfterThem() {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            TaskScope<Object> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null);
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            for (int i = 0; i < 3; i++) {
                scope.spawn(new ScopeFutures.WithCleanup<>(Time.sleep(Duration.ofMinutes(5)),
                        () -> Time.sleep(Duration.ofMillis(5)), sawCancel, finallyDone));
            }
            // A select whose timer wins cancels the join: the scope's children go, then it completes.
            Future<Object> raced = dev.jawait.Futures.select(scope.join().map(v -> (Object) "joined"),
                    Time.sleep(Duration.ofMillis(10)).map(v -> (Object) "timed out"));
            assertEquals("timed out", rt.blockOn(raced));
            assertEquals(3, finallyDone.get(), "the select drained the join, which waited for every child");
            assertEquals(0, scope.running());
            scope.close();
        }
    }

    /** {@code threads} threads, each spawning {@code each} ready children with values of its own. */
    private static List<Thread> startSpawners(TaskScope<Integer> scope, int threads, int each) {
        List<Thread> spawners = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int base = t * each;
            Thread th = new Thread(() -> {
                for (int i = 0; i < each; i++) {
                    scope.spawn(Future.ready(base + i));
                }
            });
            spawners.add(th);
            th.start();
        }
        return spawners;
    }

    @Test
    void openOutsideARuntimeSaysWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class, TaskScope::open);
        assertTrue(e.getMessage().contains("openScope"), e.getMessage());
    }

    @Test
    void manyThreadsSpawningIntoOneScopeLoseNoChild() throws InterruptedException {
        try (AsyncRuntime rt = runtime(new CopyOnWriteArrayList<>())) {
            TaskScope<Integer> scope = rt.openScope(TaskScope.Policy.FAIL_FAST, null);
            int threads = 4;
            int each = 2_000;
            List<Thread> spawners = startSpawners(scope, threads, each);
            Set<Integer> seen = new HashSet<>();
            int taken = 0;
            while (taken < threads * each) {
                JoinHandle<Integer> h = rt.blockOn(scope.joinNext());
                if (h == null) {
                    continue; // the spawners are not done yet
                }
                assertTrue(seen.add(rt.blockOn(h)));
                taken++;
            }
            for (Thread th : spawners) {
                th.join();
            }
            assertNull(rt.blockOn(scope.joinNext()));
            assertEquals(threads * each, seen.size());
            scope.close();
        }
    }
}
