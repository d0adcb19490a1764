package dev.jawait.bench.tls;

import dev.jawait.bench.http.HelloConnection;
import dev.jawait.bench.support.VirtualThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The virtual-thread peer of the jawait HTTPS hello sample (JDK 21+): the JDK's
 * {@code SSLServerSocket} with {@link TlsBenchKeys}' key store, one virtual thread per
 * connection, blocking reads and writes, and the plain peer's {@link HelloConnection} (same
 * response bytes, keep-alive, pipelining, one write per read batch).
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.tls.VirtualThreadHttpsHelloServer \
 *     --port 8446 --keystore server.p12 --storepass changeit
 * }</pre>
 */
public final class VirtualThreadHttpsHelloServer implements AutoCloseable {
    private final SSLServerSocket listener;
    private final Thread acceptor;

    private VirtualThreadHttpsHelloServer(TlsServerArgs args) throws Exception {
        ThreadFactory virtual = VirtualThreads.factory();
        listener = (SSLServerSocket) TlsBenchKeys.serverContext(args.keyStore(), args.storePassword())
                .getServerSocketFactory().createServerSocket(args.port(), 4096, InetAddress.getByName("127.0.0.1"));
        acceptor = virtual.newThread(() -> acceptLoop(virtual));
        acceptor.start();
    }

    /** Starts a server; {@link #port()} tells where it listens. */
    public static VirtualThreadHttpsHelloServer start(TlsServerArgs args) throws Exception {
        return new VirtualThreadHttpsHelloServer(args);
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static void main(String[] args) throws Exception {
        VirtualThreadHttpsHelloServer server = start(TlsServerArgs.parse(args));
        System.out.println("virtual-thread https hello server listening on 127.0.0.1:" + server.port());
        server.acceptor.join();
    }

    private void acceptLoop(ThreadFactory virtual) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                virtual.newThread(() -> serve((SSLSocket) socket)).start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("accept failed: " + e);
                }
            }
        }
    }

    private static void serve(SSLSocket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(10_000); // as jawait's sample: a handshake may take 10 s at most
            socket.startHandshake();
            socket.setSoTimeout(0);
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            HelloConnection connection = new HelloConnection();
            while (!connection.closeRequested()) {
                byte[] buf = connection.inputArray();
                int n = in.read(buf, connection.inputLength(), buf.length - connection.inputLength());
                if (n < 0) {
                    return;
                }
                int bytes = connection.received(n);
                if (bytes > 0) {
                    out.write(connection.outputArray(), 0, bytes);
                }
            }
        } catch (IOException e) {
            // a load client that leaves without close_notify, or a reset: normal here
        }
    }
}
