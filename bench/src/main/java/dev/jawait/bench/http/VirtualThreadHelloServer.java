package dev.jawait.bench.http;

import dev.jawait.bench.support.VirtualThreads;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadFactory;

/**
 * The virtual-thread peer of the jawait HTTP hello sample (JDK 21+): blocking sockets, one
 * virtual thread per connection, same bytes, keep-alive, pipelining, one write per read batch
 * (the per-connection work is {@link HelloConnection}'s, shared with {@link JawaitHelloServer}).
 * {@link #over} serves any listener, e.g. an {@code SSLServerSocket} with a handshake first.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.http.VirtualThreadHelloServer --port 8082
 * }</pre>
 */
public final class VirtualThreadHelloServer implements AutoCloseable {
    /** What a connection's thread does with its socket before the first read (a TLS handshake). */
    @FunctionalInterface
    public interface Setup {
        void prepare(Socket socket) throws IOException;
    }

    private final ServerSocket listener;
    private final Setup setup;
    private final Thread acceptor;

    private VirtualThreadHelloServer(ServerSocket listener, Setup setup) {
        this.listener = listener;
        this.setup = setup;
        ThreadFactory virtual = VirtualThreads.factory();
        acceptor = virtual.newThread(() -> acceptLoop(virtual));
        acceptor.start();
    }

    /** Starts a server; {@link #port()} tells where it listens. */
    public static VirtualThreadHelloServer start(ServerArgs args) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(args.bind(), args.port()), 4096);
        return over(listener, socket -> { });
    }

    /** Serves hello on a bound {@code listener}, each connection set up by {@code setup} first. */
    public static VirtualThreadHelloServer over(ServerSocket listener, Setup setup) {
        return new VirtualThreadHelloServer(listener, setup);
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Waits until the accept loop ends (the listener closed). */
    public void join() throws InterruptedException {
        acceptor.join();
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
        VirtualThreadHelloServer server = start(ServerArgs.parse(args));
        System.out.println("virtual-thread hello server listening on 127.0.0.1:" + server.port());
        server.join();
    }

    private void acceptLoop(ThreadFactory virtual) {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                virtual.newThread(() -> serve(socket)).start();
            } catch (IOException e) {
                if (!listener.isClosed()) {
                    System.err.println("accept failed: " + e);
                }
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
            setup.prepare(socket);
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
            // a peer reset, or a TLS client leaving without close_notify, during load tests: normal
        }
    }
}
