package dev.jawait.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A scheduler for one task under test: {@code schedule} only records that a run is owed, and the
 * jcstress actors pay those runs off with {@link #drain}, so the task can be polled from two
 * threads exactly when the state word would let a real scheduler do so.
 *
 * <pre>{@code
 * StressScheduler s = new StressScheduler();
 * TaskCell<Integer> t = new TaskCell<>(future, s);
 * t.wake();
 * s.drain(t);              // runs t once per schedule call not yet paid off
 * }</pre>
 */
final class StressScheduler extends Scheduler {
    /** Completion only synchronises on an unused shard; one registry serves every state. */
    private static final TaskRegistry REGISTRY = new TaskRegistry(1);

    /** Every schedule call so far. */
    final AtomicInteger scheduled = new AtomicInteger();
    /** Schedule calls whose run has not been taken by a drain yet. */
    private final AtomicInteger owed = new AtomicInteger();

    StressScheduler() {
        super(null, REGISTRY);
    }

    @Override
    void schedule(TaskCell<?> task, boolean yielded) {
        scheduled.incrementAndGet();
        owed.incrementAndGet();
    }

    /** Marks a freshly created task as queued, as spawning does. */
    void spawned() {
        owed.incrementAndGet();
    }

    /** Runs {@code task} once for every owed run this thread manages to claim. */
    void drain(TaskCell<?> task) {
        for (;;) {
            int n = owed.get();
            if (n == 0) {
                return;
            }
            if (owed.compareAndSet(n, n - 1)) {
                task.run();
            }
        }
    }
}
