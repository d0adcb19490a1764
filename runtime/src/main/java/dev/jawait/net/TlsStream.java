package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;

/**
 * A TLS connection over a {@link TcpStream}, on the JDK's {@link javax.net.ssl.SSLEngine}: the
 * handshake is a future, and so are reads and writes, with {@code TcpStream}'s surface — like
 * {@code tokio-rustls}'s {@code TlsStream}. TLS 1.2 and 1.3, SNI and ALPN; renegotiation is
 * refused; no thread ever blocks.
 *
 * <pre>{@code
 * // client
 * TcpStream tcp = await(TcpStream.connect(new InetSocketAddress("127.0.0.1", 8443)));
 * try (TlsStream tls = await(TlsStream.client(tcp, sslContext, "localhost"))) {
 *     await(tls.writeAll(ByteBuffer.wrap("ping\n".getBytes(US_ASCII))));
 *     await(tls.shutdownOutput());                     // close_notify: the server reads -1
 *     int n = await(tls.read(buf));
 * }
 *
 * // server, one task per connection
 * TcpStream socket = await(listener.accept());
 * try (TlsStream tls = await(Time.timeout(Duration.ofSeconds(10), TlsStream.server(socket, sslContext)))) {
 *     int n;
 *     while ((n = await(tls.read(buf.clear()))) >= 0) await(tls.writeAll(buf.flip()));
 * }
 * }</pre>
 *
 * <h2>Ownership, failures, cancellation</h2>
 * {@code client}/{@code server} take the {@code TcpStream} over: if the handshake fails or is
 * cancelled (an aborted task, a {@code Time.timeout} — put one around handshakes with untrusted
 * peers) the engine and the socket are closed; after it, {@link #close()} closes both. The
 * handshake fails with an {@link SSLException} (or its {@code SSLHandshakeException}) naming the
 * cause: an unknown certificate, a peer speaking something else than TLS, a peer that left.
 * Read and write futures are leaves, as on {@code TcpStream}: cancelling one drops its interest
 * and loses nothing (a half-received record stays buffered in the stream).
 *
 * <h2>End of stream</h2>
 * {@link #read} returns -1 only after the peer's {@code close_notify}. A peer that closes the
 * TCP connection without it is reported as truncation: an {@link SSLException} saying so, never
 * a clean -1 (an attacker could otherwise cut a response short unnoticed).
 * {@link #shutdownOutput()} sends {@code close_notify} (then the TCP FIN): with TLS 1.3 the peer
 * may go on sending, and this side reads until its {@code close_notify}; a TLS 1.2 peer answers
 * with its own at once. {@link #close()} sends {@code close_notify} too, as far as the socket
 * takes it without waiting.
 *
 * <h2>Memory</h2>
 * Buffers are borrowed per thread for the duration of one step (sized from the session: a
 * TLS record is at most 16 KiB of data, about 16.7 KiB on the wire); a stream keeps only the
 * bytes it must — part of a record received, decrypted bytes the caller's buffer had no room
 * for, records the socket did not take — in buffers of exactly their size. An idle stream
 * holds none, so with {@link #readable()} and {@link #tryRead} an idle TLS connection costs the
 * engine's own state and no buffer. A record is decrypted straight into the caller's buffer
 * when it has room for the whole record (a small request in a buffer of a few KiB; any record in
 * one of {@code session().getPacketBufferSize()}, about 16.7 KiB), else aside and copied.
 *
 * <h2>Threads</h2>
 * One reader and one writer may be active at a time (two tasks), as on {@code TcpStream}. A
 * reader that must answer the peer (a TLS 1.3 KeyUpdate, a TLS 1.2 close_notify) sends the answer
 * if the socket takes it now, else it goes out with the next write or {@link #flush()}.
 */
public final class TlsStream implements AutoCloseable {
    private final TlsConnection conn;
    private TlsReadiness readable;

    TlsStream(TlsConnection conn) {
        this.conn = conn;
    }

    /**
     * A client handshake over {@code tcp} with {@code context}'s trust (and keys, for client
     * authentication), completing with the stream once it is over. {@code serverName} is sent as
     * SNI (unless it is an IP address) and the server's certificate must be valid for it.
     *
     * @param tcp the connected stream; the TLS stream owns it from now on
     * @param context the trust (and client keys) to use
     * @param serverName the name the server's certificate must match, also sent as SNI
     * @return a future of the stream, once the handshake is over
     */
    public static TryFuture<TlsStream, IOException> client(TcpStream tcp, SSLContext context, String serverName) {
        return client(tcp, TlsConfig.of(Objects.requireNonNull(context, "context")), serverName);
    }

    /**
     * A client handshake with {@code config}'s settings (ALPN, protocol versions, ...).
     *
     * @param tcp the connected stream; the TLS stream owns it from now on
     * @param config the context and settings to use
     * @param serverName the name the server's certificate must match, also sent as SNI
     * @return a future of the stream, once the handshake is over
     */
    public static TryFuture<TlsStream, IOException> client(TcpStream tcp, TlsConfig config, String serverName) {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(serverName, "serverName");
        TlsConnection conn = new TlsConnection(tcp,
                config.newClientEngine(serverName, tcp.remoteAddress().getPort()), serverName);
        return new TlsHandshake(conn, config, true);
    }

    /**
     * A server handshake over {@code tcp} with {@code context}'s certificate and key.
     *
     * @param tcp the accepted stream; the TLS stream owns it from now on
     * @param context the certificate and key to use
     * @return a future of the stream, once the handshake is over
     */
    public static TryFuture<TlsStream, IOException> server(TcpStream tcp, SSLContext context) {
        return server(tcp, TlsConfig.of(Objects.requireNonNull(context, "context")));
    }

    /**
     * A server handshake with {@code config}'s settings (ALPN, protocol versions, ...).
     *
     * @param tcp the accepted stream; the TLS stream owns it from now on
     * @param config the context and settings to use
     * @return a future of the stream, once the handshake is over
     */
    public static TryFuture<TlsStream, IOException> server(TcpStream tcp, TlsConfig config) {
        Objects.requireNonNull(tcp, "tcp");
        Objects.requireNonNull(config, "config");
        return new TlsHandshake(new TlsConnection(tcp, config.newServerEngine(), null), config, false);
    }

    /**
     * Reads some decrypted bytes into {@code dst}: completes with the number read (at least 1 when
     * {@code dst} has room), 0 when {@code dst} is full, or -1 after the peer's close_notify.
     * Fails with an {@link SSLException} if the peer closed the connection without close_notify.
     *
     * @param dst where the decrypted bytes go, from its position up to its limit
     * @return a future of the number of bytes read, or -1 at the end
     */
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new TlsOp<>(conn.tcp.readable()) {
            @Override
            Poll<Integer> attempt(Context cx) throws IOException {
                int n = conn.read(dst);
                if (n == 0 && dst.hasRemaining()) {
                    return null;
                }
                TlsOp.spend(cx, n);
                return Poll.ready(n);
            }
        };
    }

    /**
     * Fills the remaining space of {@code dst}; fails with {@link EOFException} if the stream
     * ends (close_notify) first, what was read staying in {@code dst}.
     *
     * @param dst the buffer to fill, from its position up to its limit
     * @return a future that completes when {@code dst} is full
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new TlsOp<>(conn.tcp.readable()) {
            @Override
            Poll<Void> attempt(Context cx) throws IOException {
                while (dst.hasRemaining()) {
                    int n = conn.read(dst);
                    if (n < 0) {
                        throw new EOFException("stream ended with " + dst.remaining() + " bytes still expected");
                    }
                    if (n == 0) {
                        return null;
                    }
                    if (!TlsOp.spend(cx, n) && dst.hasRemaining()) {
                        return Poll.pending(); // a big buffer: decrypt it a budget at a time
                    }
                }
                return Poll.ready(null);
            }
        };
    }

    /**
     * Writes some bytes from {@code src}: completes with the number written (≥ 1 unless
     * {@code src} is empty, up to 64 KiB) once the records carrying them are in the socket.
     *
     * @param src the bytes to send, from its position up to its limit
     * @return a future of the number of bytes taken from {@code src}
     */
    public TryFuture<Integer, IOException> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new TlsOp<>(conn.tcp.writable()) {
            private int written = -1;

            @Override
            Poll<Integer> attempt(Context cx) throws IOException {
                if (!conn.flush()) {
                    return null; // earlier records first (or ours, still going out)
                }
                if (written >= 0) {
                    return Poll.ready(written);
                }
                written = src.hasRemaining() ? conn.send(src) : 0;
                TlsOp.spend(cx, written);
                return conn.flush() ? Poll.ready(written) : null;
            }
        };
    }

    /**
     * Writes all remaining bytes of {@code src}, waiting for the peer to make room as needed;
     * completes once the last record is in the socket. Memory stays bounded (up to four records
     * are encrypted ahead). If it fails or is cancelled, {@code src}'s position tells how much was
     * taken; records already made from it are sent by the next write or {@link #flush()}.
     *
     * @param src the bytes to send, from its position up to its limit
     * @return a future that completes when every byte is in the socket, encrypted
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new TlsOp<>(conn.tcp.writable()) {
            @Override
            Poll<Void> attempt(Context cx) throws IOException {
                while (conn.flush()) {
                    if (!src.hasRemaining()) {
                        return Poll.ready(null);
                    }
                    // A loopback socket takes megabytes at once: encrypt them a budget at a time.
                    if (!TlsOp.spend(cx, conn.send(src))) {
                        return Poll.pending(); // woken already: the other tasks run first
                    }
                }
                return null;
            }
        };
    }

    /**
     * Completes once every record this stream has made is in the socket: after
     * {@link #tryWrite}, after {@link #shutdownOutput()}, or to push out an answer a reader
     * queued. Ready at once when nothing is queued.
     *
     * @return a future that completes when no record waits for the socket
     */
    public TryFuture<Void, IOException> flush() {
        return new TlsOp<>(conn.tcp.writable()) {
            @Override
            Poll<Void> attempt(Context cx) throws IOException {
                return conn.flush() ? Poll.ready(null) : null;
            }
        };
    }

    /**
     * Sends {@code close_notify} and then the TCP FIN: the peer reads the end of the stream; this
     * side can still read (until the peer's {@code close_notify}). Both go out now if the socket
     * takes them — nearly always; the returned future completes when they have (awaiting it is
     * needed only to be sure; {@link #flush()} or {@link #close()} finish the job otherwise).
     * Later writes fail. Idempotent.
     *
     * <pre>{@code
     * await(tls.shutdownOutput());
     * while (await(tls.read(buf.clear())) >= 0) { ... }   // the peer's last words
     * }</pre>
     *
     * @return a future that completes when {@code close_notify} and the FIN are in the socket
     * @throws IOException if the socket is closed or the connection failed
     */
    public TryFuture<Void, IOException> shutdownOutput() throws IOException {
        conn.shutdownOutput();
        return flush();
    }

    /**
     * Completes when {@link #tryRead} may deliver something — Tokio-style readiness, as on
     * {@link TcpStream#readable()}: the stream is waited on <em>without holding a buffer</em>. Ready
     * at once while the stream holds decrypted bytes or a whole record (allocation-free: one
     * reused future per stream), else when the socket is readable. It may complete spuriously
     * ({@code tryRead} then returns 0: the record is not whole yet). One reader at a time.
     *
     * <pre>{@code
     * while (true) {
     *     await(tls.readable());
     *     ByteBuffer buf = perThreadBuffer.get().clear();   // never held across an await
     *     int n = tls.tryRead(buf);
     *     if (n < 0) break;                                 // close_notify
     *     if (n == 0) continue;                             // not a whole record yet
     *     handle(buf.flip());
     * }
     * }</pre>
     *
     * @return a future that completes when a read may find bytes
     */
    public TryFuture<Void, IOException> readable() {
        TlsReadiness r = readable;
        if (r == null) {
            readable = r = new TlsReadiness(conn);
        }
        return r;
    }

    /**
     * One non-blocking read into {@code dst}, now: the number of decrypted bytes, 0 when no whole
     * record is there yet (or {@code dst} is full), -1 after the peer's close_notify.
     *
     * @param dst where the decrypted bytes go, from its position up to its limit
     * @return the number of bytes read, 0, or -1 at the end
     * @throws IOException if the stream is closed or reset, an {@link SSLException} if it was
     *     truncated (closed without close_notify) or a record was bad
     */
    public int tryRead(ByteBuffer dst) throws IOException {
        Objects.requireNonNull(dst, "dst");
        return conn.read(dst);
    }

    /**
     * One non-blocking write from {@code src}, now: encrypts up to 64 KiB of it and hands the
     * records to the socket; returns the bytes taken from {@code src} (0 while records of an
     * earlier write still wait for the socket). Records the socket does not take stay in the
     * stream, not in {@code src}; {@code writeAll} or {@link #flush()} sends them.
     *
     * <pre>{@code
     * tls.tryWrite(reply);                       // reply may be a borrowed buffer
     * ByteBuffer rest = copyOf(reply);           // usually empty
     * await(tls.writeAll(rest));                 // sends what is queued, then rest
     * }</pre>
     *
     * @param src the bytes to send, from its position up to its limit
     * @return the number of bytes taken from {@code src}, possibly 0
     * @throws IOException if the stream is closed or reset, or encryption fails
     */
    public int tryWrite(ByteBuffer src) throws IOException {
        Objects.requireNonNull(src, "src");
        return conn.flush() && src.hasRemaining() ? conn.send(src) : 0;
    }

    /**
     * The session: protocol, cipher suite, peer certificates.
     *
     * @return the TLS session agreed in the handshake
     */
    public SSLSession session() {
        return conn.engine.getSession();
    }

    /**
     * The ALPN protocol both sides agreed on, if they did.
     *
     * @return the agreed protocol, or empty
     */
    public Optional<String> applicationProtocol() {
        String p = conn.engine.getApplicationProtocol();
        return p == null || p.isEmpty() ? Optional.empty() : Optional.of(p);
    }

    /**
     * The SNI host name: on a client, the name it was given (if not an IP address); on a server,
     * the name the client asked for, if it sent one.
     *
     * @return the SNI name, or empty
     */
    public Optional<String> serverName() {
        if (conn.serverName != null) {
            return TlsConfig.isIpLiteral(conn.serverName) ? Optional.empty() : Optional.of(conn.serverName);
        }
        if (session() instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name.getType() == StandardConstants.SNI_HOST_NAME) {
                    return Optional.of(name instanceof SNIHostName host
                            ? host.getAsciiName() : new SNIHostName(name.getEncoded()).getAsciiName());
                }
            }
        }
        return Optional.empty();
    }

    /**
     * This end's address.
     *
     * @return the local address and port
     */
    public InetSocketAddress localAddress() {
        return conn.tcp.localAddress();
    }

    /**
     * The peer's address.
     *
     * @return the remote address and port
     */
    public InetSocketAddress remoteAddress() {
        return conn.tcp.remoteAddress();
    }

    /**
     * Whether {@link #close()} has not been called (and the connection was not closed for a refused renegotiation).
     *
     * @return {@code true} until closed
     */
    public boolean isOpen() {
        return conn.isOpen();
    }

    /**
     * Sends {@code close_notify} as far as the socket takes it without waiting, closes the engine
     * and the socket; pending operations fail with {@code IOException("socket closed")}.
     * Idempotent; never throws. For a goodbye the peer surely sees, await
     * {@link #shutdownOutput()} first.
     */
    @Override
    public void close() {
        conn.close();
    }

    /** Bytes of buffers the stream holds right now (0 when idle); for tests. */
    int heldBufferBytes() {
        return conn.heldBufferBytes();
    }

    @Override
    public String toString() {
        SSLSession s = conn.engine.getSession();
        return "TlsStream[" + s.getProtocol() + " " + localAddress() + " -> " + remoteAddress()
                + (isOpen() ? "" : ", closed") + "]";
    }
}
