package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import javax.net.ssl.SSLEngine;

/**
 * The future of {@link TlsStream#client} and {@link TlsStream#server}: drives the engine's
 * handshake to its end and completes with the {@link TlsStream}. It owns the connection until
 * then: a failure, or cancellation (an aborted task, a {@code Time.timeout}), closes the
 * engine and the socket — and abandons delegated tasks still running on the blocking pool.
 *
 * <pre>{@code
 * TlsStream tls = await(Time.timeout(Duration.ofSeconds(10), TlsStream.server(socket, context)));
 * }</pre>
 *
 * <p>Each poll loops over the engine's handshake status:
 * <ul>
 *   <li>first, records queued by an earlier step must reach the socket (a flight is sent before
 *       its answer is awaited): if the socket does not take them, wait until writable;
 *   <li>{@code NEED_WRAP}: produce records (the ClientHello, the server's flight, Finished);
 *   <li>{@code NEED_UNWRAP}: give the engine the peer's next record, reading the socket; if no
 *       whole record has arrived, wait until readable;
 *   <li>{@code NEED_TASK}: run the delegated tasks — inline when cheap, else on the blocking pool,
 *       waiting for them ({@link DelegatedTasks});
 *   <li>{@code NOT_HANDSHAKING} (or {@code FINISHED}): done, with everything sent.
 * </ul>
 */
final class TlsHandshake implements TryFuture<TlsStream, IOException> {
    private final TlsConnection conn;
    private final DelegatedTasks.Cost taskCost;
    private final long inlineTaskLimitNanos;
    private boolean started;
    private TryFuture<Void, Exception> tasks;       // delegated tasks running on the blocking pool
    private TryFuture<Void, IOException> readiness; // the socket readiness being waited for
    private boolean over;

    TlsHandshake(TlsConnection conn, TlsConfig config, boolean client) {
        this.conn = conn;
        this.taskCost = DelegatedTasks.costOf(config.context(), client);
        this.inlineTaskLimitNanos = config.inlineTaskLimitNanos();
    }

    @Override
    public Poll<TlsStream> poll(Context cx) {
        SSLEngine engine = conn.engine;
        try {
            if (!started) {
                started = true;
                engine.beginHandshake();
            }
            while (true) {
                if (tasks != null) {
                    if (tasks.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    tasks = null;
                }
                if (!conn.flush()) {
                    if (waitFor(conn.tcp.writable(), cx)) {
                        return Poll.pending();
                    }
                    continue;
                }
                switch (engine.getHandshakeStatus()) {
                    case NEED_WRAP:
                        conn.wrapHandshake();
                        break;
                    case NEED_UNWRAP:
                    case NEED_UNWRAP_AGAIN: // DTLS only
                        if (!conn.unwrapHandshake() && waitFor(conn.tcp.readable(), cx)) {
                            return Poll.pending();
                        }
                        break;
                    case NEED_TASK:
                        tasks = DelegatedTasks.run(engine, taskCost, inlineTaskLimitNanos);
                        break;
                    case NOT_HANDSHAKING:
                    case FINISHED:
                        over = true;
                        conn.handshakeDone();
                        return Poll.ready(new TlsStream(conn));
                    default:
                        throw new IllegalStateException("unknown handshake status " + engine.getHandshakeStatus());
                }
            }
        } catch (Throwable failure) {
            over = true;
            conn.close(); // sends the engine's alert if the socket takes it
            throw Failures.sneaky(failure);
        }
    }

    /** Polls {@code r}; true (and remembered for cancel) if pending, false if already ready. */
    private boolean waitFor(TryFuture<Void, IOException> r, Context cx) {
        if (r.poll(cx).isPending()) {
            readiness = r;
            return true;
        }
        readiness = null;
        return false;
    }

    /** Mid-handshake: releases the socket and the engine (a leaf future: do not poll again). */
    @Override
    public boolean cancel() {
        if (!over) {
            over = true;
            if (tasks != null) {
                tasks.cancel();
                tasks = null;
            }
            if (readiness != null) {
                readiness.cancel();
                readiness = null;
            }
            conn.close();
        }
        return false;
    }

    @Override
    public String toString() {
        return "TlsHandshake[" + (conn.serverName != null ? "client for " + conn.serverName : "server")
                + ", " + conn.engine.getHandshakeStatus() + "]";
    }
}
