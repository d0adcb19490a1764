package dev.jawait.runtime;

/**
 * What a {@link TaskCell} needs from the executor that runs it: a place to go when woken, a
 * registry to leave when complete, and somewhere to report failures nobody awaits.
 *
 * <pre>{@code
 * scheduler.schedule(task, false);   // woken: run it soon (LIFO slot on a worker)
 * scheduler.schedule(task, true);    // yielded: back of the queue
 * }</pre>
 */
abstract class Scheduler {
    final AsyncRuntime runtime;
    final TaskRegistry registry;
    final MetricsCounters counters = new MetricsCounters();
    /** Polls at least this long are reported as long polls ({@code Long.MAX_VALUE}: never). */
    final long longPollNanos;
    /** Times polls (coarse: see {@link PollClock}). */
    final PollClock clock;
    /** The runtime's, or (no runtime: tests) one of its own that nobody reports from. */
    final UnobservedFailures unobservedFailures;

    Scheduler(AsyncRuntime runtime, TaskRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
        this.longPollNanos = runtime == null ? Long.MAX_VALUE : runtime.longPollNanos();
        this.clock = runtime == null ? PollClock.precise() : runtime.pollClock();
        this.unobservedFailures = runtime == null ? new UnobservedFailures(null) : runtime.unobservedFailures();
    }

    /**
     * Queues a task whose state just became notified. {@code yielded} is true when the task
     * woke itself while running, so it goes behind the others instead of into the LIFO slot.
     */
    abstract void schedule(TaskCell<?> task, boolean yielded);

    /** Wakes the awaiter of a task that just completed, on the thread that completed it. */
    void wakeJoiner(dev.jawait.Waker joiner) {
        joiner.wake();
    }

    /** Called once when a task completes, from the thread that ran it. */
    final void completed(TaskCell<?> task) {
        registry.completed(currentOwner());
    }

    /**
     * The {@link TaskRegistry} list the calling thread may append to without a lock (its
     * worker index), or {@link TaskRegistry#FOREIGN}.
     */
    int currentOwner() {
        return TaskRegistry.FOREIGN;
    }

    /**
     * The task being polled on the calling thread, or null outside a task's poll (a
     * {@code blockOn} root future, a thread of no runtime). A worker's answer is the task it
     * polls (or polled last: only meaningful from inside a poll).
     */
    TaskCell<?> currentTask() {
        Worker w = RuntimeContext.worker(this);
        return w != null ? w.currentForMonitor() : null;
    }

    /** An id for a task spawned by {@code owner} (a {@link #currentOwner()} value). */
    long nextTaskId(int owner) {
        return counters.nextTaskId();
    }

    /**
     * Whether no task can run now (asked by the driver's parking thread when the clock is paused:
     * then time may jump to the next timer). Conservative: false when unsure.
     */
    boolean noTaskCanRun() {
        return false;
    }

    /** Polls run by this scheduler's threads so far (summed from per-thread counters). */
    long polls() {
        return 0;
    }

    /** Adds this scheduler's local and global queue depths to {@code localAndGlobal}. */
    void queueDepths(long[] localAndGlobal) {
        // a scheduler without queues of its own (tests) adds nothing
    }

    /** A failure of a task whose handle was not being awaited: held until read or dropped. */
    final UnobservedFailures.Entry unobserved(TaskCell<?> task, Throwable failure) {
        return unobservedFailures.track(task, failure);
    }

    final void observed(UnobservedFailures.Entry entry) {
        unobservedFailures.observed(entry);
    }
}
