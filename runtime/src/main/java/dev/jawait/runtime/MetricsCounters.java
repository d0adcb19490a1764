package dev.jawait.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The runtime-wide counters: task ids come from one atomic (workers reserve them in blocks, so
 * a spawn on a worker touches no shared line); spawns and completions are counted per worker by
 * the {@link TaskRegistry}, and per-poll counters live in each {@link Worker} as plain longs
 * written by its own thread and summed at snapshot time.
 *
 * <pre>{@code
 * long id = counters.nextTaskId();   // on spawn
 * counters.longPoll();               // a poll ran too long
 * }</pre>
 */
final class MetricsCounters {
    /** Ids handed out so far (some of them reserved by workers and not used yet). */
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder longPolls = new LongAdder();

    /** A fresh task id (1, 2, ...) for a spawn from a thread that is not a worker. */
    long nextTaskId() {
        return ids.incrementAndGet();
    }

    /** Reserves {@code n} consecutive ids for one worker's spawns; returns the first. */
    long reserveTaskIds(int n) {
        return ids.getAndAdd(n) + 1;
    }

    void longPoll() {
        longPolls.increment();
    }

    long longPolls() {
        return longPolls.sum();
    }
}
