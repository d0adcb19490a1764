package dev.jawait;

/**
 * Tells the runtime that a pending future can make progress, so its task is polled again.
 *
 * <pre>{@code
 * Waker waker = cx.waker();
 * channel.onReadable(waker::wake);   // any thread, any number of times
 * return Poll.pending();
 * }</pre>
 *
 * <p>{@code wake()} may be called from any thread, any number of times, before, during or after
 * the poll that returned pending; the task is scheduled at most once per wake-up and never lost.
 */
@FunctionalInterface
public interface Waker {
    /** Schedules the task this waker belongs to. Cheap and idempotent. */
    void wake();
}
