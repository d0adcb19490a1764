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
 * Like Redis (client-query-buffer-limit, 1 GiB), a client whose incomplete command grows past
 * the server's query-buffer limit is closed without a reply.
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
    /** The most bytes of an incomplete frame this connection may hold. */
    private final int queryBufferLimit;
    /** Bytes of an incomplete frame, in write mode (data in [0, position)); null when none. */
    private ByteBuffer tail;
    private boolean endOfStream;
    private boolean overLimit;

    ConnectionIo(Session session) {
        this.session = session;
        this.queryBufferLimit = session.server().queryBufferLimit();
    }

    /**
     * Whether the peer left, or the session must close (QUIT, protocol error, eviction, an
     * incomplete command over the query-buffer limit).
     */
    boolean isClosed() {
        return endOfStream || overLimit || session.closeAfterReply();
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
        if (tail != null && tail.position() > queryBufferLimit) {
            overLimit = true; // Redis closes such a client at once, without a reply
            tail = null;
            return null;
        }
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
                tail = grow(tail, queryBufferLimit + 1); // one byte over the limit is enough to know
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

    /** A buffer twice as large (but at most {@code maxCapacity}) holding {@code full}'s bytes. */
    static ByteBuffer grow(ByteBuffer full, int maxCapacity) {
        int capacity = (int) Math.min(2L * full.capacity(), Math.max(maxCapacity, full.capacity() + 1L));
        return ByteBuffer.allocate(capacity).put(full.flip());
    }

    private static ByteBuffer copy(ByteBuffer rest) {
        ByteBuffer owned = ByteBuffer.allocate(rest.remaining());
        owned.put(rest).flip();
        return owned;
    }
}
