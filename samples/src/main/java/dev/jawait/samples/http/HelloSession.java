package dev.jawait.samples.http;

import dev.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * What one hello-server connection keeps between exchanges: only the bytes of a request that has
 * not fully arrived yet (usually none) and whether it is still open. Each {@link #exchange} runs
 * on borrowed {@link ScratchBuffers} without waiting: reads what the socket has, answers every
 * complete request, writes what the socket takes now, and hands back only the replies the peer
 * was too slow to take, as a buffer of its own for the caller to await.
 *
 * <pre>{@code
 * HelloSession session = new HelloSession();
 * while (session.isOpen()) {
 *     await(socket.readable());                  // idle: no buffer held
 *     ByteBuffer unsent = session.exchange(socket);
 *     if (unsent != null) await(socket.writeAll(unsent));
 * }
 * }</pre>
 */
final class HelloSession {
    private static final HelloResponder RESPONDER = new HelloResponder();
    /** Room for the largest request the parser accepts (head + body). */
    static final int MAX_REQUEST = HttpRequestParser.MAX_HEAD + HttpRequestParser.MAX_BODY + 1;

    private byte[] partial;
    private boolean open = true;

    /** False once the peer ended the stream or a request asked to close (after its reply). */
    boolean isOpen() {
        return open;
    }

    /**
     * One non-waiting exchange; returns {@code null} when every reply was written, else the
     * replies still to write (owned by the caller, not borrowed).
     */
    ByteBuffer exchange(TcpStream socket) throws IOException {
        ScratchBuffers scratch = ScratchBuffers.get();
        ByteBuffer in = scratch.input();
        if (partial != null) {
            if (partial.length >= in.capacity() / 2) {
                // A big request in progress: read it into a buffer of its own.
                in = ByteBuffer.allocate(Math.min(Math.max(partial.length * 2, in.capacity()), MAX_REQUEST));
            }
            in.put(partial);
            partial = null;
        }
        int n = socket.tryRead(in);
        if (n < 0) {
            open = false;
            return null;
        }
        in.flip();
        if (n == 0) {
            keepPartial(in); // a false positive: keep what we had
            return null;
        }
        HelloResponder.Output out = scratch.output();
        open = RESPONDER.respond(in, out);
        if (open) {
            keepPartial(in);
        }
        if (out.size() == 0) {
            return null;
        }
        ByteBuffer replies = out.asBuffer();
        socket.tryWrite(replies);
        if (!replies.hasRemaining()) {
            return null;
        }
        // The peer reads slowly: the rest goes out from a copy this connection owns.
        ByteBuffer unsent = ByteBuffer.allocate(replies.remaining());
        unsent.put(replies).flip();
        return unsent;
    }

    private void keepPartial(ByteBuffer in) {
        if (in.hasRemaining()) {
            partial = new byte[in.remaining()];
            in.get(partial);
        }
    }
}
