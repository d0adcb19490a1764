package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 20's fail-fast case: 1,000 children, one fails after 10 ms; the other 999 are aborted,
 * see CancellationException at their await, run their (awaiting) finally blocks, and only then
 * does join() rethrow the failure; the live-task count is back where it was.
 */
@Timeout(60)
class TaskScopeFailFastTest {

    @Test
    void oneFailureAbortsTheOther999AndJoinWaitsForTheirFinallyBlocks() {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2)
                .unhandledFailureHandler(unhandled::add).build()) {
            int baseline = rt.liveTaskCount();
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            AtomicInteger finallyDoneAtJoin = new AtomicInteger(-1);
            IOException boom = new IOException("boom");
            JoinHandle<Void> owner = rt.spawn(new ScopeFutures.OpenFillJoin(TaskScope.Policy.FAIL_FAST, scope -> {
                for (int i = 0; i < 999; i++) {
                    scope.spawn(new ScopeFutures.WithCleanup<>(Time.sleep(Duration.ofMinutes(5)),
                            () -> Time.sleep(Duration.ofMillis(2)), sawCancel, finallyDone));
                }
                scope.spawn(Time.sleep(Duration.ofMillis(10)).map(v -> {
                    throw Failures.sneaky(boom);
                }));
            }, failure -> finallyDoneAtJoin.set(finallyDone.get())));

            IOException thrown = assertThrows(IOException.class, () -> rt.blockOn(owner));
            assertSame(boom, thrown);
            assertEquals(999, sawCancel.get(), "every other child saw CancellationException at its await");
            assertEquals(999, finallyDoneAtJoin.get(), "join() rethrew only after every finally block ran");
            assertEquals(baseline, rt.liveTaskCount(), "no child outlives the scope");
            assertEquals(0, thrown.getSuppressed().length, "aborted children are not failures");
        }
        assertEquals(List.of(), unhandled, "the scope owned the failure: nothing unhandled");
    }

    @Test
    void aChildThatFailsWhileSiblingsAreAbortedIsAttachedAsSuppressed() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            IllegalStateException first = new IllegalStateException("first");
            IllegalArgumentException inCleanup = new IllegalArgumentException("cleanup failed");
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            JoinHandle<Void> owner = rt.spawn(new ScopeFutures.OpenFillJoin(TaskScope.Policy.FAIL_FAST, scope -> {
                scope.spawn(new ScopeFutures.WithCleanup<>(Time.sleep(Duration.ofMinutes(5)),
                        () -> Future.failed(inCleanup), sawCancel, finallyDone));
                scope.spawn(Time.sleep(Duration.ofMillis(5)).map(v -> {
                    throw first;
                }));
            }, failure -> { }));
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> rt.blockOn(owner));
            assertSame(first, thrown);
            assertTrue(List.of(thrown.getSuppressed()).contains(inCleanup),
                    "a failure in an aborted child's cleanup is not lost: " + List.of(thrown.getSuppressed()));
        }
    }
}
