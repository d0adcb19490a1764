/**
 * The jawait runtime: executors, the I/O and timer driver, and the blocking pool, in the spirit
 * of Tokio's {@code runtime} module.
 *
 * <p>{@link dev.jawait.runtime.AsyncRuntime} comes in two flavours. The multi-thread one runs
 * tasks on a work-stealing pool: each worker has a bounded lock-free local queue (others steal
 * half of it when idle), a LIFO slot for the task the running task just woke (so two tasks
 * passing work back and forth stay on one core; the awaiter of a task that completes waits
 * behind the queue instead), and a look at the shared inject queue every few ticks so nothing
 * starves; an idle worker sleeps in the
 * {@link dev.jawait.runtime.Driver} (one at a time, the others park) so I/O readiness and timers
 * wake tasks. The current-thread one runs everything on the thread inside {@code blockOn}.
 * Blocking calls go to an elastic pool via {@code Task.spawnBlocking}.
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.builder()
 *         .workerThreads(4)
 *         .threadNamePrefix("server")
 *         .unhandledFailureHandler(e -> log.warn("task failed", e))
 *         .build()) {
 *     rt.blockOn(ServerAsync.run(port));   // main thread waits; tasks run on the workers
 * }                                        // close(): tasks aborted, finally blocks run, threads joined
 * }</pre>
 *
 * <p>Spawning touches no shared state on a worker (task ids come in per-worker blocks, the
 * live-task registry is per worker), and polls are timed with a coarse clock published by a
 * {@code <prefix>-clock} thread, since {@code System.nanoTime()} can cost more than a poll.
 *
 * <p>A task is its own waker: its state word (scheduled, running, woken-while-running,
 * complete, cancelled) makes {@code wake()} an allocation-free, idempotent CAS, and guarantees a
 * task is never polled by two threads at once and never misses a wake-up.
 */
package dev.jawait.runtime;
