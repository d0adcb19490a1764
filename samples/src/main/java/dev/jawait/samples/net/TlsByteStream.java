package dev.jawait.samples.net;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.TryFuture;
import dev.jawait.net.TcpStream;
import dev.jawait.net.TlsConfig;
import dev.jawait.net.TlsStream;
import dev.jawait.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * A TLS server connection as a {@link ByteStream}: {@link #open()} runs the handshake (at most
 * {@link #HANDSHAKE_TIMEOUT}: a peer that stops mid-handshake costs its connection only), then
 * everything goes through the {@link TlsStream}.
 *
 * <pre>{@code
 * ByteStream stream = new TlsByteStream(await(tcpListener.accept()), tlsConfig);
 * await(stream.open());     // SSLException if the peer is not a TLS client we can agree with
 * }</pre>
 */
public final class TlsByteStream implements ByteStream {
    /** How long a client may take over its handshake. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final TcpStream socket;
    private final TlsConfig config;
    private volatile TlsStream tls;
    private volatile boolean closed;

    /** Wraps an accepted socket; the handshake is {@link #open()}'s. */
    public TlsByteStream(TcpStream socket, TlsConfig config) {
        this.socket = socket;
        this.config = config;
    }

    @Override
    public TryFuture<Void, IOException> open() {
        return TlsByteStreamAsync.handshake(this);
    }

    @Async
    static void handshake(TlsByteStream stream) throws IOException {
        try {
            stream.tls = await(Time.timeout(HANDSHAKE_TIMEOUT, TlsStream.server(stream.socket, stream.config)));
        } catch (TimeoutException e) {
            throw new SSLException("TLS handshake took longer than " + HANDSHAKE_TIMEOUT, e);
        }
        if (stream.closed) {
            stream.tls.close(); // closed during the handshake
        }
    }

    /** The TLS stream, after {@link #open()}; null before. */
    public TlsStream tls() {
        return tls;
    }

    private TlsStream established() throws IOException {
        if (tls == null) {
            throw new IOException("TLS handshake not done (await open() first)");
        }
        return tls;
    }

    @Override
    public TryFuture<Void, IOException> readable() {
        return tls.readable();
    }

    @Override
    public int tryRead(ByteBuffer dst) throws IOException {
        return established().tryRead(dst);
    }

    @Override
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        return tls.read(dst);
    }

    @Override
    public int tryWrite(ByteBuffer src) throws IOException {
        return established().tryWrite(src);
    }

    @Override
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        return tls.writeAll(src);
    }

    @Override
    public boolean buffersOutput() {
        return true;
    }

    @Override
    public TryFuture<Void, IOException> flush() {
        return tls.flush();
    }

    @Override
    public TryFuture<Void, IOException> shutdownOutput() throws IOException {
        return established().shutdownOutput();
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        closed = true;
        if (tls != null) {
            tls.close();
        } else {
            socket.close(); // a handshake in progress fails on the closed socket
        }
    }

    @Override
    public String toString() {
        return tls != null ? tls.toString() : "TLS (handshaking) over " + socket;
    }
}
