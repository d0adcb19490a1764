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
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

/**
 * A jawait hello server doing exactly the per-connection work of {@link VirtualThreadHelloServer}
 * — same {@link HelloProtocol} scanner, same 4 KB read and one write per read batch (see
 * {@link ReadinessHelloConnection}) — so that the comparison measures the runtimes. The one
 * difference is the reactor's structural one: a connection waits with {@code readable()} and
 * borrows a per-thread buffer only while bytes are there, where a blocked virtual thread must
 * hold its own buffer. (The {@code samples} HTTP server is measured too, as shipped: it
 * parses HTTP fully, and waits the same way with no buffer held.)
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
        ReadinessHelloConnection connection = new ReadinessHelloConnection();
        try {
            while (!connection.closed()) {
                await(socket.readable()); // idle: no buffer held
                ByteBuffer unsent = connection.exchange(socket);
                if (unsent != null) {
                    await(socket.writeAll(unsent));
                }
            }
        } catch (IOException e) {
            // peer reset during load tests is normal
        } finally {
            socket.close();
        }
    }
}
