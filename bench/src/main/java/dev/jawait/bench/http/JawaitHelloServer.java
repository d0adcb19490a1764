package dev.jawait.bench.http;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.CancellationException;

/**
 * A jawait hello server built exactly like {@link VirtualThreadHelloServer} — same
 * {@link HelloConnection} per connection, same buffers — so that the comparison of the two
 * measures the runtimes alone. (The {@code samples} HTTP server is measured too, as shipped: it
 * parses HTTP fully and starts each connection with a 16 KB buffer.)
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.http.JawaitHelloServer --port 8083
 * }</pre>
 */
public final class JawaitHelloServer implements AutoCloseable {
    private final AsyncRuntime runtime;
    private final TcpListener listener;
    private final JoinHandle<Void> acceptLoop;

    private JawaitHelloServer(ServerArgs args) throws IOException {
        runtime = AsyncRuntime.builder().workerThreads(args.threads()).build();
        try {
            listener = TcpListener.bind(new InetSocketAddress(args.bind(), args.port()), 4096);
        } catch (IOException | RuntimeException e) {
            runtime.close();
            throw e;
        }
        acceptLoop = runtime.spawn(JawaitHelloServerAsync.acceptLoop(listener));
    }

    /** Starts a server on its own runtime (one worker per {@code --threads}). */
    public static JawaitHelloServer start(ServerArgs args) throws IOException {
        return new JawaitHelloServer(args);
    }

    /** The bound port. */
    public int port() {
        return listener.localAddress().getPort();
    }

    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
        runtime.close();
    }

    public static void main(String[] args) throws Exception {
        JawaitHelloServer server = start(ServerArgs.parse(args));
        System.out.println("jawait minimal hello server listening on 127.0.0.1:" + server.port());
        try {
            server.runtime.blockOn(server.acceptLoop);
        } catch (CancellationException closed) {
            // closed
        }
    }

    @Async
    static void acceptLoop(TcpListener listener) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            socket.setNoDelay(true);
            Task.spawn(JawaitHelloServerAsync.serve(socket));
        }
    }

    @Async
    static void serve(TcpStream socket) {
        HelloConnection connection = new HelloConnection();
        try {
            while (!connection.closeRequested()) {
                int n = await(socket.read(connection.readBuffer()));
                if (n < 0) {
                    break;
                }
                int bytes = connection.received(n);
                if (bytes > 0) {
                    await(socket.writeAll(connection.replies()));
                }
            }
        } catch (IOException e) {
            // peer reset during load tests is normal
        } finally {
            socket.close();
        }
    }
}
