package dev.jawait.runtime;

/**
 * An immutable snapshot of a runtime's counters, from {@link AsyncRuntime#metrics()}. Counters
 * are summed from per-worker values without stopping anything, so a snapshot taken while the
 * runtime is busy is approximate (each value is exact once the runtime is quiet).
 *
 * <pre>{@code
 * RuntimeMetrics m = rt.metrics();
 * System.out.println(m.tasksAlive() + " live tasks, " + m.polls() + " polls");
 * }</pre>
 *
 * @param workers worker threads (0: current-thread runtime)
 * @param tasksSpawned tasks ever spawned
 * @param tasksCompleted tasks that completed (value, failure or cancellation)
 * @param tasksAlive tasks spawned and not complete
 * @param polls task polls run by the scheduler
 * @param steals successful steals from another worker's queue
 * @param parks times a worker went to sleep for lack of work
 * @param longPolls polls longer than the long-poll threshold
 * @param localQueueDepth tasks in the workers' local queues and LIFO slots
 * @param globalQueueDepth tasks in the shared inject queue
 * @param ioRegistrations open socket registrations with the reactor
 * @param ioEvents readiness events the reactor has dispatched (sockets found ready by the selector)
 * @param timersPending armed timers in the timer wheel
 * @param blockingThreads threads of the blocking pool
 */
public record RuntimeMetrics(int workers, long tasksSpawned, long tasksCompleted, long tasksAlive,
        long polls, long steals, long parks, long longPolls, long localQueueDepth,
        long globalQueueDepth, long ioRegistrations, long ioEvents, long timersPending, int blockingThreads) {
}
