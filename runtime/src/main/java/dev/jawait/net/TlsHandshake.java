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
 * then: a failure, or cancellation (an aborted task, a {@code Time.timeout}), closes it.
 *
 * <pre>{@code
 * TlsStream tls = await(Time.timeout(Duration.ofSeconds(10), TlsStream.server(socket, context)));
 * }</pre>
 *
 * <p>The first poll starts the engine ({@code beginHandshake}: a client makes its key shares
 * there). Then each poll loops over the engine's handshake status:
 * <ul>
 *   <li>first, records queued by an earlier step must reach the socket (a flight is sent before
 *       its answer is awaited): if the socket does not take them, wait until writable;
 *   <li>{@code NEED_WRAP}: produce records (the ClientHello, the server's flight, Finished);
 *   <li>{@code NEED_UNWRAP}: give the engine the peer's next record, reading the socket; if no
 *       whole record has arrived, wait until readable;
 *   <li>{@code NEED_TASK}: run the delegated tasks;
 *   <li>{@code NOT_HANDSHAKING} (or {@code FINISHED}): done, with everything sent.
 * </ul>
 * The start and the delegated tasks run inline when cheap, else on the blocking pool while this
 * future waits for them ({@link DelegatedTasks}).
 */
final class TlsHandshake implements TryFuture<TlsStream, IOException> {
    private final TlsConnection conn;
    private final TlsConfig config;
    private final boolean client;
    private boolean started;
    private TryFuture<Void, Exception> work;        // start or delegated tasks, on the blocking pool
    private TryFuture<Void, IOException> readiness; // the socket readiness being waited for
    private boolean over;

    TlsHandshake(TlsConnection conn, TlsConfig config, boolean client) {
        this.conn = conn;
        this.config = config;
        this.client = client;
    }

    @Override
    public Poll<TlsStream> poll(Context cx) {
        SSLEngine engine = conn.engine;
        readiness = null; // polled again: whatever we waited for has happened (or may have)
        try {
            if (!started) {
                started = true;
                work = DelegatedTasks.run(engine::beginHandshake, cost(true), config.inlineTaskLimitNanos());
            }
            while (true) {
                if (work != null) {
                    if (work.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    work = null;
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
                        work = DelegatedTasks.run(DelegatedTasks.tasksOf(engine), cost(false),
                                config.inlineTaskLimitNanos());
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

    private DelegatedTasks.Cost cost(boolean start) {
        return DelegatedTasks.costOf(config.context(), client, start);
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

    /**
     * Mid-handshake: releases the socket and the engine (a leaf future: do not poll again). Work
     * on the blocking pool holds the engine's lock, so then only the socket is closed here — a
     * worker must not wait for that lock — and the engine, unreachable once the work ends, goes
     * with it (it holds no system resource; there is no one left to send close_notify to).
     */
    @Override
    public boolean cancel() {
        if (!over) {
            over = true;
            if (work != null) {
                work.cancel(); // skipped if it has not started yet
                work = null;
                conn.tcp.close();
            } else {
                if (readiness != null) {
                    readiness.cancel();
                    readiness = null;
                }
                conn.close();
            }
        }
        return false;
    }

    /** Made of this future's own state: the engine's is locked while work runs on the pool. */
    @Override
    public String toString() {
        String role = client ? "client handshake with " + conn.serverName : "server handshake";
        String state = over ? "over"
                : !started ? "not started"
                : work != null ? "waiting for delegated tasks on the blocking pool"
                : readiness != null ? "waiting for the socket (" + readiness + ")"
                : "running";
        return "TlsHandshake[" + role + ", " + state + "]";
    }
}
