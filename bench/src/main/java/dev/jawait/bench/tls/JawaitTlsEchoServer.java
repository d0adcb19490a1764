package dev.jawait.bench.tls;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.net.TlsConfig;
import dev.jawait.net.TlsStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * The jawait side of the TLS comparison: a TLS echo server on {@code TlsStream}. A connection
 * waits with {@code readable()} holding no buffer, decrypts into a per-thread buffer with
 * {@code tryRead}, and echoes with {@code tryWrite} (what the socket does not take is copied
 * before the task awaits), so an idle connection holds the engine and no buffer.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.tls.JawaitTlsEchoServer \
 *     --port 8443 --keystore server.p12 --storepass changeit
 * }</pre>
 */
public final class JawaitTlsEchoServer {
    private static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);
    /** One per worker thread, never held across an await. */
    private static final ThreadLocal<ByteBuffer> BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(17 * 1024));

    private JawaitTlsEchoServer() {}

    public static void main(String[] args) throws Exception {
        TlsServerArgs a = TlsServerArgs.parse(args);
        TlsConfig.Builder config = TlsConfig.builder(TlsBenchKeys.serverContext(a.keyStore(), a.storePassword()));
        if (a.inlineTaskLimitMicros() >= 0) {
            config.inlineTaskLimit(Duration.ofNanos(a.inlineTaskLimitMicros() * 1000));
        }
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(a.threads()).build();
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", a.port()), 4096)) {
            System.out.println("jawait TLS echo server listening on " + listener.localAddress());
            runtime.blockOn(JawaitTlsEchoServerAsync.acceptLoop(listener, config.build()));
        }
    }

    @Async
    static void acceptLoop(TcpListener listener, TlsConfig config) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            socket.setNoDelay(true);
            Task.spawn(JawaitTlsEchoServerAsync.serve(socket, config));
        }
    }

    @Async
    static void serve(TcpStream socket, TlsConfig config) {
        TlsStream tls;
        try {
            tls = await(Time.timeout(HANDSHAKE_TIMEOUT, TlsStream.server(socket, config)));
        } catch (Exception e) { // TimeoutException, or the handshake's IOException passing through
            return; // the handshake closed the socket
        }
        try {
            while (true) {
                await(tls.readable()); // idle: no buffer held
                ByteBuffer buf = BUFFER.get().clear();
                int n = tls.tryRead(buf);
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    tls.tryWrite(buf.flip());
                    await(tls.writeAll(unsent(buf))); // queued records first; at once when none
                }
            }
            await(tls.shutdownOutput());
        } catch (IOException e) {
            // a load client that leaves without close_notify: normal here
        } finally {
            tls.close();
        }
    }

    /** What {@code tryWrite} left of the borrowed buffer, as a buffer of the connection's own. */
    private static ByteBuffer unsent(ByteBuffer buf) {
        if (!buf.hasRemaining()) {
            return NOTHING;
        }
        ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
        return copy.put(buf).flip();
    }
}
