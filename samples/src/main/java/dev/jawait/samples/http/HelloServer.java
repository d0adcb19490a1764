package dev.jawait.samples.http;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TlsConfig;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.debug.TaskDumpSignal;
import dev.jawait.samples.net.ByteStream;
import dev.jawait.samples.net.TcpStreamListener;
import dev.jawait.samples.tls.TlsKeys;
import dev.jawait.samples.shutdown.GracefulShutdown;
import dev.jawait.samples.shutdown.GracefulShutdownAsync;
import dev.jawait.samples.shutdown.StoppableServer;
import dev.jawait.signal.SignalReceiver;
import dev.jawait.signal.Signals;
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
 * {@link ByteStream#readable()} and read into a per-thread buffer, so an idle one holds none, and
 * request bodies are skipped as they arrive, so what a busy one holds is bounded (see
 * {@link HelloSession}). Requests are parsed strictly ({@link HttpRequestParser}); a refused one
 * is answered with its error, then the connection closes. The bench module loads it with wrk.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.http.HelloServer --port 8080
 * // then: curl http://127.0.0.1:8080/
 * }</pre>
 */
public final class HelloServer implements AutoCloseable, StoppableServer {
    /**
     * How long a connection the server closes waits for the peer to close its side (RFC 9112
     * section 9.6), reading and dropping what it still sends, so that the last response is not
     * destroyed by a reset.
     */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final TcpStreamListener listener;
    private final ConnectionGauges gauges = new ConnectionGauges();
    private final JoinHandle<Void> acceptLoop;
    private final GracefulShutdown shutdown = new GracefulShutdown();

    private HelloServer(AsyncRuntime runtime, InetSocketAddress address, TlsConfig tls, boolean requestContext)
            throws IOException {
        this.listener = TcpStreamListener.bind(address, tls, socket -> socket.setNoDelay(true));
        this.acceptLoop = runtime.spawn(HelloServerAsync.acceptLoop(listener, gauges, shutdown, requestContext));
    }

    /** Binds {@code address} (port 0 = any free port) and serves on {@code runtime}. */
    public static HelloServer start(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        return new HelloServer(runtime, address, null, false);
    }

    /**
     * Binds {@code address} and serves HTTPS there with {@code tls} (give it ALPN
     * {@code "http/1.1"}, so that clients offering HTTP/2 know where they are).
     *
     * <pre>{@code
     * TlsConfig tls = TlsConfig.builder(sslContext).applicationProtocols("http/1.1").build();
     * HelloServer server = HelloServer.start(runtime, new InetSocketAddress("127.0.0.1", 8443), tls);
     * }</pre>
     */
    public static HelloServer start(AsyncRuntime runtime, InetSocketAddress address, TlsConfig tls) throws IOException {
        return new HelloServer(runtime, address, tls, false);
    }

    /**
     * {@code --mdc}: serves each connection inside a {@link RequestContext} (a connection id
     * task-local, a request id in the MDC per exchange); give it a runtime with the MDC bridge,
     * {@link RequestContext#runtime()}. {@code tls} may be null (plain HTTP).
     */
    static HelloServer startWithRequestContext(AsyncRuntime runtime, InetSocketAddress address, TlsConfig tls)
            throws IOException {
        return new HelloServer(runtime, address, tls, true);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.address();
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

    /**
     * The graceful stop: stops accepting, lets every connection finish the request it is in
     * (see {@link #serve}), waiting at most {@code timeout}; returns whether every connection
     * ended by then. Connections still open afterwards end when the runtime closes. Blocks the
     * caller (call it from {@code main}, not from a task).
     */
    @Override
    public Future<Void> acceptLoop() {
        return acceptLoop;
    }

    @Override
    public boolean shutdown(AsyncRuntime runtime, Duration timeout) {
        close();
        return runtime.blockOn(GracefulShutdownAsync.drain(shutdown, timeout));
    }

    /** Connections accepted since the start. */
    @Override
    public int connectionsAccepted() {
        return shutdown.connectionsOpened();
    }

    /** Connections being served now. */
    @Override
    public int openConnections() {
        return shutdown.openConnections();
    }

    @Override
    public int closedSinceStop() {
        return shutdown.closedSinceStop();
    }

    /** Stops accepting; connections in progress go on until {@link #shutdown} or the runtime's end. */
    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    @Async
    static void acceptLoop(TcpStreamListener listener, ConnectionGauges gauges, GracefulShutdown shutdown,
            boolean requestContext) throws IOException {
        while (true) {
            ByteStream socket = await(listener.accept());
            shutdown.opened(); // before the task exists: a drain never misses it
            Future<Void> connection = HelloServerAsync.serve(socket, gauges, shutdown, requestContext);
            Task.spawn(requestContext ? RequestContext.scoped(connection) : connection);
        }
    }

    /**
     * One connection: answer every complete request read, until close or the peer leaves. While
     * it waits for the next request it holds no buffer ({@code readable()}, then a non-waiting
     * exchange on borrowed per-thread buffers), so an idle connection costs a few small objects.
     *
     * <p>When the server stops ({@link GracefulShutdown}), a connection waiting for its next
     * request reads once more without waiting, answers what arrived, and closes; one in the
     * middle of a request (head or body) reads on until it is complete and answered.
     * With {@code requestContext} ({@code --mdc}), each exchange puts its request id into the MDC.
     */
    @Async
    static void serve(ByteStream socket, ConnectionGauges gauges, GracefulShutdown shutdown, boolean requestContext) {
        HelloSession session = new HelloSession(gauges);
        boolean readAfterStop = false;
        long exchanges = 0;
        try {
            await(socket.open()); // HTTPS: the handshake
            while (session.isOpen()) {
                if (!shutdown.isStopping()) {
                    try {
                        await(shutdown.token().guard(socket.readable())); // the next request
                    } catch (CancellationException stopping) {
                        // The server stops: one more read below, without waiting.
                    }
                } else if (readAfterStop && !session.midRequest()) {
                    break; // everything that arrived before the stop is answered
                } else if (readAfterStop) {
                    await(socket.readable()); // a request begun before the stop is finished
                }
                readAfterStop = shutdown.isStopping();
                if (requestContext) {
                    RequestContext.exchange(++exchanges);
                }
                ByteBuffer unsent = session.exchange(socket);
                if (unsent != null) {
                    await(socket.writeAll(unsent));
                } else if (socket.buffersOutput()) {
                    await(socket.flush()); // HTTPS: the records tryWrite made go out now
                }
            }
            if (session.closedByServer() || session.isOpen()) { // isOpen: left the loop to stop
                // RFC 9112 section 9.6: half-close, then read until the peer closes too. Closing
                // with its bytes unread would send a reset that can destroy the last response.
                await(socket.shutdownOutput());
                await(Time.timeout(LINGER, HelloServerAsync.discardUntilEnd(socket)));
            }
        } catch (IOException | TimeoutException e) {
            // Peer reset, or it kept its side open past LINGER: nothing more to answer.
        } finally {
            session.release();
            socket.close();
            shutdown.closed();
        }
    }

    /** Reads and drops whatever the peer sends until it ends the stream. */
    @Async
    static void discardUntilEnd(ByteStream socket) throws IOException {
        while (true) {
            await(socket.readable());
            if (socket.tryRead(ScratchBuffers.get().input()) < 0) {
                return;
            }
        }
    }

    /**
     * {@code --port} (default 8080), {@code --bind} (default 127.0.0.1), {@code --shutdown-timeout}
     * (seconds in-flight requests get on SIGTERM or Ctrl-C, default 5), {@code --tls} (HTTPS, with
     * {@code --keystore F.p12 --storepass P}, or a self-signed certificate for localhost made at
     * start, whose PEM file it prints), {@code --mdc} (a request id task-local and SLF4J's MDC
     * carried with each task: see {@link RequestContext}). Exits 0 after a graceful stop.
     */
    public static void main(String[] args) throws Exception {
        int port = 8080;
        String bind = "127.0.0.1";
        Duration shutdownTimeout = GracefulShutdown.DEFAULT_TIMEOUT;
        boolean tls = false;
        boolean mdc = false;
        String keyStore = null;
        String storePassword = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--tls" -> tls = true;
                case "--mdc" -> mdc = true;
                case "--keystore" -> keyStore = value(args, ++i);
                case "--storepass" -> storePassword = value(args, ++i);
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--bind" -> bind = value(args, ++i);
                case "--shutdown-timeout" -> shutdownTimeout = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (!tls && keyStore != null) {
            throw new IllegalArgumentException("--keystore is for --tls");
        }
        TlsConfig tlsConfig = null;
        if (tls) {
            TlsKeys keys = TlsKeys.fromOptions(keyStore, storePassword);
            tlsConfig = TlsConfig.builder(keys.serverContext()).applicationProtocols("http/1.1").build();
            System.out.println("TLS certificate: " + keys.certificatePem() + " (curl --cacert it)");
        }
        AsyncRuntime runtime = mdc ? RequestContext.runtime() : AsyncRuntime.newMultiThread();
        try (runtime; SignalReceiver stop = Signals.receiver("TERM", "INT")) {
            InetSocketAddress address = new InetSocketAddress(bind, port);
            HelloServer server = mdc ? startWithRequestContext(runtime, address, tlsConfig)
                    : start(runtime, address, tlsConfig);
            System.out.println("hello server listening on " + (tls ? "https" : "http") + "://"
                    + server.address().getHostString() + ":" + server.address().getPort() + "/");
            TaskDumpSignal.installForMain(runtime);
            StoppableServer.serveUntilStopped(runtime, stop, server, shutdownTimeout);
        } // runtime.close(): a task still running is aborted and runs its finally
    }

    /** The value after option {@code args[i - 1]}, or a clear error if it is missing. */
    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
