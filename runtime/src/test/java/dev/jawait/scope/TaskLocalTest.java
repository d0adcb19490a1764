package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TaskLocal;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** TaskLocal: scoped per task across awaits, inherited by spawned tasks, never seen by others. */
@Timeout(30)
class TaskLocalTest {
    private static final TaskLocal<String> ID = new TaskLocal<>();

    /** Yields {@code times} times, reading the task-local after each resume; returns what it read. */
    private static Future<List<String>> readAcrossYields(TaskLocal<String> local, int times) {
        return new Future<>() {
            private final List<String> seen = new ArrayList<>();
            private Future<Void> yielding;

            @Override
            public Poll<List<String>> poll(Context cx) {
                for (;;) {
                    seen.add(local.orElse("<unbound>"));
                    if (seen.size() > times) {
                        return Poll.ready(seen);
                    }
                    if (yielding == null) {
                        yielding = Task.yieldNow();
                    }
                    if (yielding.poll(cx).isPending()) {
                        seen.remove(seen.size() - 1); // read again when resumed
                        return Poll.pending();
                    }
                    yielding = null;
                }
            }
        };
    }

    @Test
    void tasksInterleavedOnOneWorkerSeeOnlyTheirOwnValue() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            List<JoinHandle<List<String>>> tasks = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                tasks.add(rt.spawn(ID.scope("req-" + i, readAcrossYields(ID, 10))));
            }
            JoinHandle<List<String>> unscoped = rt.spawn(readAcrossYields(ID, 10));
            for (int i = 0; i < tasks.size(); i++) {
                List<String> seen = rt.blockOn(tasks.get(i));
                assertEquals(11, seen.size());
                for (String s : seen) {
                    assertEquals("req-" + i, s);
                }
            }
            for (String s : rt.blockOn(unscoped)) {
                assertEquals("<unbound>", s, "a task outside every scope never sees a value");
            }
        }
        assertFalse(ID.isBound());
        assertThrows(NoSuchElementException.class, ID::get);
        assertNull(ID.orElse(null));
    }

    @Test
    void innerScopesShadowAndTheOuterValueComesBack() {
        TaskLocal<Integer> depth = new TaskLocal<>();
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            List<Integer> seen = new ArrayList<>();
            Future<Void> inner = cx -> {
                seen.add(depth.get());
                return Poll.ready(null);
            };
            Future<Void> outer = new Future<>() {
                private Future<Void> nested;

                @Override
                public Poll<Void> poll(Context cx) {
                    seen.add(depth.get());
                    if (nested == null) {
                        nested = depth.scope(2, inner);
                    }
                    nested.poll(cx);
                    seen.add(depth.get());
                    return Poll.ready(null);
                }
            };
            rt.blockOn(depth.scope(1, outer));
            assertEquals(List.of(1, 2, 1), seen);
            assertFalse(depth.isBound());
        }
    }

    @Test
    void spawnedTasksAndScopeChildrenInheritTheSpawnersBindings() {
        TaskLocal<String> tenant = new TaskLocal<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            Supplier<Future<String>> read = () -> cx -> Poll.ready(ID.orElse("-") + "/" + tenant.orElse("-"));
            Future<List<String>> body = new Future<>() {
                private JoinHandle<String> spawned;
                private TaskScope<String> scope;
                private Future<List<String>> all;
                private List<String> joined; // joinAll is polled to its end once, never again

                @Override
                public Poll<List<String>> poll(Context cx) {
                    if (spawned == null) {
                        spawned = Task.spawn(read.get());
                        scope = TaskScope.open();
                        scope.spawn(read.get());
                        scope.spawn(tenant.scope("inner", read.get()));
                        all = scope.joinAll();
                    }
                    if (joined == null) {
                        Poll<List<String>> p = all.poll(cx);
                        if (p.isPending()) {
                            return Poll.pending();
                        }
                        joined = p.value();
                    }
                    Poll<String> s = spawned.poll(cx);
                    if (s.isPending()) {
                        return Poll.pending();
                    }
                    scope.close();
                    List<String> out = new ArrayList<>(joined);
                    out.add(s.value());
                    return Poll.ready(out);
                }
            };
            List<String> got = rt.blockOn(ID.scope("req-7", tenant.scope("acme", body)));
            assertEquals(List.of("req-7/acme", "req-7/inner", "req-7/acme"), got);
            assertEquals("-/-", rt.blockOn(rt.spawn(read.get())), "spawned from main: nothing to inherit");
        }
    }

    @Test
    void aNullValueIsABinding() {
        TaskLocal<String> local = new TaskLocal<>();
        AtomicInteger checked = new AtomicInteger();
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            rt.blockOn(local.scope(null, cx -> {
                assertTrue(local.isBound());
                assertNull(local.get());
                assertEquals(null, local.orElse("other"));
                checked.incrementAndGet();
                return Poll.ready(null);
            }));
        }
        assertEquals(1, checked.get());
    }
}
