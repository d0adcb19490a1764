package dev.jawait.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.TaskDump;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** dumpTasks() lists live tasks with their state and leaf futures; the MXBean serves it. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskDumpTest {
    static final class Parked implements Future<String> {
        private final String name;

        Parked(String name) {
            this.name = name;
        }

        @Override
        public Poll<String> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static List<TaskDump.Task> awaitIdle(AsyncRuntime rt, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<TaskDump.Task> tasks = rt.taskDump().tasks();
            if (tasks.size() == count && tasks.stream().allMatch(t -> t.state().equals("idle"))) {
                return tasks;
            }
            Thread.sleep(5);
        }
        throw new AssertionError(rt.dumpTasks());
    }

    @Test
    void emptyRuntimeDumpsNothing() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            assertEquals("0 live tasks\n", rt.dumpTasks());
            assertNull(rt.mxBeanName(), "JMX is opt-in");
        }
    }

    @Test
    void liveTasksAreListedByIdWithTheirLeafFuture() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2).build()) {
            JoinHandle<String> a = rt.spawn(new Parked("socket read"));
            JoinHandle<String> b = rt.spawn(new Parked("lock wait"));
            assertEquals(7, rt.blockOn(rt.spawn(new Yielding(6)))); // completed: not listed
            List<TaskDump.Task> tasks = awaitIdle(rt, 2);
            assertEquals(1, tasks.get(0).id());
            assertEquals(List.of("socket read"), tasks.get(0).awaits());
            assertEquals(2, tasks.get(1).id());
            assertEquals(List.of("lock wait"), tasks.get(1).awaits());
            Thread.sleep(30);
            String text = rt.dumpTasks();
            assertTrue(text.matches("(?s)2 live tasks\ntask 1 idle, last polled \\d+ ms ago\n  socket read\n"
                    + "task 2 idle, last polled \\d+ ms ago\n  lock wait\n"), text);
            assertTrue(rt.taskDump().tasks().get(0).sinceLastPoll().toMillis() >= 30);
            a.abort();
            b.abort();
        }
    }

    @Test
    void mxBeanDumpsTasksAndGoesAwayOnClose() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name;
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).threadNamePrefix("dump-jmx")
                .jmx(true).build();
                AsyncRuntime twin = AsyncRuntime.builder().workerThreads(1).threadNamePrefix("dump-jmx")
                .jmx(true).build()) {
            name = rt.mxBeanName();
            assertEquals(new ObjectName("dev.jawait:type=AsyncRuntime,name=\"dump-jmx\""), name);
            assertEquals(new ObjectName("dev.jawait:type=AsyncRuntime,name=\"dump-jmx-2\""), twin.mxBeanName());
            JoinHandle<String> h = rt.spawn(new Parked("waiting for godot"));
            awaitIdle(rt, 1);
            String dump = (String) server.invoke(name, "dumpTasks", null, null);
            assertTrue(dump.contains("task 1 idle") && dump.contains("  waiting for godot\n"), dump);
            assertEquals(1, server.getAttribute(name, "LiveTasks"));
            h.abort();
        }
        assertTrue(!server.isRegistered(name), "unregistered on close");
    }
}
