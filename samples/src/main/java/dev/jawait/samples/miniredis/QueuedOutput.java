package dev.jawait.samples.miniredis;

/**
 * The bytes one connection was given to send and has not sent yet, checked against its
 * {@link OutputLimit} as Redis' {@code checkClientOutputBufferLimits} does: an addition that
 * reaches the hard limit, or finds the soft limit reached continuously for longer than its time,
 * is refused and closes this queue (the caller then evicts the client), and is counted in
 * {@link ServerState#outputLimitDisconnections()}. Every byte held is also counted in the
 * server-wide {@link ServerState#queuedOutputBytes()} until it is sent or the queue closes.
 * Thread-safe: publishers add from any worker while the connection's writer task removes.
 *
 * <pre>{@code
 * QueuedOutput queued = new QueuedOutput(server);
 * if (!queued.tryAdd(frame.length, OutputLimit.PUBSUB, now)) evict();
 * queued.sent(written);
 * queued.close();          // the connection is over: forget what was left
 * }</pre>
 *
 * <p>As in Redis, the soft-limit clock starts at the first addition that finds the soft limit
 * reached and is reset only by an addition that finds it not reached.
 */
final class QueuedOutput {
    private static final long NOT_REACHED = -1;

    private final ServerState server;
    private volatile long bytes;
    private long softReachedSince = NOT_REACHED;
    private boolean closed;

    QueuedOutput(ServerState server) {
        this.server = server;
    }

    /** The bytes queued now. */
    long bytes() {
        return bytes;
    }

    /**
     * Counts {@code n} more bytes unless that reaches {@code limit} at {@code nowMillis}; false
     * (and closed from now on) when it does, or when already closed.
     */
    synchronized boolean tryAdd(long n, OutputLimit limit, long nowMillis) {
        if (closed) {
            return false;
        }
        long used = bytes + n;
        boolean overSoftTooLong = false;
        if (limit.softReached(used)) {
            if (softReachedSince == NOT_REACHED) {
                softReachedSince = nowMillis;
            } else {
                overSoftTooLong = nowMillis - softReachedSince > limit.softMillis();
            }
        } else {
            softReachedSince = NOT_REACHED;
        }
        if (limit.hardReached(used) || overSoftTooLong) {
            closeLocked();
            server.outputLimitDisconnection();
            return false;
        }
        bytes = used;
        server.outputQueued(n);
        return true;
    }

    /** {@code n} queued bytes reached the socket (or were dropped before being queued). */
    synchronized void sent(long n) {
        if (!closed) {
            bytes -= n;
            server.outputQueued(-n);
        }
    }

    /** Whether a limit was reached or {@link #close} was called. */
    synchronized boolean isClosed() {
        return closed;
    }

    /** Forgets everything still queued and refuses any more; idempotent. */
    synchronized void close() {
        closeLocked();
    }

    private void closeLocked() {
        if (!closed) {
            closed = true;
            server.outputQueued(-bytes);
            bytes = 0;
        }
    }
}
