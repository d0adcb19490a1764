package dev.jawait.samples.http;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.debug.TaskDumpSignal;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

/**
 * HTTP/1.1 "Hello, World!" server with keep-alive and pipelining: one task per connection, all
 * responses to the requests of one read leave in one write. Connections wait for input with
 * {@link TcpStream#readable()} and read into a per-thread buffer, so an idle one holds none, and
 * request bodies are skipped as they arrive, so what a busy one holds is bounded (see
 * {@link HelloSession}). Requests are parsed strictly ({@link HttpRequestParser}); a refused one
 * is answered with its error, then the connection closes. The bench module loads it with wrk.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.http.HelloServer --port 8080
 * // then: curl http://127.0.0.1:8080/
 * }</pre>
 */
public final class HelloServer implements AutoCloseable {
    /**
     * How long a connection the server closes waits for the peer to close its side (RFC 9112
     * section 9.6), reading and dropping what it still sends, so that the last response is not
     * destroyed by a reset.
     */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final TcpListener listener;
    private final ConnectionGauges gauges = new ConnectionGauges();
    private final JoinHandle<Void> acceptLoop;

    private HelloServer(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        this.listener = TcpListener.bind(address);
        this.acceptLoop = runtime.spawn(HelloServerAsync.acceptLoop(listener, gauges));
    }

    /** Binds {@code address} (port 0 = any free port) and serves on {@code runtime}. */
    public static HelloServer start(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        return new HelloServer(runtime, address);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /**
     * Bytes the connections hold between reads, summed: incomplete request heads and replies
     * not yet taken by slow peers (request bodies are never held).
     */
    public long bytesHeld() {
        return gauges.bytesHeld();
    }

    /** Request-body bytes the connections have read past, summed. */
    public long bodyBytesSkipped() {
        return gauges.bodyBytesSkipped();
    }

    /** Waits (blocking the caller) until the server is closed. */
    public void awaitClose(AsyncRuntime runtime) {
        try {
            runtime.blockOn(acceptLoop);
        } catch (CancellationException closed) {
            // close() aborts the accept loop.
        }
    }

    /** Stops accepting; connections in progress finish their current exchange. */
    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    @Async
    static void acceptLoop(TcpListener listener, ConnectionGauges gauges) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            socket.setNoDelay(true);
            Task.spawn(HelloServerAsync.serve(socket, gauges));
        }
    }

    /**
     * One connection: answer every complete request read, until close or the peer leaves. While
     * it waits for the next request it holds no buffer ({@code readable()}, then a non-waiting
     * exchange on borrowed per-thread buffers), so an idle connection costs a few small objects.
     */
    @Async
    static void serve(TcpStream socket, ConnectionGauges gauges) {
        HelloSession session = new HelloSession(gauges);
        try {
            while (session.isOpen()) {
                await(socket.readable()); // the next request
                ByteBuffer unsent = session.exchange(socket);
                if (unsent != null) {
                    await(socket.writeAll(unsent));
                }
            }
            if (session.closedByServer()) {
                // RFC 9112 section 9.6: half-close, then read until the peer closes too. Closing
                // with its bytes unread would send a reset that can destroy the last response.
                socket.shutdownOutput();
                await(Time.timeout(LINGER, HelloServerAsync.discardUntilEnd(socket)));
            }
        } catch (IOException | TimeoutException e) {
            // Peer reset, or it kept its side open past LINGER: nothing more to answer.
        } finally {
            session.release();
            socket.close();
        }
    }

    /** Reads and drops whatever the peer sends until it ends the stream. */
    @Async
    static void discardUntilEnd(TcpStream socket) throws IOException {
        while (true) {
            await(socket.readable());
            if (socket.tryRead(ScratchBuffers.get().input()) < 0) {
                return;
            }
        }
    }

    /** {@code --port} (default 8080), {@code --bind} (default 127.0.0.1). */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        String bind = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--bind" -> bind = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        AsyncRuntime runtime = AsyncRuntime.newMultiThread();
        HelloServer server = start(runtime, new InetSocketAddress(bind, port));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            runtime.close();
        }, "hello-server-shutdown"));
        System.out.println("hello server listening on http://" + server.address().getHostString() + ":"
                + server.address().getPort() + "/");
        TaskDumpSignal.installForMain(runtime);
        server.awaitClose(runtime);
    }
}
