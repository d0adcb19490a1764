package dev.jawait.net;

import static dev.jawait.Await.await;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Shared pieces of the TLS tests: payloads, SHA-256, and a handshake between a jawait client
 * and a jawait server, the server side on a thread of its own (both written with blocking
 * {@code await}, which drives the futures on the calling thread).
 *
 * <pre>{@code
 * try (TlsTesting t = new TlsTesting(); TlsTesting.Pair p = t.handshake(serverConfig, clientConfig, "localhost")) {
 *     await(p.client().writeAll(...));
 * }
 * }</pre>
 */
final class TlsTesting implements AutoCloseable {
    static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    private final ExecutorService threads = Executors.newCachedThreadPool();

    /** Runs {@code body} on a thread of its own. */
    <T> java.util.concurrent.Future<T> onThread(Callable<T> body) {
        return threads.submit(body);
    }

    /** Both ends of one TLS connection, closed together. */
    record Pair(TlsStream client, TlsStream server) implements AutoCloseable {
        @Override
        public void close() {
            client.close();
            server.close();
        }
    }

    /** Accepts on a thread, connects here; both handshakes must succeed. */
    Pair handshake(TlsConfig server, TlsConfig client, String serverName) throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            java.util.concurrent.Future<TlsStream> accepted =
                    onThread(() -> await(TlsStream.server(await(listener.accept()), server)));
            TlsStream c = await(TlsStream.client(await(TcpStream.connect(listener.localAddress())), client, serverName));
            try {
                return new Pair(c, accepted.get(30, TimeUnit.SECONDS));
            } catch (Exception e) {
                c.close();
                throw e;
            }
        }
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    /** Writes {@code payload} in pieces of random sizes (1 byte to 70 KiB). */
    static void writeInRandomPieces(TlsStream tls, byte[] payload, long seed) throws IOException {
        SplittableRandom random = new SplittableRandom(seed);
        int written = 0;
        while (written < payload.length) {
            int piece = 1 + random.nextInt(Math.min(payload.length - written, 70 * 1024));
            await(tls.writeAll(ByteBuffer.wrap(payload, written, piece)));
            written += piece;
        }
    }

    @Override
    public void close() throws InterruptedException {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
    }
}
