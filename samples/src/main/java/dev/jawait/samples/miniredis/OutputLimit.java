package dev.jawait.samples.miniredis;

/**
 * Redis' {@code client-output-buffer-limit} for one class of client, in bytes of replies and
 * messages queued for a client but not yet written to its socket: reaching {@code hardBytes}
 * closes the client at once; staying at or over {@code softBytes} for more than
 * {@code softMillis} closes it too. A limit of 0 is no limit.
 *
 * <pre>{@code
 * OutputLimit.PUBSUB.hardBytes();    // 32 MB, as redis.conf's "pubsub 32mb 8mb 60"
 * new OutputLimit(1 << 20, 0, 0);     // hard 1 MB only, e.g. in a test
 * }</pre>
 *
 * <p>Besides the limit, mini-redis stops running a client's commands while
 * {@link Session#BACKPRESSURE_BYTES} of its own replies wait to be sent, so a client that sends
 * commands without reading their replies stalls (its TCP window fills) instead of growing the
 * server's memory. What the limit still has to bound is the output a client cannot stall: one
 * huge reply, and the messages other clients publish to a subscriber.
 */
record OutputLimit(long hardBytes, long softBytes, long softMillis) {
    /**
     * Normal clients. Redis sets none ({@code normal 0 0 0}); mini-redis closes a client whose
     * pending output reaches 512 MB + 64 KB: the largest value a client can SET (512 MB, Redis'
     * proto-max-bulk-len) can still be read back with GET, but no single reply (an MGET naming a
     * big value many times, a KEYS over a huge keyspace) can grow without bound.
     */
    static final OutputLimit NORMAL = new OutputLimit(RespParser.MAX_BULK_LENGTH + 64 * 1024, 0, 0);

    /** Subscribed clients: Redis' default {@code pubsub 32mb 8mb 60}. */
    static final OutputLimit PUBSUB = new OutputLimit(32L << 20, 8L << 20, 60_000);

    OutputLimit {
        if (hardBytes < 0 || softBytes < 0 || softMillis < 0) {
            throw new IllegalArgumentException("negative output limit: " + hardBytes + " " + softBytes + " " + softMillis);
        }
    }

    /** Whether {@code usedBytes} reaches the hard limit (Redis: {@code used >= hard}). */
    boolean hardReached(long usedBytes) {
        return hardBytes > 0 && usedBytes >= hardBytes;
    }

    /** Whether {@code usedBytes} reaches the soft limit (the time is checked by the caller). */
    boolean softReached(long usedBytes) {
        return softBytes > 0 && usedBytes >= softBytes;
    }
}
