package dev.jawait.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Paused time: the runtime's clock stands still until advanced by hand, or jumps to the next
 * timer when no task can run, so hours of timers take no wall time and fire in deadline order.
 * Every test would hit its {@code @Timeout} long before a real hour passed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PausedTimeTest {
    private static final long HOUR = Duration.ofHours(1).toNanos();

    private static AsyncRuntime paused(boolean multiThread) {
        AsyncRuntime.Builder b = AsyncRuntime.builder().startPaused(true);
        return (multiThread ? b.workerThreads(2) : b.currentThread()).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anHourOfSleepTimeoutAndIntervalTakesNoWallTime(boolean multiThread) {
        try (AsyncRuntime rt = paused(multiThread)) {
            long start = rt.blockOn(now());
            rt.blockOn(lazy(() -> Time.sleep(Duration.ofHours(1))));
            long afterSleep = rt.blockOn(now());
            assertTrue(afterSleep - start >= HOUR, "clock moved " + (afterSleep - start) + " ns");
            assertTrue(afterSleep - start < HOUR + TimeUnit.MILLISECONDS.toNanos(2), "overshot: " + (afterSleep - start));

            TryFutureOutcome timeout = rt.blockOn(lazy(() -> outcome(Time.timeout(Duration.ofSeconds(30), never()))));
            assertTrue(timeout.failure instanceof TimeoutException, String.valueOf(timeout.failure));

            // 60 ticks of a one-minute interval: each at exactly its scheduled time.
            List<Long> ticks = rt.blockOn(spawnAndJoin(new Ticks(Duration.ofMinutes(1), 60)));
            assertEquals(60, ticks.size());
            for (int i = 1; i < ticks.size(); i++) {
                assertEquals(Duration.ofMinutes(1).toNanos(), ticks.get(i) - ticks.get(i - 1), "tick " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void timersFireInDeadlineOrderAtTheirDeadline(boolean multiThread) {
        try (AsyncRuntime rt = paused(multiThread)) {
            List<String> fired = new ArrayList<>();
            long start = rt.blockOn(now());
            // One task spawns every sleeper in one poll: spawned one by one from this thread (not
            // a worker), the runtime could fall idle between two spawns, and its clock rightly
            // jump to the first sleeper's deadline before the others exist.
            List<JoinHandle<Void>> handles = rt.blockOn(spawnAndJoin(cx -> {
                List<JoinHandle<Void>> spawned = new ArrayList<>();
                for (int seconds : new int[] {50, 10, 40, 20, 30, 3_600, 86_400}) {
                    spawned.add(Task.spawn(lazy(() -> {
                        Sleep sleep = Time.sleep(Duration.ofSeconds(seconds));
                        return after(sleep, () -> {
                            long late = Time.now() - sleep.deadlineNanos();
                            synchronized (fired) {
                                fired.add(seconds + "s late=" + (late >= 0 && late < 1_000_000 ? "ok" : late));
                            }
                        });
                    })));
                }
                return Poll.ready(spawned);
            }));
            for (JoinHandle<Void> h : handles) {
                rt.blockOn(h);
            }
            assertEquals(List.of("10s late=ok", "20s late=ok", "30s late=ok", "40s late=ok", "50s late=ok",
                    "3600s late=ok", "86400s late=ok"), fired);
            assertTrue(rt.blockOn(now()) - start >= Duration.ofDays(1).toNanos());
        }
    }

    @Test
    void advanceMovesTheClockAndRunsWhatBecameDueFirst() {
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            List<String> events = new ArrayList<>();
            rt.blockOn(cx -> {
                Time.pause();
                return Poll.ready(null);
            });
            long start = rt.blockOn(now());
            JoinHandle<Void> sleeper = rt.spawn(lazy(() -> after(Time.sleep(Duration.ofSeconds(5)), () -> events.add("woke"))));
            rt.blockOn(lazy(Task::yieldNow)); // the sleeper registers its timer
            rt.blockOn(lazy(() -> after(Time.advance(Duration.ofSeconds(4)), () -> events.add("advanced 4s"))));
            rt.blockOn(lazy(() -> after(Time.advance(Duration.ofSeconds(1)), () -> events.add("advanced 5s"))));
            assertEquals(List.of("advanced 4s", "woke", "advanced 5s"), events);
            assertEquals(Duration.ofSeconds(5).toNanos(), rt.blockOn(now()) - start);
            rt.blockOn(sleeper);
            rt.blockOn(cx -> {
                Time.resume();
                return Poll.ready(null);
            });
            long resumed = rt.blockOn(now());
            rt.blockOn(lazy(() -> Time.sleep(Duration.ofMillis(20))));
            assertTrue(rt.blockOn(now()) - resumed >= TimeUnit.MILLISECONDS.toNanos(20), "time runs again");
        }
    }

    @Test
    void misuseIsAClearError() {
        IllegalStateException outside = assertThrows(IllegalStateException.class, Time::pause);
        assertTrue(outside.getMessage().contains("not in a runtime"), outside.getMessage());
        try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
            IllegalStateException running = assertThrows(IllegalStateException.class,
                    () -> rt.blockOn(cx -> Poll.ready(Time.advance(Duration.ofSeconds(1)))));
            assertTrue(running.getMessage().startsWith("time is not paused"), running.getMessage());
        }
    }

    @Test
    void timeDoesNotJumpWhileATaskOrABlockingJobRuns() throws Exception {
        try (AsyncRuntime rt = paused(true)) {
            List<String> order = new ArrayList<>();
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            JoinHandle<Object> job = rt.spawn(Task.spawnBlocking(() -> {
                started.countDown();
                release.await(); // holds the runtime busy: the paused clock must wait
                synchronized (order) {
                    order.add("blocking job");
                }
                return null;
            }));
            // The job runs before the sleeper exists: were the sleeper spawned first, the runtime
            // would be idle (and its clock free to jump 10 s) until the job was submitted.
            assertTrue(started.await(30, TimeUnit.SECONDS), "the blocking job started");
            JoinHandle<Void> sleeper = rt.spawn(lazy(() -> after(Time.sleep(Duration.ofSeconds(10)), () -> {
                synchronized (order) {
                    order.add("sleep");
                }
            })));
            Thread.sleep(200); // real time passes; paused time must not
            synchronized (order) {
                assertEquals(List.of(), order);
            }
            release.countDown();
            rt.blockOn(job);
            rt.blockOn(sleeper);
            assertEquals(List.of("blocking job", "sleep"), order);
        }
    }

    @Test
    void aPausedRunIsDeterministic() {
        String first = trace();
        for (int i = 0; i < 100; i++) {
            assertEquals(first, trace(), "run " + i);
        }
    }

    /** Tasks sleeping, yielding and timing out on a paused current-thread runtime. */
    private static String trace() {
        StringBuilder out = new StringBuilder();
        try (AsyncRuntime rt = AsyncRuntime.builder().currentThread().startPaused(true).build()) {
            long start = rt.blockOn(now());
            List<JoinHandle<Void>> handles = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int id = t;
                handles.add(rt.spawn(new Future<Void>() {
                    private int step;
                    private Future<?> waiting;

                    @Override
                    public Poll<Void> poll(Context cx) {
                        while (step < 6) {
                            if (waiting == null) {
                                waiting = switch ((id + step) % 3) {
                                    case 0 -> Time.sleep(Duration.ofMillis(7L * (id + 1) + step));
                                    case 1 -> Task.yieldNow();
                                    default -> Time.timeout(Duration.ofSeconds(id + 1), never());
                                };
                            }
                            Poll<?> p;
                            try {
                                p = waiting.poll(cx);
                            } catch (Exception timedOut) {
                                p = Poll.ready(timedOut.getClass().getSimpleName());
                            }
                            if (p.isPending()) {
                                return Poll.pending();
                            }
                            out.append(id).append('.').append(step).append('@')
                                    .append((Time.now() - start) / 1_000_000).append("ms ");
                            waiting = null;
                            step++;
                        }
                        return Poll.ready(null);
                    }
                }));
            }
            for (JoinHandle<Void> h : handles) {
                rt.blockOn(h);
            }
        }
        return out.toString();
    }

    // ---- small futures ---------------------------------------------------------------------

    private static Future<Long> now() {
        return cx -> Poll.ready(Time.now());
    }

    private static Future<Void> never() {
        return cx -> Poll.pending();
    }

    private static <T> Future<T> spawnAndJoin(Future<T> body) {
        return new Future<>() {
            private JoinHandle<T> handle;

            @Override
            public Poll<T> poll(Context cx) {
                if (handle == null) {
                    handle = Task.spawn(body);
                }
                return handle.poll(cx);
            }
        };
    }

    record TryFutureOutcome(Object value, Throwable failure) {}

    private static Future<TryFutureOutcome> outcome(Future<?> f) {
        return cx -> {
            try {
                Poll<?> p = f.poll(cx);
                return p.isReady() ? Poll.ready(new TryFutureOutcome(p.value(), null)) : Poll.pending();
            } catch (Throwable e) {
                return Poll.ready(new TryFutureOutcome(null, e));
            }
        };
    }

    /** Takes {@code count} ticks, returning their scheduled times. */
    private static final class Ticks implements Future<List<Long>> {
        private final Duration period;
        private final int count;
        private final List<Long> ticks = new ArrayList<>();
        private Interval interval;
        private Future<Long> tick;

        Ticks(Duration period, int count) {
            this.period = period;
            this.count = count;
        }

        @Override
        public Poll<List<Long>> poll(Context cx) {
            if (interval == null) {
                interval = Time.interval(period);
            }
            while (ticks.size() < count) {
                if (tick == null) {
                    tick = interval.tick();
                }
                Poll<Long> p = tick.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                tick = null;
                ticks.add(p.value());
            }
            return Poll.ready(ticks);
        }
    }

    /** Awaits {@code first}, then runs {@code then} (its value ignored). */
    private static Future<Void> after(Future<?> first, Runnable then) {
        return cx -> {
            if (first.poll(cx).isPending()) {
                return Poll.pending();
            }
            then.run();
            return Poll.ready(null);
        };
    }

    /** Makes the future on its first poll, so it reads the runtime's clock, not this thread's. */
    private static <T> Future<T> lazy(Supplier<Future<T>> make) {
        return new Future<>() {
            private Future<T> f;

            @Override
            public Poll<T> poll(Context cx) {
                if (f == null) {
                    f = make.get();
                }
                return f.poll(cx);
            }
        };
    }
}
