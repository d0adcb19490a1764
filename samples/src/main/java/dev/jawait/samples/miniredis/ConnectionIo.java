package dev.jawait.samples.miniredis;

import dev.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The socket side of one connection between two awaits: read what arrived into a per-thread
 * buffer, run every complete command, and send all the replies with one write. An idle
 * connection holds no buffer (it waits with {@link TcpStream#readable()}); it owns bytes only for
 * an incomplete frame or for replies the peer was too slow to take. A short read tells the
 * socket it was drained, so the next wait costs no extra read system call.
 *
 * <pre>{@code
 * ConnectionIo io = new ConnectionIo(session);
 * while (!io.isClosed()) {
 *     await(socket.readable());
 *     ByteBuffer unsent = io.exchange(socket);          // never waits
 *     if (unsent != null) await(socket.writeAll(unsent));
 * }
 * }</pre>
 *
 * <p>Per-thread buffers are never held across an await: a task may resume on another worker.
 */
final class ConnectionIo {
    /** The per-thread read buffer: pipelined batches of small commands fit many times over. */
    static final int READ_BUFFER = 64 * 1024;
    /** A tail up to this size is copied into the next read buffer; a larger one is read into. */
    private static final int COPIED_TAIL = READ_BUFFER / 4;
    /** An owned tail buffer that grew past this for a huge frame shrinks once drained. */
    static final int RETAINED_BUFFER = 256 * 1024;

    private static final ThreadLocal<ByteBuffer> READS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocate(READ_BUFFER));
    private static final ThreadLocal<RespEncoder> REPLIES = ThreadLocal.withInitial(RespEncoder::new);

    private final Session session;
    /** Bytes of an incomplete frame, in write mode (data in [0, position)); null when none. */
    private ByteBuffer tail;
    private boolean endOfStream;

    ConnectionIo(Session session) {
        this.session = session;
    }

    /** Whether the peer left, or the session must close (QUIT, protocol error, eviction). */
    boolean isClosed() {
        return endOfStream || session.closeAfterReply();
    }

    /**
     * One read, the commands it completes, one write of their replies. Returns the replies the
     * socket could not take now (to be sent with {@code writeAll} before the next exchange), or
     * null when everything left.
     */
    ByteBuffer exchange(TcpStream socket) throws IOException {
        ByteBuffer in = readBuffer();
        int n = socket.tryRead(in);
        if (n < 0) {
            endOfStream = true;
        }
        if (n <= 0) { // nothing new (a spurious wake-up) or the end: keep the tail as it was
            if (in != tail && in.position() > 0) {
                keepTail(in.flip());
            }
            return null;
        }
        in.flip();
        RespEncoder out = REPLIES.get();
        out.reset();
        session.process(in, out);
        keepTail(in);
        if (out.isEmpty()) { // nothing to say, or subscribed (the outbox writes)
            return null;
        }
        ByteBuffer replies = out.asBuffer();
        socket.tryWrite(replies);
        ByteBuffer unsent = replies.hasRemaining() ? copy(replies) : null;
        out.reset();
        return unsent;
    }

    /** The buffer to read into, holding the tail of the previous read (if any) first. */
    private ByteBuffer readBuffer() {
        if (tail != null && tail.position() > COPIED_TAIL) { // a big frame: keep reading into it
            if (!tail.hasRemaining()) {
                tail = grow(tail);
            }
            return tail;
        }
        ByteBuffer in = READS.get().clear();
        if (tail != null) {
            in.put(tail.flip());
            tail = null;
        }
        return in;
    }

    /** Keeps the unparsed rest of {@code in} (read mode) for the next exchange, owned. */
    private void keepTail(ByteBuffer in) {
        if (!in.hasRemaining()) {
            tail = null; // drained: an idle connection holds no buffer
        } else if (in == tail) {
            in.compact();
            if (tail.capacity() > RETAINED_BUFFER && tail.position() <= COPIED_TAIL) {
                tail = ByteBuffer.allocate(COPIED_TAIL * 2).put(tail.flip());
            }
        } else {
            tail = ByteBuffer.allocate(Math.max(in.remaining() * 2, 1024)).put(in);
        }
    }

    static ByteBuffer grow(ByteBuffer full) {
        return ByteBuffer.allocate(full.capacity() * 2).put(full.flip());
    }

    private static ByteBuffer copy(ByteBuffer rest) {
        ByteBuffer owned = ByteBuffer.allocate(rest.remaining());
        owned.put(rest).flip();
        return owned;
    }
}
