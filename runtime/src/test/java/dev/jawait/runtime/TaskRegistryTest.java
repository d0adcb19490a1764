package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The live-task registry: per-owner lists without locks on the hot path, completed tasks
 * dropped by compaction, exact counts, and a close() that refuses later additions.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TaskRegistryTest {
    private static final Future<Integer> NEVER = cx -> Poll.pending();

    /** A scheduler that never runs anything: cells are completed by hand. */
    private static final TaskCellTest.CountingScheduler SCHEDULER = new TaskCellTest.CountingScheduler();

    private static TaskCell<Integer> cell() {
        return new TaskCell<>(NEVER, SCHEDULER);
    }

    /** Completes a cell the way close() does, and counts it on {@code owner}. */
    private static void finish(TaskRegistry registry, TaskCell<?> t, int owner) {
        t.forceCancel(); // counts on the CountingScheduler's own registry, not this one
        registry.completed(owner);
    }

    @Test
    void snapshotListsExactlyTheLiveTasksAcrossCompactions() {
        TaskRegistry registry = new TaskRegistry(2);
        List<TaskCell<Integer>> live = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            TaskCell<Integer> t = cell();
            int owner = i % 3 - 1; // FOREIGN, 0 and 1
            assertTrue(registry.add(t, owner));
            if (i % 4 == 0) {
                live.add(t);
            } else {
                finish(registry, t, owner); // most complete: the lists compact as they fill
            }
        }
        assertEquals(10_000, registry.addedCount());
        assertEquals(7_500, registry.completedCount());
        assertEquals(2_500, registry.size());
        List<TaskCell<?>> snapshot = registry.snapshot();
        assertEquals(2_500, snapshot.size());
        assertEquals(new HashSet<>(live), new HashSet<>(snapshot));
    }

    @Test
    void tidyDropsCompletedTasksBeforeTheListIsFull() {
        TaskRegistry registry = new TaskRegistry(1);
        TaskCell<Integer> kept = cell();
        registry.add(kept, 0);
        for (int i = 0; i < 20; i++) {
            TaskCell<Integer> t = cell();
            registry.add(t, 0);
            finish(registry, t, 0);
        }
        registry.tidy(0);
        // Only the live task is still referenced (the rest can be collected).
        assertEquals(List.of(kept), registry.snapshot());
        assertEquals(1, registry.size());
    }

    @Test
    void addAfterCloseFailsAndCloseListsEveryLiveTask() {
        TaskRegistry registry = new TaskRegistry(1);
        TaskCell<Integer> a = cell();
        TaskCell<Integer> b = cell();
        registry.add(a, 0);
        registry.add(b, TaskRegistry.FOREIGN);
        assertEquals(Set.of(a, b), new HashSet<>(registry.close()));
        assertFalse(registry.add(cell(), 0));
        assertFalse(registry.add(cell(), TaskRegistry.FOREIGN));
    }

    @Test
    void foreignAddsFromManyThreadsLoseNothing() throws Exception {
        TaskRegistry registry = new TaskRegistry(1);
        int threads = 4;
        int each = 20_000;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Thread> all = new ArrayList<>();
        for (int k = 0; k < threads; k++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
                for (int i = 0; i < each; i++) {
                    TaskCell<Integer> c = cell();
                    registry.add(c, TaskRegistry.FOREIGN);
                    if (i % 2 == 1) {
                        finish(registry, c, TaskRegistry.FOREIGN);
                    }
                }
            });
            t.start();
            all.add(t);
        }
        for (Thread t : all) {
            t.join();
        }
        assertEquals(threads * each / 2, registry.size());
        assertEquals(threads * each / 2, registry.snapshot().size());
    }
}
