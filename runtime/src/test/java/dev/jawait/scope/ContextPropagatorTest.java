package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.ContextPropagator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A ContextPropagator carries a thread-local with each task and puts the worker's back. */
@Timeout(30)
class ContextPropagatorTest {
    private static final ThreadLocal<String> USER = new ThreadLocal<>();

    /** Carries USER; counts its swaps. */
    private static final class UserPropagator implements ContextPropagator<String> {
        final AtomicInteger swaps = new AtomicInteger();

        @Override
        public String capture() {
            return USER.get();
        }

        @Override
        public String swap(String context) {
            swaps.incrementAndGet();
            String previous = USER.get();
            USER.set(context);
            return previous;
        }
    }

    /** Sets USER on its first poll (as a request handler would), then yields and reads it back. */
    private static Future<List<String>> setThenRead(String user, int yields) {
        return new Future<>() {
            private final List<String> seen = new ArrayList<>();
            private Future<Void> yielding;
            private boolean started;

            @Override
            public Poll<List<String>> poll(Context cx) {
                if (!started) {
                    started = true;
                    if (user != null) {
                        USER.set(user);
                    }
                }
                for (;;) {
                    if (yielding != null) {
                        if (yielding.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        yielding = null;
                        seen.add(USER.get());
                    }
                    if (seen.size() == yields) {
                        return Poll.ready(seen);
                    }
                    yielding = Task.yieldNow();
                }
            }
        };
    }

    @Test
    void eachTaskKeepsWhatItSetAndTheWorkersContextIsPutBack() {
        UserPropagator propagator = new UserPropagator();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).contextPropagator(propagator).build()) {
            List<JoinHandle<List<String>>> tasks = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                tasks.add(rt.spawn(setThenRead(i % 5 == 0 ? null : "user-" + i, 8)));
            }
            for (int i = 0; i < tasks.size(); i++) {
                for (String seen : rt.blockOn(tasks.get(i))) {
                    // Every fifth task sets nothing: it sees null, so no other task's value leaked
                    // into the worker between polls.
                    assertEquals(i % 5 == 0 ? null : "user-" + i, seen, "task " + i);
                }
            }
            assertTrue(propagator.swaps.get() >= 2 * 500 * 9, "swapped in and out around every poll");
        }
    }

    @Test
    void aSpawnedTaskStartsWithItsSpawnersContext() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).contextPropagator(new UserPropagator()).build()) {
            Future<String> parent = new Future<>() {
                private JoinHandle<String> child;

                @Override
                public Poll<String> poll(Context cx) {
                    if (child == null) {
                        USER.set("alice");
                        child = Task.spawn(cx2 -> Poll.ready("child sees " + USER.get()));
                    }
                    return child.poll(cx);
                }
            };
            assertEquals("child sees alice", rt.blockOn(rt.spawn(parent)));
            USER.set("main");
            try {
                assertEquals("child sees main", rt.blockOn(rt.spawn(cx -> Poll.ready("child sees " + USER.get()))),
                        "spawned from main: main's context");
            } finally {
                USER.remove();
            }
        }
    }
}
