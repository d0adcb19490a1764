package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;

/**
 * The future of {@link TlsStream#readable()}: ready at once when the stream already holds
 * something a {@code tryRead} can deliver (decrypted bytes, a whole record, the end, a failure),
 * else the TCP socket's own readiness. One instance per stream, reused for every wait, so waiting
 * allocates nothing; one reader at a time makes that safe. Cancelling drops the interest.
 *
 * <pre>{@code
 * await(tls.readable());            // holds no buffer while it waits
 * int n = tls.tryRead(borrowed);    // 0: not a whole record yet, wait again
 * }</pre>
 */
final class TlsReadiness implements TryFuture<Void, IOException> {
    private final TlsConnection conn;
    private final TryFuture<Void, IOException> socketReadable;

    TlsReadiness(TlsConnection conn) {
        this.conn = conn;
        this.socketReadable = conn.tcp.readable();
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (conn.readableWithoutSocket()) {
            return Coop.proceed(cx) ? Poll.ready(null) : Poll.pending();
        }
        return socketReadable.poll(cx);
    }

    @Override
    public boolean cancel() {
        return socketReadable.cancel();
    }

    @Override
    public String toString() {
        return "tls.readable()";
    }
}
