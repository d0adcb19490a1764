package dev.jawait.samples.http;

import dev.jawait.samples.net.ByteStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What one hello-server connection keeps between exchanges: its {@link HelloResponder} (where
 * it is in the request stream), the bytes of a head that has not fully arrived yet (usually
 * none), and whether it is still open. Each {@link #exchange} runs on borrowed
 * {@link ScratchBuffers} without waiting: reads what the socket has, answers every complete
 * request, writes what the socket takes now, and hands back only the replies the peer was too
 * slow to take, as a buffer of its own for the caller to await.
 *
 * <p>What a connection holds is bounded whatever the peer does: request bodies are skipped as
 * they arrive, an incomplete head is at most {@link HttpRequestParser#MAX_HEAD} bytes, and the
 * replies a peer has not taken are those to one read of {@link ScratchBuffers#SIZE} bytes (no
 * more is read until they are written) — about 70 KB for a peer that pipelines the smallest
 * requests and never reads.
 *
 * <pre>{@code
 * HelloSession session = new HelloSession(gauges);
 * while (session.isOpen()) {
 *     await(socket.readable());                  // idle: no buffer held
 *     ByteBuffer unsent = session.exchange(socket);
 *     if (unsent != null) await(socket.writeAll(unsent));
 * }
 * session.release();
 * }</pre>
 */
final class HelloSession {
    private final HelloResponder responder = new HelloResponder();
    private final ConnectionGauges gauges;
    /** The start of a head that has not fully arrived yet. */
    private byte[] partial;
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

    /** Whether part of a request (its head or its body) has arrived and the rest has not. */
    boolean midRequest() {
        return partial != null || !responder.betweenRequests();
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
    ByteBuffer exchange(ByteStream socket) throws IOException {
        ScratchBuffers scratch = ScratchBuffers.get();
        ByteBuffer in = scratch.input();
        int kept = partial == null ? 0 : partial.length; // < MAX_HEAD: room to read is left
        int n = socket.tryRead(in.position(kept));
        if (n == 0) {
            hold(kept); // the previous exchange's unsent replies are written by now
            return null; // a false wake-up: nothing new, and partial stays as it is
        }
        if (kept > 0) {
            in.put(0, partial);
            partial = null;
        }
        in.flip();
        peerEnded = n < 0;
        HelloResponder.Output out = scratch.output();
        // After the peer's end, an incomplete request can never complete: close either way.
        open = responder.respond(in, out) && !peerEnded;
        long skipped = responder.takeBodyBytesSkipped();
        if (skipped != 0) {
            gauges.bodySkipped(skipped); // before the replies go out: whoever reads them sees the count
        }
        if (open && in.hasRemaining()) {
            partial = new byte[in.remaining()];
            in.get(partial);
        }
        ByteBuffer unsent = null;
        ByteBuffer replies = out.asBuffer();
        if (replies.hasRemaining()) {
            socket.tryWrite(replies);
            if (replies.hasRemaining()) {
                // The peer reads slowly: the rest goes out from a copy this connection owns.
                unsent = ByteBuffer.allocate(replies.remaining());
                unsent.put(replies).flip();
            }
        }
        hold((partial == null ? 0 : partial.length) + (unsent == null ? 0 : unsent.capacity()));
        return unsent;
    }

    /** Tells the gauges this connection holds nothing any more (it is closing). */
    void release() {
        partial = null;
        hold(0);
    }

    private void hold(int bytes) {
        if (bytes != held) {
            gauges.held(bytes - held);
            held = bytes;
        }
    }
}
