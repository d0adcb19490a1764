package dev.jawait.samples.net;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.TryFuture;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.net.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A TCP port as a {@link StreamListener}: plain, or TLS when given a {@link TlsConfig} (each
 * connection's handshake then runs in its own task, at its {@link ByteStream#open()}, so a slow
 * handshake never holds the accept loop).
 *
 * <pre>{@code
 * TcpStreamListener plain = TcpStreamListener.bind(new InetSocketAddress("127.0.0.1", 0), null, s -> s.setNoDelay(true));
 * TcpStreamListener tls = TcpStreamListener.bind(address, TlsConfig.of(sslContext), s -> s.setNoDelay(true));
 * }</pre>
 */
public final class TcpStreamListener implements StreamListener {
    /** Options for each accepted socket (no delay, keepalive…). */
    @FunctionalInterface
    public interface Setup {
        void configure(TcpStream socket) throws IOException;
    }

    private final TcpListener listener;
    private final TlsConfig tls;
    private final Setup setup;

    private TcpStreamListener(TcpListener listener, TlsConfig tls, Setup setup) {
        this.listener = listener;
        this.tls = tls;
        this.setup = setup;
    }

    /** Binds {@code address} (port 0: any free port); {@code tls} null for plain TCP. */
    public static TcpStreamListener bind(InetSocketAddress address, TlsConfig tls, Setup setup) throws IOException {
        return new TcpStreamListener(TcpListener.bind(address), tls, setup);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Whether connections speak TLS. */
    public boolean isTls() {
        return tls != null;
    }

    @Override
    public TryFuture<ByteStream, IOException> accept() {
        return TcpStreamListenerAsync.acceptOne(this);
    }

    /**
     * The next connection, configured; one the peer reset before we got to configure it is
     * closed and the next one taken.
     */
    @Async
    static ByteStream acceptOne(TcpStreamListener l) throws IOException {
        while (true) {
            TcpStream socket = await(l.listener.accept());
            try {
                l.setup.configure(socket);
            } catch (IOException gone) {
                socket.close(); // reset before we got to it: nothing to serve
                continue;
            }
            return l.tls == null ? new TcpByteStream(socket) : new TlsByteStream(socket, l.tls);
        }
    }

    @Override
    public boolean isOpen() {
        return listener.isOpen();
    }

    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String describe() {
        return (tls == null ? "" : "tls ") + address().getHostString() + ":" + address().getPort();
    }

    @Override
    public String toString() {
        return "TcpStreamListener[" + describe() + "]";
    }
}
