package dev.jawait.samples.echo;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.debug.TaskDumpSignal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;

/**
 * The echo server of docs/ARCHITECTURE.md: an accept loop spawning one task per connection, each written
 * like blocking code.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.echo.EchoServer --port 7007
 * // then: nc 127.0.0.1 7007
 * }</pre>
 */
public final class EchoServer implements AutoCloseable {
    private final TcpListener listener;
    private final JoinHandle<Void> acceptLoop;

    private EchoServer(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        this.listener = TcpListener.bind(address);
        this.acceptLoop = runtime.spawn(EchoServerAsync.acceptLoop(listener));
    }

    /** Binds {@code address} (port 0 = any free port) and serves on {@code runtime}. */
    public static EchoServer start(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        return new EchoServer(runtime, address);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** Stops accepting (connections being served finish on their own). */
    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    /** Echoes everything back until the peer closes; returns the number of bytes echoed. */
    @Async
    static long handle(TcpStream socket) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8192);
        long total = 0;
        while (true) {
            int n = await(socket.read(buf.clear())); // suspends, never blocks a thread
            if (n < 0) {
                return total;
            }
            await(socket.writeAll(buf.flip()));
            total += n;
        }
    }

    /** One connection: echo, then close; a peer that resets is not an error worth reporting. */
    @Async
    static void serve(TcpStream socket) {
        try {
            await(EchoServerAsync.handle(socket));
        } catch (IOException e) {
            // Peer went away mid-echo.
        } finally {
            socket.close();
        }
    }

    @Async
    static void acceptLoop(TcpListener listener) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            Task.spawn(EchoServerAsync.serve(socket));
        }
    }

    /** {@code --port} (default 7007), {@code --bind} (default 127.0.0.1). */
    public static void main(String[] args) throws Exception {
        int port = 7007;
        String bind = "127.0.0.1";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bind" -> bind = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
                EchoServer server = start(runtime, new InetSocketAddress(bind, port))) {
            System.out.println("echo server listening on " + server.address());
            TaskDumpSignal.installForMain(runtime);
            runtime.blockOn(server.acceptLoop);
        } catch (CancellationException closed) {
            // Shut down.
        }
    }
}
