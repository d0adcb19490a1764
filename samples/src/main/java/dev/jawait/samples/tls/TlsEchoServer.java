package dev.jawait.samples.tls;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.net.TlsConfig;
import dev.jawait.net.TlsStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.debug.TaskDumpSignal;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CancellationException;

/**
 * The echo server of docs/ARCHITECTURE.md over TLS: the same loop, on a {@link TlsStream} instead of a
 * {@code TcpStream}. The handshake is one more {@code await}, under a timeout so that a client
 * that never finishes it cannot hold its connection.
 *
 * <pre>{@code
 * scripts/run-sample.sh tls-echo --port 7443
 * // then: openssl s_client -connect 127.0.0.1:7443 -CAfile <the PEM file it prints>
 * }</pre>
 */
public final class TlsEchoServer implements AutoCloseable {
    static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final TcpListener listener;
    private final JoinHandle<Void> acceptLoop;

    private TlsEchoServer(AsyncRuntime runtime, InetSocketAddress address, TlsConfig config) throws IOException {
        this.listener = TcpListener.bind(address);
        this.acceptLoop = runtime.spawn(TlsEchoServerAsync.acceptLoop(listener, config));
    }

    /** Binds {@code address} (port 0 = any free port) and serves TLS with {@code config} on {@code runtime}. */
    public static TlsEchoServer start(AsyncRuntime runtime, InetSocketAddress address, TlsConfig config)
            throws IOException {
        return new TlsEchoServer(runtime, address, config);
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

    /** Echoes until the client's close_notify, then sends ours; returns the bytes echoed. */
    @Async
    static long echo(TlsStream tls) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        long total = 0;
        while (true) {
            int n = await(tls.read(buf.clear())); // -1 only after close_notify
            if (n < 0) {
                await(tls.shutdownOutput());
                return total;
            }
            await(tls.writeAll(buf.flip()));
            total += n;
        }
    }

    /** One connection: handshake (at most 10 s), echo, close. */
    @Async
    static void serve(TcpStream socket, TlsConfig config) {
        TlsStream tls;
        try {
            tls = await(Time.timeout(HANDSHAKE_TIMEOUT, TlsStream.server(socket, config)));
        } catch (Exception e) { // TimeoutException, or the handshake's SSLException passing through
            return; // a failed or cancelled handshake closes the socket itself
        }
        try {
            await(TlsEchoServerAsync.echo(tls));
        } catch (IOException e) {
            // The client left without close_notify (truncation) or reset: nothing to answer.
        } finally {
            tls.close();
        }
    }

    @Async
    static void acceptLoop(TcpListener listener, TlsConfig config) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            Task.spawn(TlsEchoServerAsync.serve(socket, config));
        }
    }

    /**
     * {@code --port} (default 7443), {@code --bind} (default 127.0.0.1), {@code --keystore FILE
     * --storepass PW} (PKCS12; default: a self-signed certificate for localhost, made now).
     */
    public static void main(String[] args) throws Exception {
        int port = 7443;
        String bind = "127.0.0.1";
        String keyStore = null;
        String password = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bind" -> bind = args[i + 1];
                case "--keystore" -> keyStore = args[i + 1];
                case "--storepass" -> password = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TlsKeys keys = TlsKeys.fromOptions(keyStore, password);
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
                TlsEchoServer server = start(runtime, new InetSocketAddress(bind, port),
                        TlsConfig.of(keys.serverContext()))) {
            System.out.println("TLS echo server listening on " + server.address());
            System.out.println("try: openssl s_client -connect 127.0.0.1:" + server.address().getPort()
                    + " -CAfile " + keys.certificatePem());
            TaskDumpSignal.installForMain(runtime);
            runtime.blockOn(server.acceptLoop);
        } catch (CancellationException closed) {
            // Shut down.
        }
    }
}
