package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.CancellationToken;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TestFutures;
import dev.jawait.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CancellationToken: the flag, the cancelled() future, guard(), children, any thread. */
@Timeout(30)
class CancellationTokenTest {
    private static final Context NOOP = Context.of(() -> { });

    @Test
    void cancelledCompletesOnceCancelledFromAnotherThread() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            CancellationToken token = new CancellationToken();
            List<JoinHandle<Void>> waiters = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                waiters.add(rt.spawn(token.cancelled()));
            }
            assertFalse(token.isCancelled());
            Thread canceller = new Thread(token::cancel);
            canceller.start();
            canceller.join();
            for (JoinHandle<Void> w : waiters) {
                rt.blockOn(w);
            }
            assertTrue(token.isCancelled());
            assertTrue(token.cancelled().poll(NOOP).isReady(), "ready at once when already cancelled");
            token.cancel(); // idempotent
        }
    }

    @Test
    void aChildIsCancelledWithItsParentNeverTheReverse() {
        CancellationToken parent = new CancellationToken();
        CancellationToken child = parent.child();
        CancellationToken grandchild = child.child();
        CancellationToken sibling = parent.child();
        AtomicInteger wakes = new AtomicInteger();
        Future<Void> waitingOnGrandchild = grandchild.cancelled();
        assertTrue(waitingOnGrandchild.poll(Context.of(wakes::incrementAndGet)).isPending());

        child.cancel();
        assertTrue(child.isCancelled());
        assertTrue(grandchild.isCancelled());
        assertFalse(parent.isCancelled(), "never the reverse");
        assertFalse(sibling.isCancelled());
        assertEquals(1, wakes.get(), "the grandchild's waiter was woken by the child's cancel");
        assertTrue(waitingOnGrandchild.poll(NOOP).isReady());

        Future<Void> onSibling = sibling.cancelled();
        assertTrue(onSibling.poll(Context.of(wakes::incrementAndGet)).isPending());
        parent.cancel();
        assertEquals(2, wakes.get());
        assertTrue(onSibling.poll(NOOP).isReady());
        assertTrue(parent.child().isCancelled(), "a child of a cancelled token is born cancelled");
    }

    @Test
    void guardCancelsTheFutureAndFailsWithCancellationWhenTheTokenFiresFirst() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            CancellationToken token = new CancellationToken();
            TestFutures.Trigger<String> slow = new TestFutures.Trigger<>();
            JoinHandle<String> guarded = rt.spawn(token.guard(slow));
            NestingTestSupport.waitUntil(() -> slow.polls.get() > 0);
            token.cancel();
            CancellationException e = assertThrows(CancellationException.class, () -> rt.blockOn(guarded));
            assertTrue(e.getMessage().contains("CancellationToken"), e.getMessage());
            assertTrue(slow.cancelled.get(), "the guarded future was cancelled (its resources released)");

            CancellationToken quiet = new CancellationToken();
            assertEquals("done", rt.blockOn(quiet.guard(Time.sleep(Duration.ofMillis(1)).map(v -> "done"))));
        }
    }

    @Test
    void guardDrainsAFutureThatTakesChargeOfItsCancellation() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            CancellationToken token = new CancellationToken();
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            ScopeFutures.WithCleanup<Void> body = new ScopeFutures.WithCleanup<>(
                    Time.sleep(Duration.ofMinutes(5)), () -> Time.sleep(Duration.ofMillis(5)), sawCancel, finallyDone);
            JoinHandle<Void> guarded = rt.spawn(token.guard(body));
            NestingTestSupport.waitUntil(() -> rt.metrics().timersPending() > 0);
            token.cancel();
            assertThrows(CancellationException.class, () -> rt.blockOn(guarded));
            assertEquals(1, sawCancel.get());
            assertEquals(1, finallyDone.get(), "the guard failed only after the body's finally ran");
        }
    }

    @Test
    void aTokenAlreadyCancelledWinsOverAReadyFutureAndCheckedFailuresStayDeclared() throws Exception {
        CancellationToken token = new CancellationToken();
        token.cancel();
        AtomicInteger polled = new AtomicInteger();
        Future<Integer> ready = cx -> {
            polled.incrementAndGet();
            return Poll.ready(1);
        };
        assertThrows(CancellationException.class, () -> token.guard(ready).poll(NOOP));
        assertEquals(0, polled.get());

        IOException io = new IOException("read failed");
        TryFuture<Integer, IOException> failing = TryFuture.of(Future.failed(io));
        TryFuture<Integer, IOException> guarded = new CancellationToken().guard(failing);
        assertSame(io, assertThrows(IOException.class, () -> guarded.poll(NOOP)));
    }

    @Test
    void finishedWaitersLeaveTheTokenSoALongLivedTokenDoesNotGrow() throws Exception {
        CancellationToken longLived = new CancellationToken();
        java.lang.reflect.Field head = CancellationToken.class.getDeclaredField("head");
        head.setAccessible(true);
        for (int i = 0; i < 1_000; i++) {
            CancellationToken perRequest = longLived.child();
            Future<Integer> g = perRequest.guard(new TestFutures.Trigger<>());
            assertTrue(g.poll(NOOP).isPending()); // registered with the child and the parent
            assertTrue(head.get(longLived) != null);
            assertFalse(g.cancel());              // the request went away
            Future<Void> c = longLived.cancelled();
            assertTrue(c.poll(NOOP).isPending());
            c.cancel();
        }
        assertEquals(null, head.get(longLived), "nothing left registered with the long-lived token");
    }
}
