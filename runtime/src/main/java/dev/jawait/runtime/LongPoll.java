package dev.jawait.runtime;

import java.time.Duration;

/**
 * A task poll that kept its worker thread busy longer than the runtime's long-poll threshold:
 * usually blocking code (I/O, {@code Thread.sleep}, a lock) called from async code.
 *
 * <pre>{@code
 * AsyncRuntime rt = AsyncRuntime.builder()
 *         .longPollThreshold(Duration.ofMillis(50))
 *         .longPollHandler(p -> log.warn(p.message()))
 *         .build();
 * }</pre>
 *
 * @param taskId the task's id (as in {@link AsyncRuntime#dumpTasks()})
 * @param duration how long the poll ran
 * @param location the task's future after the poll, e.g. {@code "Echo.handle suspended at
 *     Echo.java:42"}, or {@code "completed"}
 * @param thread the name of the thread that ran the poll
 */
public record LongPoll(long taskId, Duration duration, String location, String thread) {
    /**
     * The warning logged by default.
     *
     * @return a one-line description of the long poll
     */
    public String message() {
        return "task " + taskId + " blocked worker " + thread + " for " + duration.toMillis()
                + " ms in " + location;
    }
}
