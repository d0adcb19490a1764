package dev.jawait.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The runtime-wide counters (spawns come from any thread, so ids come from one atomic and
 * completions are a {@link LongAdder}); per-poll counters live in each {@link Worker} as plain
 * longs written by its own thread and summed at snapshot time.
 *
 * <pre>{@code
 * long id = counters.nextTaskId();   // on spawn
 * counters.completed();              // on completion
 * }</pre>
 */
final class MetricsCounters {
    private final AtomicLong spawned = new AtomicLong();
    private final LongAdder completed = new LongAdder();
    private final LongAdder longPolls = new LongAdder();

    /** A fresh task id (1, 2, ...); also counts the spawn. */
    long nextTaskId() {
        return spawned.incrementAndGet();
    }

    void completed() {
        completed.increment();
    }

    void longPoll() {
        longPolls.increment();
    }

    long spawned() {
        return spawned.get();
    }

    long completedCount() {
        return completed.sum();
    }

    long longPolls() {
        return longPolls.sum();
    }
}
