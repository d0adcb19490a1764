package dev.jawait.runtime.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.LongPoll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A poll that blocks its worker is reported (handler and JFR) with where the task stopped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LongPollTest {
    /** Sleeps in its first poll (blocking code on a worker), then completes on the second. */
    static final class BlocksOnce implements Future<String> {
        private final long millis;
        private int polls;

        BlocksOnce(long millis) {
            this.millis = millis;
        }

        @Override
        public Poll<String> poll(Context cx) {
            if (polls++ == 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                cx.waker().wake();
                return Poll.pending();
            }
            return Poll.ready("done");
        }

        @Override
        public String toString() {
            return "Blocker.run suspended at Blocker.java:" + (10 + polls);
        }
    }

    @Test
    void handlerGetsTheSlowPollOnlyWithItsLocation() {
        List<LongPoll> reports = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                .longPollThreshold(Duration.ofMillis(100)).longPollHandler(reports::add).build()) {
            long start = System.nanoTime();
            assertEquals(4, rt.blockOn(rt.spawn(new Yielding(3)))); // task 1: fast polls only
            long fastMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            // The fast polls are not reported. Unless the machine descheduled the worker in one of
            // them: the runtime measures wall-clock time and then rightly reports the stall. So
            // the check holds when task 1 took under half the threshold (the coarse clock may add
            // up to two 10 ms ticks to a poll).
            if (fastMillis < 50) {
                assertEquals(List.of(), reports, "task 1 ran " + fastMillis + " ms in all");
            }
            int fastReports = reports.size();
            assertEquals("done", rt.blockOn(rt.spawn(new BlocksOnce(400)))); // task 2
            assertTrue(reports.size() > fastReports, reports.toString());
            LongPoll p = reports.get(fastReports); // the blocking poll; its completing one is fast
            assertEquals(2, p.taskId());
            // At least the threshold, not the full 400 ms: a poll that starts while the coarse
            // clock's ticker is late (a loaded machine) is timed from the late tick.
            assertTrue(p.duration().toMillis() >= 100, p.toString());
            assertEquals("Blocker.run suspended at Blocker.java:11", p.location());
            assertEquals(reports.size(), rt.metrics().longPolls(), reports.toString());
        }
    }

    @Test
    void currentThreadRuntimeReportsToo() {
        List<LongPoll> reports = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread()
                .longPollThreshold(Duration.ofMillis(50)).longPollHandler(reports::add).build()) {
            assertEquals("done", rt.blockOn(rt.spawn(new BlocksOnce(300))));
            // The blocking poll first; the completing poll is fast (reported only if the machine stalled it).
            assertTrue(!reports.isEmpty() && reports.size() <= 2, reports.toString());
            assertTrue(reports.get(0).message().startsWith("task 1 blocked worker "), reports.get(0).message());
            assertTrue(reports.get(0).message().contains("Blocker.java:11"), reports.get(0).message());
        }
    }

    @Test
    void longPollIsAJfrEventWhileRecording() throws Exception {
        BlockingQueue<RecordedEvent> events = new ArrayBlockingQueue<>(16);
        String blocked = "Blocker.run suspended at Blocker.java:11";
        try (RecordingStream rs = new RecordingStream()) {
            // The events are kept after their action: by default the stream may reuse one
            // RecordedEvent object for several events, so a kept one could show a later one's fields.
            rs.setReuse(false);
            rs.enable("dev.jawait.LongPoll");
            rs.enable("dev.jawait.TaskPoll").withThreshold(Duration.ofMillis(50));
            rs.onEvent("dev.jawait.LongPoll", events::add);
            rs.onEvent("dev.jawait.TaskPoll", events::add);
            rs.startAsync();
            try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1)
                    .longPollThreshold(Duration.ofMillis(100)).longPollHandler(p -> { }).build()) {
                assertEquals("done", rt.blockOn(rt.spawn(new BlocksOnce(400))));
            }
            // The blocking poll gives one event of each type. The completing poll is fast, but on
            // a loaded machine it may be descheduled past 50 or 100 ms and give events too
            // ("completed ..."): pick the blocking poll's events by what they say, not by order.
            RecordedEvent longPoll = null;
            RecordedEvent poll = null;
            List<RecordedEvent> seen = new ArrayList<>();
            while (longPoll == null || poll == null) {
                RecordedEvent e = events.poll(20, TimeUnit.SECONDS);
                assertNotNull(e, "no LongPoll and TaskPoll event of the blocking poll; seen: " + seen);
                seen.add(e);
                if (e.getEventType().getName().equals("dev.jawait.LongPoll")) {
                    String location = e.getString("location");
                    // (JDK 17.0.15 reads it as null from the fifth recording in one JVM on: its
                    // string pool; seen only when this test was repeated in one JVM.)
                    assertNotNull(location, "a LongPoll event without its location: " + e);
                    if (!location.startsWith("completed ")) {
                        assertNull(longPoll, "two LongPoll events of the blocking poll: " + seen);
                        longPoll = e;
                    }
                } else if (!e.getBoolean("completed")) {
                    assertNull(poll, "two TaskPoll events of the blocking poll: " + seen);
                    poll = e;
                }
            }
            assertEquals(blocked, longPoll.getString("location"));
            assertEquals(1, longPoll.getLong("taskId"));
            // The coarse clock may time from a late tick (see above); JFR's own timing is precise.
            assertTrue(longPoll.getDuration("pollDuration").toMillis() >= 100, longPoll.toString());
            assertEquals("dev.jawait.TaskPoll", poll.getEventType().getName());
            assertTrue(poll.getDuration().toMillis() >= 390, poll.toString());
            assertEquals(1, poll.getLong("taskId"));
        }
    }
}
