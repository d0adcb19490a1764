package dev.jawait.samples.http;

import dev.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What one hello-server connection keeps between exchanges: its {@link HelloResponder} (where
 * it is in the request stream), the bytes read but not answered yet (usually none), and whether
 * it is still open. Each {@link #exchange} runs on borrowed {@link ScratchBuffers} without
 * waiting: reads what the socket has, answers every complete request, writes what the socket
 * takes now, and hands back only the replies the peer was too slow to take, as a buffer of its
 * own for the caller to await.
 *
 * <p>What a connection holds is bounded whatever the peer does: bodies are skipped as they
 * arrive, an incomplete head is at most {@link HttpRequestParser#MAX_HEAD} bytes, and a peer that
 * pipelines requests without reading the replies leaves at most {@link ScratchBuffers#SIZE}
 * bytes of requests and {@link HelloResponder#REPLY_BUDGET} bytes (plus one reply) of replies.
 *
 * <pre>{@code
 * HelloSession session = new HelloSession(gauges);
 * while (session.isOpen()) {
 *     if (!session.hasBacklog()) await(socket.readable());   // idle: no buffer held
 *     ByteBuffer unsent = session.exchange(socket);
 *     if (unsent != null) await(socket.writeAll(unsent));
 * }
 * session.release();
 * }</pre>
 */
final class HelloSession {
    static final boolean DEBUG = Boolean.getBoolean("hdebug");
    private final HelloResponder responder = new HelloResponder();
    private final ConnectionGauges gauges;
    /** Bytes read and not answered yet: an incomplete head, or requests past the reply budget. */
    private byte[] unread;
    /** Whether {@link #unread} may hold complete requests, to answer before waiting for input. */
    private boolean backlog;
    private boolean open = true;
    private boolean peerEnded;
    /** What this connection holds between exchanges, as last added to the gauges. */
    private int held;

    HelloSession(ConnectionGauges gauges) {
        this.gauges = gauges;
    }

    /** False once the peer ended the stream or a request asked to close (after its reply). */
    boolean isOpen() {
        return open;
    }

    /** Whether the next exchange has requests to answer without new input. */
    boolean hasBacklog() {
        return backlog;
    }

    /**
     * Whether the server chose to close (an error, {@code Connection: close}, HTTP/1.0) while
     * the peer may still send: the caller then half-closes and waits for the peer's end.
     */
    boolean closedByServer() {
        return !open && !peerEnded;
    }

    /**
     * One non-waiting exchange; returns {@code null} when every reply was written, else the
     * replies still to write (owned by the caller, not borrowed). The previous exchange's
     * replies must have been written.
     */
    ByteBuffer exchange(TcpStream socket) throws IOException {
        ScratchBuffers scratch = ScratchBuffers.get();
        ByteBuffer in = scratch.input();
        int kept = unread == null ? 0 : unread.length;
        int n = socket.tryRead(in.position(kept)); // after the unread bytes; 0 when they fill the buffer
        if (n == 0 && !backlog) {
            hold(kept); // the previous exchange's unsent replies are written by now
            return null; // a false wake-up: nothing new, and unread stays as it is
        }
        if (kept > 0) {
            in.put(0, unread);
            unread = null;
        }
        in.flip();
        peerEnded = n < 0;
        HelloResponder.Output out = scratch.output();
        ByteBuffer unsent = null;
        while (true) {
            open = responder.respond(in, out);
            backlog = open && out.size() >= HelloResponder.REPLY_BUDGET;
            if (peerEnded && !backlog) {
                open = false; // what is left is an incomplete request that can never complete
            }
            ByteBuffer replies = out.asBuffer();
            if (replies.hasRemaining()) {
                socket.tryWrite(replies);
            }
            if (replies.hasRemaining()) {
                // The peer reads slowly: the rest goes out from a copy this connection owns.
                unsent = ByteBuffer.allocate(replies.remaining());
                unsent.put(replies).flip();
                break;
            }
            if (!backlog) {
                break;
            }
            out.reset(); // every reply went out: answer the rest of what was read
        }
        if (open && in.hasRemaining()) {
            unread = new byte[in.remaining()];
            in.get(unread);
        }
        long skipped = responder.takeBodyBytesSkipped();
        if (skipped != 0) {
            gauges.bodySkipped(skipped);
        }
        hold((unread == null ? 0 : unread.length) + (unsent == null ? 0 : unsent.capacity()));
        if (DEBUG) System.err.printf("%d ex n=%d kept=%d unread=%d unsent=%d backlog=%b%n", System.nanoTime() / 1000000 % 100000, n, kept, unread == null ? 0 : unread.length, unsent == null ? 0 : unsent.capacity(), backlog);
        return unsent;
    }

    /** Lets the gauges know this connection holds nothing any more (it is closing). */
    void release() {
        unread = null;
        hold(0);
    }

    private void hold(int bytes) {
        if (bytes != held) {
            gauges.held(bytes - held);
            held = bytes;
        }
    }
}
