package dev.jawait.fs;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Who may touch a read's destination buffer: the blocking call, which copies each chunk it read
 * into it, or nobody, once the read was cancelled. {@link #abandon()} returns only when no copy is
 * under way, so after a cancelled read returns, its buffer is the caller's again.
 *
 * <pre>{@code
 * // blocking thread                       // task thread, cancelling
 * if (handoff.copying()) {                 handoff.abandon();   // waits out a copy in progress
 *     try { dst.put(buf); } finally { handoff.copied(); }
 * }
 * }</pre>
 */
final class ReadHandoff {
    private static final int READING = 0;
    private static final int COPYING = 1;
    private static final int ABANDONED = 2;

    private final AtomicInteger state = new AtomicInteger(READING);

    /** The call may copy into the destination (false: the read was cancelled). */
    boolean copying() {
        return state.compareAndSet(READING, COPYING);
    }

    /** This chunk's copy is over. */
    void copied() {
        state.set(READING);
    }

    /** Nobody copies into the destination after this returns. */
    void abandon() {
        while (!state.compareAndSet(READING, ABANDONED)) {
            if (state.get() == ABANDONED) {
                return;
            }
            Thread.onSpinWait(); // a memory copy of at most one chunk: microseconds
        }
    }
}
