package dev.jawait.samples.http;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one hello server hold and have read, summed: the bytes they keep
 * between reads (incomplete heads, replies a slow peer has not taken yet) and the request-body
 * bytes they read past. Updated only off the fast path — a keep-alive exchange that ends with
 * nothing kept touches neither.
 *
 * <pre>{@code
 * ConnectionGauges gauges = new ConnectionGauges();
 * gauges.held(+512);         // a connection kept an incomplete head
 * gauges.held(-512);         // ... and let it go
 * long now = gauges.bytesHeld();
 * }</pre>
 */
final class ConnectionGauges {
    private final LongAdder bytesHeld = new LongAdder();
    private final LongAdder bodyBytesSkipped = new LongAdder();

    /** A connection now holds {@code delta} more (or, negative, fewer) bytes. */
    void held(long delta) {
        bytesHeld.add(delta);
    }

    /** A connection read past {@code n} more body bytes. */
    void bodySkipped(long n) {
        bodyBytesSkipped.add(n);
    }

    long bytesHeld() {
        return bytesHeld.sum();
    }

    long bodyBytesSkipped() {
        return bodyBytesSkipped.sum();
    }
}
