package dev.jawait.runtime;

import dev.jawait.runtime.events.JfrRecording;
import dev.jawait.runtime.events.WorkerParkEvent;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One thread of the multi-thread scheduler (Tokio's worker loop): run the LIFO slot and the
 * local queue, look at the inject queue every {@value #GLOBAL_QUEUE_INTERVAL} ticks so it
 * cannot starve, poll the driver without blocking every {@value #EVENT_INTERVAL} ticks (at most
 * once per 50 µs) so I/O is served while busy, steal half of a random victim's queue when out
 * of work, then sleep.
 *
 * <pre>{@code
 * new RuntimeThread(runtime, worker, worker::run, "jawait-worker-1").start();
 * }</pre>
 */
final class Worker extends Coop.Budgeted {
    static final int GLOBAL_QUEUE_INTERVAL = 31;
    static final int EVENT_INTERVAL = 61;
    /** A task woken by the running one may jump the queue this many times in a row. */
    static final int MAX_LIFO_POLLS = 3;
    /** Task ids a worker reserves at once. */
    static final int ID_BLOCK = 64;

    // The StallMonitor reads these three owner-written fields from its own thread.
    private static final VarHandle POLLS;
    private static final VarHandle LIFO;
    private static final VarHandle CURRENT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            POLLS = l.findVarHandle(Worker.class, "polls", long.class);
            LIFO = l.findVarHandle(Worker.class, "lifo", TaskCell.class);
            CURRENT = l.findVarHandle(Worker.class, "current", TaskCell.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final int index;
    final MultiThreadScheduler scheduler;
    final LocalQueue queue = new LocalQueue();
    final Parker parker;
    /**
     * The task just woken by the running task; owner-only, except that the {@link StallMonitor}
     * copies it to the inject queue while this worker is stuck in a poll.
     */
    TaskCell<?> lifo;
    /** The task polled last (or being polled); for the {@link StallMonitor}'s report. */
    private TaskCell<?> current;
    private boolean searching;
    /** Between registering with {@link Idle} as asleep and leaving {@link #park()}. */
    private boolean registeredAsleep;
    private int tick;
    /** Set while a completing task on this thread wakes its awaiter (see wakeJoiner). */
    boolean wakingJoiner;
    /**
     * Set while this thread dispatches driver events: wakes then queue tasks here without
     * notifying a sibling each time, and one notification follows the whole batch (Tokio's
     * rule). Per wake it would unpark a sibling that steals the first one or two tasks of a
     * batch, or (siblings all busy) make this worker "wake" itself through the selector.
     */
    private boolean dispatching;
    /** Sibling notifications held back while {@link #dispatching} (maintenance polls). */
    private int dispatched;
    /** Task ids reserved for spawns on this thread: next to use, and the end of the block. */
    private long nextId;
    private long idLimit;
    // Metrics: written only by this worker's thread, summed (racily) by AsyncRuntime.metrics().
    long polls;
    long steals;
    long parks;

    Worker(int index, MultiThreadScheduler scheduler, Parker parker) {
        this.index = index;
        this.scheduler = scheduler;
        this.parker = parker;
    }

    void run() {
        MultiThreadScheduler s = scheduler;
        while (!s.isShutdown()) {
            tick++;
            if (tick % EVENT_INTERVAL == 0) {
                try {
                    dispatching = true;
                    dispatched = 0;
                    try {
                        s.pollDriverNow();
                    } finally {
                        dispatching = false;
                    }
                    if (dispatched > 0 && !queue.isEmpty()) {
                        s.notifyParkedLocal(); // the poll woke tasks and more than the LIFO slot waits
                    }
                    s.runtime.unobservedFailures().reportCollected();
                } catch (Throwable e) {
                    s.runtime.reportUnhandled(e);
                }
            }
            TaskCell<?> task = nextTask();
            if (task == null) {
                task = steal();
            }
            if (task != null) {
                try {
                    runTask(task);
                } catch (Throwable e) {
                    // Tasks catch their own failures; this is a runtime bug or an Error
                    // (OutOfMemoryError) outside a poll: report it and keep the worker alive.
                    s.runtime.reportUnhandled(e);
                }
                continue;
            }
            try {
                park();
            } catch (Throwable e) {
                // A failing driver must not kill the worker and strand its queue; back off a
                // little so a persistent failure cannot spin.
                s.runtime.reportUnhandled(e);
                if (registeredAsleep) {
                    registeredAsleep = false;
                    if (!s.idle.unparkWorkerById(index)) {
                        searching = true; // a notifier counted us as searching: keep books right
                    }
                }
                LockSupportSleep.sleepMillis(1);
            }
        }
    }

    private TaskCell<?> nextTask() {
        TaskCell<?> t;
        if (tick % GLOBAL_QUEUE_INTERVAL == 0) {
            t = scheduler.inject.pop();
            if (t != null) {
                return t;
            }
        }
        t = lifo;
        if (t != null) {
            lifo = null;
            return t;
        }
        t = queue.pop();
        if (t != null) {
            return t;
        }
        return refillFromInject();
    }

    private TaskCell<?> refillFromInject() {
        InjectQueue inject = scheduler.inject;
        if (inject.isEmpty()) {
            return null;
        }
        int fair = inject.size() / scheduler.workers.length + 1;
        int room = queue.remaining() / 2;
        int n = Math.min(fair, room);
        return inject.popBatchInto(queue, Math.max(0, n - 1));
    }

    private TaskCell<?> steal() {
        if (!searching) {
            if (!scheduler.idle.transitionToSearching()) {
                return null;
            }
            searching = true;
        }
        Worker[] all = scheduler.workers;
        int n = all.length;
        int start = n == 1 ? 0 : ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            Worker victim = all[(start + i) % n];
            if (victim == this) {
                continue;
            }
            TaskCell<?> t = victim.queue.stealInto(queue);
            if (t != null) {
                steals++;
                return t;
            }
        }
        return refillFromInject();
    }

    private void runTask(TaskCell<?> task) {
        if (searching) {
            searching = false;
            if (scheduler.idle.transitionFromSearching()) {
                // The last searcher found work: let another worker look for more.
                scheduler.notifyParked();
            }
        }
        budget = Coop.BUDGET;
        polls++;
        current = task;
        task.run();
        for (int lifoPolls = 0; ; lifoPolls++) {
            TaskCell<?> next = lifo;
            if (next == null) {
                return;
            }
            lifo = null;
            if (lifoPolls >= MAX_LIFO_POLLS) {
                // Two tasks waking each other must not starve the queue. If nothing else is
                // queued, this worker pops it right away: waking another worker to steal it
                // would only move the ping-pong across cores (a futex hand-off per move).
                boolean alone = queue.isEmpty();
                queue.pushBack(next, scheduler.inject);
                if (!alone) {
                    scheduler.notifyParkedLocal();
                }
                return;
            }
            budget = Coop.BUDGET;
            polls++;
            current = next;
            next.run();
        }
    }

    /** An id for a task spawned on this worker's thread, from a block reserved 64 at a time. */
    long nextTaskId() {
        if (nextId == idLimit) {
            nextId = scheduler.counters.reserveTaskIds(ID_BLOCK);
            idLimit = nextId + ID_BLOCK;
        }
        return nextId++;
    }

    /** Schedules from this worker's own thread. */
    void scheduleLocal(TaskCell<?> task, boolean yielded) {
        if (yielded || wakingJoiner && (lifo != null || !queue.isEmpty())) {
            // Behind the queue (a yield, or an awaiter woken by a completing task while others
            // wait here). If it is the only runnable task here, this worker runs it next.
            boolean alone = lifo == null && queue.isEmpty();
            queue.pushBack(task, scheduler.inject);
            if (alone) {
                return;
            }
        } else {
            TaskCell<?> prev = lifo;
            lifo = task;
            if (prev == null) {
                return;
            }
            queue.pushBack(prev, scheduler.inject);
        }
        if (dispatching) {
            dispatched++;
        } else {
            scheduler.notifyParkedLocal();
        }
    }

    private void park() {
        scheduler.runtime.unobservedFailures().reportCollected();
        scheduler.registry.tidy(index);
        boolean wasSearching = searching;
        searching = false;
        boolean lastSearcher = scheduler.idle.transitionToParked(index, wasSearching);
        registeredAsleep = true;
        if (lastSearcher) {
            scheduler.notifyIfWorkPending();
        }
        parks++;
        while (!scheduler.isShutdown()) {
            WorkerParkEvent event = JfrRecording.active() ? new WorkerParkEvent() : null;
            if (event != null) {
                event.begin();
            }
            dispatching = true;
            try {
                parker.park();
            } finally {
                dispatching = false;
            }
            if (event != null) {
                event.worker = index;
                event.commit();
            }
            if (lifo != null || !queue.isEmpty()) {
                // The driver woke tasks onto this worker while it slept.
                if (!scheduler.idle.unparkWorkerById(index)) {
                    searching = true; // notifyParked already counted us as a searcher
                }
                registeredAsleep = false;
                if (queue.size() + (lifo != null ? 1 : 0) > 1) {
                    scheduler.notifyParked(); // more than this worker runs next: let a sibling steal
                }
                return;
            }
            if (!scheduler.idle.isParked(index)) {
                registeredAsleep = false;
                searching = true; // notifyParked picked us: we count as searching
                return;
            }
        }
    }

    /** Polls started so far, read from another thread (the monitor). */
    long pollsSoFar() {
        return (long) POLLS.getOpaque(this);
    }

    /** The LIFO slot, read from another thread (the monitor). */
    TaskCell<?> lifoForMonitor() {
        return (TaskCell<?>) LIFO.getOpaque(this);
    }

    /** The task polled last, read from another thread (the monitor). */
    TaskCell<?> currentForMonitor() {
        return (TaskCell<?>) CURRENT.getOpaque(this);
    }

    boolean hasWork() {
        return !queue.isEmpty();
    }
}
