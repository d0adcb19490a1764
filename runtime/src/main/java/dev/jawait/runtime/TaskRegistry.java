package dev.jawait.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The live tasks of a runtime, so {@code close()} can abort them and dumps can list them.
 *
 * <p>Spawning and completing must stay off shared cache lines, so each worker owns a list that
 * only its own thread appends to (a plain store and a volatile size: no lock, no CAS), and a
 * completed task is not removed at all: lists drop completed tasks when they compact, which
 * happens when a list is full or when its worker is about to sleep after enough appends
 * (amortised O(1) per spawn). Spawns from other threads go to one shared list under a lock.
 * Readers ({@link #snapshot()}, {@link #close()}) take each list's lock, which compaction and
 * growth also hold, and skip completed tasks. Live counts come from per-worker counters.
 *
 * <pre>{@code
 * if (!registry.add(task, workerIndex)) task.forceCancel();   // closed: refuse
 * registry.completed(workerIndex);                           // on completion
 * List<TaskCell<?>> live = registry.close();
 * }</pre>
 */
final class TaskRegistry {
    /** Index for spawns and completions on threads that are not one of the workers. */
    static final int FOREIGN = -1;

    private static final VarHandle SIZE;
    private static final VarHandle ADDED;
    private static final VarHandle COUNT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            SIZE = l.findVarHandle(OwnedList.class, "size", int.class);
            ADDED = l.findVarHandle(OwnedList.class, "added", long.class);
            COUNT = l.findVarHandle(OwnedList.class, "completed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Tasks appended by one thread at a time; compaction and readers hold its lock. */
    static final class OwnedList {
        TaskCell<?>[] tasks = new TaskCell<?>[64];
        @SuppressWarnings("unused") // accessed through SIZE
        volatile int size;
        /** Appends since the last compaction (owner-only). */
        int appended;
        /** Tasks appended ever (owner-only writes through ADDED). */
        @SuppressWarnings("unused")
        volatile long added;
        /** Tasks completed by the owner thread (owner-only writes through COUNT). */
        @SuppressWarnings("unused")
        volatile long completed;
        // Keep two workers' hot fields off one cache line.
        long p1, p2, p3, p4, p5, p6, p7, p8;
    }

    private final OwnedList[] owned;
    private final OwnedList foreign = new OwnedList();
    private final LongAdder foreignCompleted = new LongAdder();
    private volatile boolean closed;

    TaskRegistry(int owners) {
        owned = new OwnedList[Math.max(1, owners)];
        for (int i = 0; i < owned.length; i++) {
            owned[i] = new OwnedList();
        }
    }

    /**
     * Adds a task, from worker {@code owner}'s own thread or ({@link #FOREIGN}) any thread.
     * Returns false once the registry is closed; the task is then registered all the same
     * (so a concurrent {@link #close()} may have seen it): the caller must force-cancel it.
     *
     * <p>A worker's add has no fence, so it may miss a concurrent {@code close()} and succeed,
     * and that close may not list the task: {@code AsyncRuntime.close()} therefore aborts what
     * {@link #snapshot()} shows until the live count drops to zero. A foreign add is exact.
     */
    boolean add(TaskCell<?> task, int owner) {
        if (owner < 0) {
            synchronized (foreign) {
                append(foreign, task);
            }
        } else {
            append(owned[owner], task);
        }
        return !closed;
    }

    private void append(OwnedList list, TaskCell<?> task) {
        int n = list.size;
        if (n == list.tasks.length) {
            synchronized (list) {
                n = compact(list);
                if (n > list.tasks.length / 2) {
                    list.tasks = Arrays.copyOf(list.tasks, list.tasks.length * 2);
                }
            }
        }
        list.tasks[n] = task;
        list.appended++;
        ADDED.setRelease(list, (long) ADDED.getOpaque(list) + 1);
        SIZE.setRelease(list, n + 1);
    }

    /** Drops completed tasks in place; caller holds the list's lock and is its owner. */
    private static int compact(OwnedList list) {
        TaskCell<?>[] a = list.tasks;
        int n = list.size;
        int kept = 0;
        for (int i = 0; i < n; i++) {
            TaskCell<?> t = a[i];
            if (!t.isFinished()) {
                a[kept++] = t;
            }
        }
        Arrays.fill(a, kept, n, null);
        list.appended = 0;
        SIZE.setRelease(list, kept);
        if (kept == 0 && a.length > 1024) {
            list.tasks = new TaskCell<?>[64]; // give back the memory of a past burst
        }
        return kept;
    }

    /**
     * Called by worker {@code owner} before it sleeps: if enough tasks were spawned since the
     * last compaction (an eighth of the list), drops the completed ones, so finished tasks and
     * their results are not kept reachable while the runtime is quiet.
     */
    void tidy(int owner) {
        OwnedList list = owned[owner];
        if (list.appended > 0 && list.appended * 8 >= list.size) {
            synchronized (list) {
                compact(list);
            }
        }
        OwnedList f = foreign;
        if (f.appended > 0 && f.appended * 8 >= f.size) { // racy read: only a hint
            synchronized (f) {
                compact(f);
            }
        }
    }

    /** Counts a completed task, on worker {@code owner}'s thread or ({@link #FOREIGN}) any. */
    void completed(int owner) {
        if (owner < 0) {
            foreignCompleted.increment();
        } else {
            OwnedList list = owned[owner];
            // Release: whoever sees the task complete (a later volatile write) sees this too.
            COUNT.setRelease(list, (long) COUNT.getOpaque(list) + 1);
        }
    }

    /** Refuses further additions; returns the tasks still live at that moment. */
    List<TaskCell<?>> close() {
        closed = true;
        return snapshot();
    }

    /** The tasks not yet complete. */
    List<TaskCell<?>> snapshot() {
        List<TaskCell<?>> live = new ArrayList<>();
        collect(foreign, live);
        for (OwnedList list : owned) {
            collect(list, live);
        }
        return live;
    }

    private static void collect(OwnedList list, List<TaskCell<?>> into) {
        synchronized (list) {
            TaskCell<?>[] a = list.tasks;
            int n = list.size;
            for (int i = 0; i < n; i++) {
                TaskCell<?> t = a[i];
                if (t != null && !t.isFinished()) {
                    into.add(t);
                }
            }
        }
    }

    /** Tasks completed so far. */
    long completedCount() {
        long n = foreignCompleted.sum();
        for (OwnedList list : owned) {
            n += (long) COUNT.getAcquire(list);
        }
        return n;
    }

    /** Tasks added so far. */
    long addedCount() {
        long added = (long) ADDED.getAcquire(foreign);
        for (OwnedList list : owned) {
            added += (long) ADDED.getAcquire(list);
        }
        return added;
    }

    /** Tasks added and not yet complete. */
    int size() {
        long completed = completedCount(); // first: a completion is counted after its add
        long added = addedCount();
        return (int) Math.max(0, added - completed);
    }
}
