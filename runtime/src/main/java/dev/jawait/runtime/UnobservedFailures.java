package dev.jawait.runtime;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Failures of tasks whose handle was not being awaited when they failed. Reporting them at once
 * would cry wolf for the common {@code blockOn(spawn(f))}, where the handle is awaited a moment
 * later; so each is held until either the handle reads it (observed: nothing to report) or the
 * handle becomes unreachable (reported, noticed by workers between tasks) or the runtime closes
 * (everything still unobserved is reported). Costs nothing for tasks that succeed or are awaited.
 *
 * <pre>{@code
 * Entry e = unobserved.track(task, failure);   // task failed, nobody waiting
 * unobserved.observed(e);                      // the handle was awaited after all
 * unobserved.reportCollected();                // worker maintenance: handles dropped since
 * }</pre>
 */
final class UnobservedFailures {
    /** One unobserved failure, tied to the (unreachable-to-be) task that produced it. */
    static final class Entry extends PhantomReference<TaskCell<?>> {
        final Throwable failure;
        final AtomicBoolean settled = new AtomicBoolean();

        Entry(TaskCell<?> task, Throwable failure, ReferenceQueue<TaskCell<?>> queue) {
            super(task, queue);
            this.failure = failure;
        }
    }

    private final AsyncRuntime runtime;
    private final ReferenceQueue<TaskCell<?>> collected = new ReferenceQueue<>();
    private final Set<Entry> pending = ConcurrentHashMap.newKeySet();

    UnobservedFailures(AsyncRuntime runtime) {
        this.runtime = runtime;
    }

    Entry track(TaskCell<?> task, Throwable failure) {
        Entry e = new Entry(task, failure, collected);
        pending.add(e);
        return e;
    }

    void observed(Entry e) {
        if (e.settled.compareAndSet(false, true)) {
            pending.remove(e);
        }
    }

    /** Failures tracked and not yet observed nor reported. */
    int pendingCount() {
        return pending.size();
    }

    /** Reports failures whose handles were garbage collected unread. Cheap when there are none. */
    void reportCollected() {
        for (Entry e = (Entry) collected.poll(); e != null; e = (Entry) collected.poll()) {
            settleAndReport(e);
        }
    }

    /** Reports every failure still unobserved (at close). */
    void reportAll() {
        reportCollected();
        for (Entry e : pending) {
            settleAndReport(e);
        }
    }

    private void settleAndReport(Entry e) {
        if (e.settled.compareAndSet(false, true)) {
            pending.remove(e);
            runtime.reportUnhandled(e.failure);
        }
    }
}
