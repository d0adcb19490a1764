package dev.jawait.samples.miniredis;

import dev.jawait.net.TcpStream;
import dev.jawait.samples.net.ByteStream;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import jdk.net.ExtendedSocketOptions;

/**
 * The socket side of one connection between two awaits: read what arrived into a per-thread
 * buffer, run every complete command, and send all the replies with one write. An idle
 * connection holds no buffer (it waits with {@link ByteStream#readable()}); it owns bytes only for
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
 *
 * <p>Backpressure: {@link Session#process} stops once {@link Session#BACKPRESSURE_BYTES} of
 * replies are pending, leaving the commands after it in the tail ({@link #hasBacklog()}); the
 * connection sends the replies (waiting for the peer if it must), then runs the backlog before it
 * reads again. So a client that pipelines without reading makes the server stop reading it, and
 * holds at most about one read buffer of input and one backpressure mark (plus one reply) of
 * output. What a connection holds is counted in {@link ServerState#queuedOutputBytes()} and
 * {@link ServerState#bufferedInputBytes()}.
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

    /**
     * Bytes of commands and replies a connection may handle before it lets other tasks run
     * ({@link #mustYield}): about 1,300 pipelined PINGs, around a millisecond of work. A client
     * that keeps its socket full would otherwise be served for as long as the runtime's
     * cooperative budget lasts (128 socket operations: some 8 MB of commands), keeping its worker
     * from every other client meanwhile — and a worker looks for new I/O events (a new client, a
     * client's request) only between task polls (every 61 of them when busy), so the work of one
     * poll multiplies into everybody's latency.
     */
    static final int YIELD_AFTER_BYTES = 16 * 1024;

    private static final byte[] MAX_CLIENTS_REACHED =
            "-ERR max number of clients reached\r\n".getBytes(StandardCharsets.US_ASCII);

    /** Redis' tcp-keepalive default: probe an idle peer after 300 s, then every 100 s, 3 times. */
    static final int KEEPALIVE_IDLE_SECONDS = 300;

    private final Session session;
    private final ServerState server;
    /** The most bytes of an incomplete frame this connection may hold. */
    private final int queryBufferLimit;
    /**
     * Unparsed input, in write mode (data in [0, position)): an incomplete frame, or commands
     * held back by backpressure; null when none.
     */
    private ByteBuffer tail;
    /** Whether the tail may hold complete commands that output backpressure held back. */
    private boolean backlog;
    private boolean endOfStream;
    private boolean overLimit;
    /** Bytes of commands and replies handled since the last {@link #mustYield} that said yes. */
    private long workSinceYield;
    /** What this connection counts in the server's gauges now. */
    private long countedInput;
    private long countedOutput;

    ConnectionIo(Session session) {
        this.session = session;
        this.server = session.server();
        this.queryBufferLimit = server.queryBufferLimit();
    }

    /**
     * Options for an accepted socket: no Nagle delay (replies go out at once), and TCP keepalive
     * as Redis' {@code tcp-keepalive 300}, so a peer that vanished without a FIN or a reset (a
     * cable pulled, a host gone) ends its connection — and its tasks — after about 10 minutes.
     * The idle/interval/count options are Linux and macOS ones; elsewhere the system's keepalive
     * times apply.
     */
    static void configure(TcpStream socket) throws IOException {
        socket.setNoDelay(true);
        socket.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
        try {
            socket.setOption(ExtendedSocketOptions.TCP_KEEPIDLE, KEEPALIVE_IDLE_SECONDS);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPINTERVAL, KEEPALIVE_IDLE_SECONDS / 3);
            socket.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, 3);
        } catch (UnsupportedOperationException platformHasNoSuchOption) {
            // keepalive stays on with the system's times
        }
    }

    /**
     * Turns a connection away past maxclients, as Redis does: one error line written if the
     * socket takes it at once (it is never waited for), then the connection is closed. (A TLS
     * client is closed before its handshake: it sees the handshake fail.)
     */
    static void refuse(ByteStream socket) {
        try {
            socket.tryWrite(ByteBuffer.wrap(MAX_CLIENTS_REACHED));
        } catch (IOException peerGone) {
            // closed below all the same
        }
        socket.close();
    }

    /**
     * Whether the peer left, or the session must close (QUIT, protocol error, eviction, an
     * incomplete command over the query-buffer limit).
     */
    boolean isClosed() {
        return endOfStream || overLimit || session.closeAfterReply();
    }

    /** Whether part of a command has arrived and the rest has not (or a backlog waits to run). */
    boolean midCommand() {
        return tail != null;
    }

    /**
     * Whether commands already read wait to run (backpressure stopped the last batch): the next
     * {@link #exchange} runs them without reading, so do not wait for the socket to be readable.
     */
    boolean hasBacklog() {
        return backlog && tail != null;
    }

    /**
     * Whether this connection handled {@link #YIELD_AFTER_BYTES} since it last yielded, and so
     * should let the other tasks of its worker run now (then the count starts again).
     */
    boolean mustYield() {
        if (workSinceYield < YIELD_AFTER_BYTES) {
            return false;
        }
        workSinceYield = 0;
        return true;
    }

    /** The unsent replies {@link #exchange} returned were written. */
    void sent() {
        countOutput(0);
    }

    /** The connection is over: it holds nothing any more. */
    void close() {
        tail = null;
        backlog = false;
        countInput();
        countOutput(0);
    }

    /**
     * One read, the commands it completes, one write of their replies. Returns the replies the
     * socket could not take now (to be sent with {@code writeAll} before the next exchange), or
     * null when everything left.
     */
    ByteBuffer exchange(ByteStream socket) throws IOException {
        try {
            return exchangeCounted(socket);
        } finally {
            countInput();
        }
    }

    private ByteBuffer exchangeCounted(ByteStream socket) throws IOException {
        boolean fromBacklog = hasBacklog();
        ByteBuffer in = readBuffer(fromBacklog);
        if (!fromBacklog) {
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
        }
        in.flip();
        RespEncoder out = REPLIES.get();
        out.reset();
        int start = in.position();
        backlog = session.process(in, out);
        workSinceYield += in.position() - start + out.size();
        keepTail(in);
        if (tail != null && tail.position() > queryBufferLimit) {
            overLimit = true; // Redis closes such a client at once, without a reply
            server.queryBufferLimitDisconnection();
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
        if (unsent != null) {
            countOutput(unsent.capacity());
        }
        return unsent;
    }

    /**
     * The buffer to parse: the held-back tail alone when running a backlog, else a buffer to read
     * into holding the tail of the previous read (if any) first.
     */
    private ByteBuffer readBuffer(boolean backlogOnly) {
        if (backlogOnly) {
            return tail;
        }
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

    /** Brings the server's input gauge to what this connection holds now (its tail's capacity). */
    private void countInput() {
        long held = tail == null ? 0 : tail.capacity();
        if (held != countedInput) { // most exchanges leave no tail: no shared counter touched
            server.inputBuffered(held - countedInput);
            countedInput = held;
        }
    }

    private void countOutput(long held) {
        if (held != countedOutput) {
            server.outputQueued(held - countedOutput);
            countedOutput = held;
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
