package dev.jawait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TestFutures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** join / select / race / CompletionStage interop / map / flatMap. */
@Timeout(20)
class FuturesTest {
    private AsyncRuntime rt;

    @BeforeEach
    void start() {
        rt = AsyncRuntime.builder().workerThreads(2).build();
    }

    @AfterEach
    void stop() {
        rt.close();
    }

    @Test
    void joinWaitsForBothAndKeepsOrder() {
        TestFutures.Trigger<String> b = new TestFutures.Trigger<>();
        JoinHandle<Futures.Pair<Integer, String>> h =
                rt.spawn(Futures.join(Task.yieldNow().map(x -> 1), b));
        b.fire("two");
        Futures.Pair<Integer, String> pair = rt.blockOn(h);
        assertEquals(1, pair.first());
        assertEquals("two", pair.second());
        Futures.Triple<Integer, Integer, Integer> t =
                rt.blockOn(Futures.join(Future.ready(1), Future.ready(2), Future.ready(3)));
        assertEquals(new Futures.Triple<>(1, 2, 3), t);
    }

    @Test
    void joinPollsOnlyTheChildThatWasWoken() {
        TestFutures.Trigger<Integer> a = new TestFutures.Trigger<>();
        TestFutures.Trigger<Integer> b = new TestFutures.Trigger<>();
        JoinHandle<Futures.Pair<Integer, Integer>> h = rt.spawn(Futures.join(a, b));
        waitUntil(() -> a.polls.get() == 1 && b.polls.get() == 1);
        a.fire(1);
        waitUntil(() -> a.polls.get() == 2);
        assertEquals(1, b.polls.get(), "b was not woken, so not polled");
        b.fire(2);
        assertEquals(new Futures.Pair<>(1, 2), rt.blockOn(h));
    }

    @Test
    void aFailingChildFailsTheJoinAndCancelsTheOthersAfterTheirFinally() {
        IOException boom = new IOException("boom");
        TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
        TestFutures.Trigger<Integer> plain = new TestFutures.Trigger<>();
        Future<List<Integer>> all = Futures.joinAll(List.of(composite, plain,
                Task.yieldNow().flatMap(x -> Future.<Integer>failed(boom))));
        assertSame(boom, assertThrows(IOException.class, () -> rt.blockOn(rt.spawn(all))));
        assertTrue(composite.finallyRan.get());
        assertTrue(leaf.cancelled.get());
        assertTrue(plain.cancelled.get());
    }

    @Test
    void joinAllOfNothingIsEmptyAndKeepsOrder() {
        assertEquals(List.of(), rt.blockOn(Futures.joinAll(List.<Future<Integer>>of())));
        List<Future<Integer>> fs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int v = i;
            fs.add(i % 2 == 0 ? Future.ready(v) : Task.yieldNow().map(x -> v));
        }
        List<Integer> got = rt.blockOn(rt.spawn(Futures.joinAll(fs)));
        for (int i = 0; i < 50; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void selectTakesTheFirstAndDrainsTheLoserBeforeCompleting() {
        TestFutures.Trigger<String> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<String> loser = new TestFutures.WithFinally<>(leaf);
        Future<String> winner = Task.yieldNow().map(x -> "fast");
        Future<Boolean> checked = Futures.select(loser, winner)
                .map(v -> v.equals("fast") && loser.finallyRan.get());
        assertTrue(rt.blockOn(rt.spawn(checked)), "loser's finally ran before select completed");
        assertTrue(leaf.cancelled.get());
    }

    @Test
    void aFailureCanWinTheRace() {
        IllegalStateException boom = new IllegalStateException("first");
        TestFutures.Trigger<Integer> slow = new TestFutures.Trigger<>();
        Future<Integer> r = Futures.race(List.of(slow, Future.<Integer>failed(boom)));
        assertSame(boom, assertThrows(IllegalStateException.class, () -> rt.blockOn(rt.spawn(r))));
        assertTrue(slow.cancelled.get());
        assertThrows(IllegalArgumentException.class, () -> Futures.race(List.of()));
    }

    @Test
    void abortingATaskRunningAJoinCancelsEveryChild() {
        TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
        TestFutures.Trigger<Integer> other = new TestFutures.Trigger<>();
        JoinHandle<Futures.Pair<Integer, Integer>> h = rt.spawn(Futures.join(composite, other));
        waitUntil(() -> leaf.polls.get() == 1 && other.polls.get() == 1);
        h.abort();
        assertThrows(CancellationException.class, () -> rt.blockOn(h));
        assertTrue(composite.finallyRan.get());
        assertTrue(other.cancelled.get());
    }

    @Test
    void completionStagesBridgeBothWays() throws Exception {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        JoinHandle<Integer> h = rt.spawn(Futures.fromCompletionStage(cf).map(x -> x * 2));
        Thread.sleep(10);
        assertFalse(h.isFinished());
        cf.complete(21);
        assertEquals(42, rt.blockOn(h));

        CompletableFuture<String> viaHandle = rt.spawn(Task.yieldNow().map(x -> "cf")).toCompletableFuture();
        assertEquals("cf", viaHandle.get(5, TimeUnit.SECONDS));
        CompletableFuture<String> viaFutures = Futures.toCompletableFuture(Future.ready("x"), rt);
        assertEquals("x", viaFutures.get(5, TimeUnit.SECONDS));

        IOException boom = new IOException("io");
        CompletableFuture<Object> failed = Futures.toCompletableFuture(Future.failed(boom), rt);
        java.util.concurrent.ExecutionException ee = assertThrows(
                java.util.concurrent.ExecutionException.class, () -> failed.get(5, TimeUnit.SECONDS));
        assertSame(boom, ee.getCause());

        TestFutures.Trigger<Integer> never = new TestFutures.Trigger<>();
        JoinHandle<Integer> running = rt.spawn(never);
        CompletableFuture<Integer> runningCf = running.toCompletableFuture();
        waitUntil(() -> never.polls.get() > 0);
        runningCf.cancel(true);
        waitUntil(running::isFinished);
        assertTrue(never.cancelled.get(), "cancelling the CompletableFuture aborts the task");
    }

    @Test
    void futureToCompletableFutureSpawnsOnTheCurrentRuntime() throws Exception {
        CompletableFuture<Integer> cf = rt.blockOn(cx -> Poll.ready(
                Task.yieldNow().map(x -> 9).toCompletableFuture()));
        assertEquals(9, cf.get(5, TimeUnit.SECONDS));
        assertThrows(IllegalStateException.class, () -> Future.ready(1).toCompletableFuture(),
                "outside a runtime there is nowhere to spawn");
    }

    @Test
    void mapAndFlatMapForwardCancellation() {
        TestFutures.Trigger<Integer> leaf = new TestFutures.Trigger<>();
        TestFutures.WithFinally<Integer> composite = new TestFutures.WithFinally<>(leaf);
        Future<String> chained = Future.ready(1).flatMap(x -> composite).map(String::valueOf);
        JoinHandle<String> h = rt.spawn(chained);
        waitUntil(() -> leaf.polls.get() == 1);
        h.abort();
        assertThrows(CancellationException.class, () -> rt.blockOn(h));
        assertTrue(composite.finallyRan.get());
        assertEquals("3", rt.blockOn(Future.ready(1).flatMap(x -> Future.ready(x + 2)).map(String::valueOf)));
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
