package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.JoinHandle;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TaskDump;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Aborting the task at the top of three nested scopes aborts every descendant, and the top task
 * completes only once they are all gone (the live-task count proves it); the task dump shows
 * the tree meanwhile.
 */
@Timeout(60)
class TaskScopeNestingTest {
    private static final int FANOUT = 4;

    /** A task that opens a scope and spawns {@code FANOUT} tasks one level down; leaves sleep. */
    private static ScopeFutures.OpenFillJoin level(int depth, AtomicInteger sawCancel, AtomicInteger finallyDone) {
        return new ScopeFutures.OpenFillJoin(TaskScope.Policy.FAIL_FAST, scope -> {
            for (int i = 0; i < FANOUT; i++) {
                if (depth == 1) {
                    scope.spawn(new ScopeFutures.WithCleanup<>(Time.sleep(Duration.ofMinutes(5)),
                            () -> Time.sleep(Duration.ofMillis(3)), sawCancel, finallyDone));
                } else {
                    scope.spawn(level(depth - 1, sawCancel, finallyDone));
                }
            }
        }, failure -> { });
    }

    @Test
    void abortingTheTopTaskAbortsEveryDescendantBeforeItCompletes() throws InterruptedException {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2)
                .unhandledFailureHandler(unhandled::add).build()) {
            int baseline = rt.liveTaskCount();
            AtomicInteger sawCancel = new AtomicInteger();
            AtomicInteger finallyDone = new AtomicInteger();
            JoinHandle<Void> top = rt.spawn(level(3, sawCancel, finallyDone));
            int descendants = FANOUT + FANOUT * FANOUT + FANOUT * FANOUT * FANOUT; // 4 + 16 + 64
            waitUntil(() -> rt.liveTaskCount() == baseline + 1 + descendants);
            TaskDump dump = waitForIdle(rt, descendants);
            long topId = dump.tasks().stream().filter(t -> t.parentId() == 0).findFirst().orElseThrow().id();
            assertEquals(FANOUT, dump.tasks().stream().filter(t -> t.parentId() == topId).count(),
                    "the dump gives each child its parent:\n" + dump);
            String text = dump.toString();
            assertTrue(text.contains("  task ") && text.contains("child of task " + topId), text);
            assertTrue(text.contains("TaskScope.join"), text);

            top.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(top));
            assertEquals(baseline, rt.liveTaskCount(), "the top completed only after every descendant");
            assertEquals(64, sawCancel.get());
            assertEquals(64, finallyDone.get());
        }
        assertEquals(List.of(), unhandled);
    }

    private static TaskDump waitForIdle(AsyncRuntime rt, int descendants) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            TaskDump d = rt.taskDump();
            long children = d.tasks().stream().filter(t -> t.parentId() != 0).count();
            if (children == descendants && d.tasks().stream().allMatch(t -> t.state().equals("idle"))) {
                return d;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("tasks never all idle:\n" + d);
            }
            Thread.sleep(5);
        }
    }

    static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(1);
        }
    }
}
