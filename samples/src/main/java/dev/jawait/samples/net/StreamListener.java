package dev.jawait.samples.net;

import dev.jawait.TryFuture;
import java.io.IOException;

/**
 * Where a server sample accepts its {@link ByteStream}s: a TCP port, with or without TLS
 * ({@link TcpStreamListener}), or a Unix domain socket ({@link UnixStreamListener}).
 *
 * <pre>{@code
 * StreamListener listener = TcpStreamListener.bind(address, tlsConfigOrNull, s -> s.setNoDelay(true));
 * while (true) {
 *     ByteStream stream = await(listener.accept());
 *     Task.spawn(ServerAsync.serve(stream));        // serve awaits stream.open() first
 * }
 * }</pre>
 */
public interface StreamListener extends AutoCloseable {
    /** The next connection; fails with an {@link IOException} once closed. */
    TryFuture<ByteStream, IOException> accept();

    /** Whether {@link #close()} has not been called. */
    boolean isOpen();

    /** Stops listening (a Unix socket's file is deleted); never throws. */
    @Override
    void close();

    /** What it listens on, for logs: {@code 127.0.0.1:6379}, {@code tls 127.0.0.1:6379}, {@code unix /tmp/redis.sock}. */
    String describe();
}
