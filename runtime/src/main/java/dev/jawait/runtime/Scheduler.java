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

    Scheduler(AsyncRuntime runtime, TaskRegistry registry) {
        this.runtime = runtime;
        this.registry = registry;
    }

    /**
     * Queues a task whose state just became notified. {@code yielded} is true when the task
     * woke itself while running, so it goes behind the others instead of into the LIFO slot.
     */
    abstract void schedule(TaskCell<?> task, boolean yielded);

    /** Called once when a task completes, from the thread that ran it. */
    final void completed(TaskCell<?> task) {
        registry.remove(task);
    }

    /** A failure of a task whose handle was not being awaited: held until read or dropped. */
    final UnobservedFailures.Entry unobserved(TaskCell<?> task, Throwable failure) {
        return runtime.unobservedFailures().track(task, failure);
    }

    final void observed(UnobservedFailures.Entry entry) {
        runtime.unobservedFailures().observed(entry);
    }
}
