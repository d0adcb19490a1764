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
import java.util.concurrent.CancellationException;

/**
 * "Hello, World!" over HTTPS. An idle connection holds no buffer: it waits with
 * {@code tls.readable()}, decrypts into a per-thread buffer with {@code tryRead} and answers
 * before its next {@code await} ({@link HelloRequests} keeps only an incomplete request head),
 * so what it keeps between requests is its TLS engine.
 *
 * <pre>{@code
 * scripts/run-sample.sh https-hello --port 8443
 * // then: curl --cacert <the PEM file it prints> https://localhost:8443/
 * }</pre>
 */
public final class HttpsHelloServer implements AutoCloseable {
    /** One per worker thread; borrowed between two awaits, never across one. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER = ThreadLocal.withInitial(() -> ByteBuffer.allocate(17 * 1024));

    private final TcpListener listener;
    private final JoinHandle<Void> acceptLoop;

    private HttpsHelloServer(AsyncRuntime runtime, InetSocketAddress address, TlsConfig config) throws IOException {
        this.listener = TcpListener.bind(address);
        this.acceptLoop = runtime.spawn(HttpsHelloServerAsync.acceptLoop(listener, config));
    }

    /**
     * Binds {@code address} (port 0 = any free port) and serves on {@code runtime}; give
     * {@code config} ALPN {@code "http/1.1"} so that clients offering HTTP/2 know where they are.
     */
    public static HttpsHelloServer start(AsyncRuntime runtime, InetSocketAddress address, TlsConfig config)
            throws IOException {
        return new HttpsHelloServer(runtime, address, config);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    /** One connection: handshake (at most 10 s), answer requests until one asks to close. */
    @Async
    static void serve(TcpStream socket, TlsConfig config) {
        TlsStream tls;
        try {
            tls = await(Time.timeout(TlsEchoServer.HANDSHAKE_TIMEOUT, TlsStream.server(socket, config)));
        } catch (Exception e) { // TimeoutException, or the handshake's SSLException passing through
            return;
        }
        HelloRequests requests = new HelloRequests();
        try {
            while (requests.open()) {
                await(tls.readable()); // idle: no buffer held
                ByteBuffer in = READ_BUFFER.get().clear();
                int n = tls.tryRead(in);
                if (n < 0) {
                    break; // close_notify
                }
                ByteBuffer replies = n > 0 ? requests.answer(in.flip()) : null; // copied out of `in`
                if (replies != null) {
                    await(tls.writeAll(replies));
                }
            }
            await(tls.shutdownOutput());
        } catch (IOException e) {
            // The client left without close_notify, or reset.
        } finally {
            tls.close();
        }
    }

    @Async
    static void acceptLoop(TcpListener listener, TlsConfig config) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            socket.setNoDelay(true);
            Task.spawn(HttpsHelloServerAsync.serve(socket, config));
        }
    }

    /**
     * {@code --port} (default 8443), {@code --bind} (default 127.0.0.1), {@code --keystore FILE
     * --storepass PW} (PKCS12; default: a self-signed certificate for localhost, made now).
     */
    public static void main(String[] args) throws Exception {
        int port = 8443;
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
        TlsConfig config = TlsConfig.builder(keys.serverContext()).applicationProtocols("http/1.1").build();
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
                HttpsHelloServer server = start(runtime, new InetSocketAddress(bind, port), config)) {
            System.out.println("HTTPS hello server listening on " + server.address());
            System.out.println("try: curl --cacert " + keys.certificatePem() + " https://localhost:"
                    + server.address().getPort() + "/");
            TaskDumpSignal.installForMain(runtime);
            runtime.blockOn(server.acceptLoop);
        } catch (CancellationException closed) {
            // Shut down.
        }
    }
}
