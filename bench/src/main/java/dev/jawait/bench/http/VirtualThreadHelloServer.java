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
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.http.VirtualThreadHelloServer --port 8082
 * }</pre>
 */
public final class VirtualThreadHelloServer implements AutoCloseable {
    private final ServerSocket listener;
    private final Thread acceptor;

    private VirtualThreadHelloServer(ServerArgs args) throws IOException {
        ThreadFactory virtual = VirtualThreads.factory();
        listener = new ServerSocket();
        listener.bind(new InetSocketAddress(args.bind(), args.port()), 4096);
        acceptor = virtual.newThread(() -> acceptLoop(virtual));
        acceptor.start();
    }

    /** Starts a server; {@link #port()} tells where it listens. */
    public static VirtualThreadHelloServer start(ServerArgs args) throws IOException {
        return new VirtualThreadHelloServer(args);
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
        VirtualThreadHelloServer server = start(ServerArgs.parse(args));
        System.out.println("virtual-thread hello server listening on 127.0.0.1:" + server.port());
        server.acceptor.join();
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

    private static void serve(Socket socket) {
        try (socket) {
            socket.setTcpNoDelay(true);
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
            // peer reset during load tests is normal
        }
    }
}
