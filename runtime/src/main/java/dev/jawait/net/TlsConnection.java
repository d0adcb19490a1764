package dev.jawait.net;

import java.io.IOException;
import java.nio.ByteBuffer;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * One TLS connection's {@link SSLEngine} over its {@link TcpStream}, and the few bytes it must keep
 * between polls. Every method is one non-blocking step (wrap or unwrap, and the socket call that
 * feeds or drains it); the futures of {@link TlsStream} and {@link TlsHandshake} decide when to
 * call them and which socket readiness to wait for.
 *
 * <pre>{@code
 * int n = conn.read(dst);            // 0: the socket has no complete record yet
 * if (!conn.flush()) ...             // records still queued: wait until writable
 * }</pre>
 *
 * <h2>Buffers</h2>
 * Steps work in the thread's {@link TlsScratch} buffers. What must outlive a step is copied
 * into a buffer of exactly its size and dropped once used: received bytes short of a whole record
 * ({@code cipherIn}), decrypted bytes the reader had no room for ({@code plainIn}), and records
 * the socket did not take ({@code cipherOut}). An idle connection holds none of them.
 *
 * <h2>Threads</h2>
 * As on {@code TcpStream}: one reader (the handshake, then read/readExact/readable/tryRead) and
 * one writer (write/writeAll/flush/tryWrite) at a time, possibly on two threads. Reader state is
 * the reader's alone. The outbound queue is guarded by {@link #outbound}, because the reader
 * produces records too (the answer to a TLS 1.3 KeyUpdate, TLS 1.2's close_notify reply) and
 * {@link #close()} may run anywhere; nothing under that lock waits. The engine locks itself.
 *
 * <h2>What each engine answer leads to</h2>
 * <pre>
 * unwrap, read path   OK                data, or a post-handshake message: deliver, go on
 *                     CLOSED            the peer's close_notify: -1 from now on
 *                     BUFFER_UNDERFLOW  no whole record: read the socket once (0 bytes: the
 *                                       caller waits until readable; -1: truncation)
 *                     BUFFER_OVERFLOW   the peer's records outgrew the session's size: take the new one
 *   ...its handshake  NEED_TASK         a new handshake: renegotiation refused
 *   status            NEED_WRAP         answer (KeyUpdate, TLS 1.2 close_notify) if the socket takes it
 * unwrap, handshake   OK                one record consumed: the handshake asks the engine what next
 *                     BUFFER_UNDERFLOW  as above; -1 from the socket fails the handshake
 *                     CLOSED            close_notify mid-handshake: fails it
 * wrap                OK                records made: go on while data is left or NEED_WRAP says so
 *                     CLOSED            close_notify made: no application data after it
 *                     BUFFER_OVERFLOW   take the session's new size
 * </pre>
 *
 * <h2>Refused renegotiation</h2>
 * After the initial handshake, a record that leaves the engine wanting a delegated task is a
 * new handshake (TLS 1.2 ClientHello or HelloRequest; TLS 1.3's post-handshake KeyUpdate and
 * NewSessionTicket are handled inline and never need one). It is refused: the operation fails
 * with an {@link SSLException}, the connection is closed, and every later operation fails the
 * same way.
 */
final class TlsConnection {
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);
    private static final int RECORD_HEADER = 5;
    /** What the engine answers to fewer bytes than a record header, without asking it. */
    private static final SSLEngineResult NO_HEADER = new SSLEngineResult(
            SSLEngineResult.Status.BUFFER_UNDERFLOW, HandshakeStatus.NOT_HANDSHAKING, 0, 0);

    final TcpStream tcp;
    final SSLEngine engine;
    /** Client: the name it was given (SNI, certificate check); server: null. */
    final String serverName;

    /**
     * The session's largest record, which also bounds a record's plaintext; it grows if the peer
     * sends larger records (jsse.SSLEngine.acceptLargeFragments).
     */
    private volatile int packetSize;

    // Reader side.
    private ByteBuffer cipherIn;     // received, not yet unwrapped (read mode), or null
    private ByteBuffer plainIn;      // decrypted, not yet delivered (read mode), or null
    private boolean inboundDone;     // the peer's close_notify arrived: reads return -1
    private SSLException truncation; // the peer closed without close_notify: every later read fails with it

    // Writer side: the fields below are guarded by `outbound`.
    private final Object outbound = new Object();
    private ByteBuffer cipherOut;    // records the socket has not taken yet (read mode), or null
    private boolean closeNotifySent; // the engine produced its close_notify: no more application data
    private boolean finSent;         // ...and the TCP output was shut behind it
    private volatile boolean closed; // written under `outbound`; read anywhere

    /**
     * Set once the connection is unusable — the engine failed (a bad record, a fatal alert: it is
     * broken for good then) or a renegotiation was refused: every operation fails with it.
     */
    private volatile SSLException failure;

    TlsConnection(TcpStream tcp, SSLEngine engine, String serverName) {
        this.tcp = tcp;
        this.engine = engine;
        this.serverName = serverName;
        this.packetSize = engine.getSession().getPacketBufferSize();
    }

    // ------------------------------------------------------------------ handshake steps

    /** Handshake, NEED_WRAP: produces the engine's next records and hands them to the socket. */
    void wrapHandshake() throws IOException {
        synchronized (outbound) {
            ByteBuffer out = TlsScratch.get().cipherOut(packetSize);
            wrap(EMPTY, out);
            if (out.position() == 0 && engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP) {
                throw new SSLHandshakeException("the TLS engine asks to wrap but produces nothing");
            }
            enqueue(out.flip());
        }
    }

    /**
     * Handshake, NEED_UNWRAP: gives the engine the next record, reading the socket when no whole
     * record is buffered. Returns false when the socket has none yet: the caller waits until it
     * is readable (the short read has cleared the cached readiness).
     */
    boolean unwrapHandshake() throws IOException {
        TlsScratch scratch = TlsScratch.get();
        ByteBuffer in = borrowCipherIn(scratch);
        boolean drained = false;
        try {
            while (true) {
                ByteBuffer plain = scratch.plain(packetSize);
                SSLEngineResult r = unwrap(in, plain);
                // Data cannot come before the handshake ends, and the JDK stops at its last
                // record: nothing to keep in practice, but nothing would be lost either.
                keepPlain(plain.flip());
                switch (r.getStatus()) {
                    case OK:
                        return true; // one record consumed; the caller asks the engine what next
                    case BUFFER_UNDERFLOW:
                        if (drained) {
                            return false;
                        }
                        in = roomForRecord(in);
                        int free = in.capacity() - in.remaining();
                        int n = readSocket(in);
                        if (n < 0) {
                            throw new SSLHandshakeException(
                                    "the peer closed the connection during the TLS handshake");
                        }
                        if (n == 0) {
                            return false;
                        }
                        drained = n < free;
                        break;
                    case BUFFER_OVERFLOW:
                        growPacketSize();
                        break;
                    case CLOSED:
                        throw new SSLHandshakeException(
                                "the peer closed the TLS session during the handshake (close_notify)");
                    default:
                        throw new IllegalStateException("unknown SSLEngineResult status " + r.getStatus());
                }
            }
        } finally {
            keepCipherIn(in);
        }
    }

    /** The initial handshake is over: take the negotiated session's buffer sizes. */
    void handshakeDone() {
        packetSize = Math.max(packetSize, engine.getSession().getPacketBufferSize());
    }

    // ------------------------------------------------------------------ reading

    /**
     * One non-blocking read: decrypted bytes into {@code dst} — what is buffered, else what one
     * socket read brings — and the count; 0 when no whole record has arrived yet (or {@code dst}
     * is full); -1 once the peer's close_notify came.
     *
     * @throws SSLException if the peer closed the TCP connection without close_notify
     *     (truncation), sent a bad record or began a renegotiation
     */
    int read(ByteBuffer dst) throws IOException {
        ensureUsable();
        if (truncation != null) {
            throw new SSLException(truncation.getMessage(), truncation);
        }
        if (plainIn != null) {
            return takePlain(dst);
        }
        if (inboundDone) {
            return -1;
        }
        if (!dst.hasRemaining()) {
            return 0;
        }
        TlsScratch scratch = TlsScratch.get();
        ByteBuffer in = borrowCipherIn(scratch);
        int delivered = 0;
        boolean drained = false; // the socket gave all it had: do not ask it again now
        try {
            while (true) {
                // Not even a record header (the usual case before the socket read and after the
                // last record): the engine could only answer BUFFER_UNDERFLOW, so do not ask it.
                // A partial record with its header does go to the engine, which checks its length.
                SSLEngineResult r = in.remaining() < RECORD_HEADER ? NO_HEADER : null;
                ByteBuffer target = dst;
                if (r == null) {
                    // Decrypt straight into dst when the record surely fits (its plaintext is
                    // shorter than the record), else aside and copy.
                    target = dst.remaining() >= wholeRecordLength(in) ? dst : scratch.plain(packetSize);
                    r = unwrap(in, target);
                }
                switch (r.getStatus()) {
                    case OK:
                    case CLOSED: // the peer's close_notify
                        if (target == dst) {
                            delivered += r.bytesProduced();
                        } else {
                            delivered += deliver(target.flip(), dst);
                            keepPlain(target); // what dst had no room for
                        }
                        if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                            inboundDone = true;
                        }
                        afterRecord(r.getHandshakeStatus());
                        if (inboundDone) {
                            return delivered > 0 ? delivered : -1;
                        }
                        if (plainIn != null || !dst.hasRemaining()) {
                            return delivered;
                        }
                        break; // a non-data record (session ticket, key update) or room for more
                    case BUFFER_UNDERFLOW:
                        // No whole record left: return what we have, or ask the socket once.
                        if (delivered > 0 || drained) {
                            return delivered;
                        }
                        in = roomForRecord(in);
                        int free = in.capacity() - in.remaining();
                        int n = readSocket(in);
                        if (n < 0) {
                            truncation = new SSLException("TLS stream truncated: the peer closed the connection "
                                    + "without close_notify" + (in.hasRemaining() ? ", in the middle of a record" : ""));
                            throw truncation;
                        }
                        if (n == 0) {
                            return 0;
                        }
                        drained = n < free;
                        break;
                    case BUFFER_OVERFLOW: // the peer's records outgrew the session's first sizes
                        growPacketSize();
                        break;
                    default:
                        throw new IllegalStateException("unknown SSLEngineResult status " + r.getStatus());
                }
            }
        } finally {
            keepCipherIn(in);
        }
    }

    /**
     * Whether a read would make progress without the socket: decrypted bytes or a whole record
     * are buffered, or there is an end or a failure to report.
     */
    boolean readableWithoutSocket() {
        return plainIn != null || inboundDone || truncation != null || failure != null || closed
                || holdsWholeRecord(cipherIn);
    }

    /** After a record of an established connection: do what the engine asks for, if anything. */
    private void afterRecord(HandshakeStatus status) throws IOException {
        if (status == HandshakeStatus.NEED_TASK) {
            throw refuseRenegotiation();
        }
        if (status == HandshakeStatus.NEED_WRAP) {
            // Answer now (KeyUpdate, TLS 1.2 close_notify); what the socket does not take waits
            // for the next write or flush: a reader never waits for writability.
            synchronized (outbound) {
                if (!closed) {
                    try {
                        wrapAndSend(EMPTY);
                    } catch (SSLException e) {
                        throw e; // the engine is broken: reads must fail too
                    } catch (IOException brokenSocket) {
                        // The record read is good; the socket's failure is the writer's to
                        // report: its next write or flush fails the same way.
                    }
                }
            }
        }
    }

    private SSLException refuseRenegotiation() {
        SSLException refused = new SSLException("TLS renegotiation refused: the peer started a new "
                + "handshake on an established connection; the connection is closed");
        failure = refused;
        close();
        return refused;
    }

    private int takePlain(ByteBuffer dst) {
        int n = deliver(plainIn, dst);
        if (!plainIn.hasRemaining()) {
            plainIn = null;
        }
        return n;
    }

    /** Copies what fits of {@code plain} into {@code dst}. */
    private static int deliver(ByteBuffer plain, ByteBuffer dst) {
        int n = Math.min(plain.remaining(), dst.remaining());
        dst.put(plain.slice(plain.position(), n));
        plain.position(plain.position() + n);
        return n;
    }

    private void keepPlain(ByteBuffer plain) {
        if (plain.hasRemaining()) {
            plainIn = plainIn == null ? copyOf(plain) : concat(plainIn, plain);
        }
    }

    private ByteBuffer borrowCipherIn(TlsScratch scratch) {
        ByteBuffer in = scratch.cipherIn(Math.max(packetSize, cipherIn == null ? 0 : cipherIn.remaining()));
        if (cipherIn != null) {
            in.put(cipherIn);
            cipherIn = null;
        }
        return in.flip();
    }

    private void keepCipherIn(ByteBuffer in) {
        cipherIn = in.hasRemaining() ? copyOf(in) : null;
    }

    /** {@code in} (read mode) is full without a whole record: move to a scratch the session's size. */
    private ByteBuffer roomForRecord(ByteBuffer in) throws SSLException {
        if (in.remaining() < in.capacity()) {
            return in;
        }
        growPacketSize();
        return ByteBuffer.allocate(Math.max(packetSize, in.capacity() + 1)).put(in).flip();
    }

    /** Reads the socket into the free space behind {@code in}'s bytes; {@code in} stays in read mode. */
    private int readSocket(ByteBuffer in) throws IOException {
        in.compact();
        try {
            return tcp.tryRead(in);
        } finally {
            in.flip();
        }
    }

    private static boolean holdsWholeRecord(ByteBuffer b) {
        return b != null && b.remaining() >= RECORD_HEADER && b.remaining() >= wholeRecordLength(b);
    }

    /**
     * The length, header included, of the record starting at {@code b}'s position, whose
     * header must be there: also a bound on its plaintext, so a buffer with that much room takes
     * the record decrypted (the engine's own check is against the record's length too).
     */
    private static int wholeRecordLength(ByteBuffer b) {
        return RECORD_HEADER + ((b.get(b.position() + 3) & 0xff) << 8 | (b.get(b.position() + 4) & 0xff));
    }

    // ------------------------------------------------------------------ writing

    /**
     * Wraps what fits of {@code src} (up to {@link TlsScratch#RECORDS_PER_WRITE} records) and
     * hands the records to the socket; those it does not take stay queued for {@link #flush()}.
     * Returns the plaintext bytes consumed — at least one unless {@code src} is empty. Call it only
     * when {@link #flush()} said nothing is queued, so records never pile up.
     *
     * @throws SSLException if close_notify was sent already (no more data can follow it)
     */
    int send(ByteBuffer src) throws IOException {
        ensureUsable();
        synchronized (outbound) {
            if (closeNotifySent && src.hasRemaining()) {
                throw new SSLException("TLS output is closed: close_notify was sent (shutdownOutput, close, "
                        + "or the answer to a TLS 1.2 peer's close_notify)");
            }
            int consumed = wrapAndSend(src);
            if (consumed == 0 && src.hasRemaining()) {
                ensureUsable(); // a concurrent read refused a renegotiation
                throw new SSLException("the TLS engine took no data (handshake status "
                        + engine.getHandshakeStatus() + ")");
            }
            return consumed;
        }
    }

    /**
     * Hands queued records to the socket. True when none is left — and then, once close_notify
     * is among what went out, the TCP output is shut behind it.
     */
    boolean flush() throws IOException {
        ensureUsable();
        synchronized (outbound) {
            return flushQueued();
        }
    }

    /**
     * Queues close_notify (TLS 1.3 keeps the input open: the peer may go on sending) and sends it
     * with the TCP FIN behind it now if the socket takes it; else {@link #flush()} completes it.
     */
    void shutdownOutput() throws IOException {
        ensureUsable();
        synchronized (outbound) {
            if (!closeNotifySent) {
                engine.closeOutbound();
                wrapAndSend(EMPTY);
            }
        }
    }

    /** Wraps {@code src} and sends the records; caller holds {@link #outbound}. */
    private int wrapAndSend(ByteBuffer src) throws IOException {
        ByteBuffer out = TlsScratch.get().cipherOut(packetSize);
        int consumed = wrap(src, out);
        enqueue(out.flip());
        return consumed;
    }

    /**
     * The wrap loop, for data, handshake and alert records alike: wraps while {@code out} has
     * room for a record and the engine has something to produce. Returns the plaintext consumed.
     */
    private int wrap(ByteBuffer src, ByteBuffer out) throws SSLException {
        int consumed = 0;
        try {
            while (out.remaining() >= packetSize) {
                SSLEngineResult r = engine.wrap(src, out);
                consumed += r.bytesConsumed();
                if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                    growPacketSize(); // send what we have, wrap with the larger size next time
                    break;
                }
                if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                    closeNotifySent = true; // the close_notify record (if any) is in `out`
                    break;
                }
                // Go on while there is more to produce: data left, or records of the engine's own
                // (NEED_WRAP). Anything else (NEED_UNWRAP, NEED_TASK) is the caller's to handle.
                boolean progress = r.bytesConsumed() > 0 || r.bytesProduced() > 0;
                if (!progress || (r.getHandshakeStatus() != HandshakeStatus.NEED_WRAP && !src.hasRemaining())) {
                    break;
                }
            }
            return consumed;
        } catch (SSLException e) {
            failure = e;
            throw e;
        }
    }

    /**
     * Queues {@code records} (read mode, in the scratch) behind those not sent yet and flushes;
     * what the socket does not take is copied, as the scratch is not ours to keep.
     */
    private void enqueue(ByteBuffer records) throws IOException {
        if (!records.hasRemaining()) {
            return;
        }
        cipherOut = cipherOut == null ? records : concat(cipherOut, records);
        try {
            flushQueued();
        } finally {
            if (cipherOut == records) {
                cipherOut = records.hasRemaining() ? copyOf(records) : null;
            }
        }
    }

    /** Caller holds {@link #outbound}. */
    private boolean flushQueued() throws IOException {
        if (cipherOut != null) {
            tcp.tryWrite(cipherOut);
            if (cipherOut.hasRemaining()) {
                return false;
            }
            cipherOut = null;
        }
        if (closeNotifySent && !finSent && !closed) {
            finSent = true;
            tcp.shutdownOutput();
        }
        return true;
    }

    // ------------------------------------------------------------------ closing

    /**
     * Sends close_notify if the socket takes it now (best effort: a peer that reads nothing must
     * not hold this up), closes the engine both ways and the socket. Idempotent, never throws.
     */
    void close() {
        synchronized (outbound) {
            if (closed) {
                return;
            }
            try {
                if (!closeNotifySent) {
                    engine.closeOutbound();
                    wrapAndSend(EMPTY);
                } else {
                    flushQueued();
                }
            } catch (IOException | RuntimeException e) {
                // The socket closes regardless; a failed goodbye has no one to be reported to.
            }
            closed = true;
            cipherOut = null;
        }
        try {
            engine.closeInbound();
        } catch (SSLException expected) {
            // "closing inbound before receiving peer's close_notify": we are the one closing.
        }
        tcp.close();
    }

    boolean isOpen() {
        return tcp.isOpen();
    }

    /** Capacity of the buffers held between steps: 0 for an idle connection. For tests. */
    int heldBufferBytes() {
        ByteBuffer in = cipherIn;
        ByteBuffer plain = plainIn;
        ByteBuffer out;
        synchronized (outbound) {
            out = cipherOut;
        }
        return (in == null ? 0 : in.capacity()) + (plain == null ? 0 : plain.capacity())
                + (out == null ? 0 : out.capacity());
    }

    /** {@code engine.unwrap}, remembering its failure: the engine is broken for good after one. */
    private SSLEngineResult unwrap(ByteBuffer in, ByteBuffer out) throws SSLException {
        try {
            return engine.unwrap(in, out);
        } catch (SSLException e) {
            failure = e;
            throw e;
        }
    }

    /** Fails with the reason the connection became unusable, or "socket closed" after close(). */
    private void ensureUsable() throws IOException {
        SSLException f = failure;
        if (f != null) {
            throw new SSLException(f.getMessage(), f);
        }
        if (closed) {
            throw ChannelHandle.closedException(); // not -1: the engine, closed too, would say so
        }
    }

    /**
     * The engine said a record does not fit a buffer of {@link #packetSize}: it has expanded the
     * session's sizes for the peer's large records; take them, or fail if they did not grow.
     */
    private void growPacketSize() throws SSLException {
        int grown = engine.getSession().getPacketBufferSize();
        if (grown <= packetSize) {
            throw new SSLException("TLS record larger than the session allows (" + packetSize + " bytes)");
        }
        packetSize = grown;
    }

    private static ByteBuffer copyOf(ByteBuffer b) {
        ByteBuffer copy = ByteBuffer.allocate(b.remaining());
        return copy.put(b).flip();
    }

    private static ByteBuffer concat(ByteBuffer first, ByteBuffer second) {
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining());
        return both.put(first).put(second).flip();
    }
}
