package dev.jawait.samples.net;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A connection the server samples serve the same way whatever carries it — TCP, TLS over TCP, a
 * Unix domain socket: the readiness-style surface they use ({@link #readable()} and
 * {@link #tryRead}, {@link #tryWrite} and {@link #writeAll}). Made by a {@link StreamListener};
 * the connection's task awaits {@link #open()} first (the TLS handshake; nothing for the others).
 *
 * <pre>{@code
 * ByteStream stream = await(listener.accept());
 * await(stream.open());
 * while (true) {
 *     await(stream.readable());
 *     int n = stream.tryRead(buf.clear());      // 0: nothing yet (a spurious wake-up)
 *     if (n < 0) break;
 *     await(stream.writeAll(answer(buf.flip())));
 * }
 * await(stream.flush());                         // TLS: records queued by tryWrite go out
 * stream.close();
 * }</pre>
 */
public interface ByteStream extends AutoCloseable {
    /** Completes when the stream is ready for {@link #tryRead} (TLS: after the handshake). */
    TryFuture<Void, IOException> open();

    /** Completes when {@link #tryRead} may deliver something; may complete spuriously. */
    TryFuture<Void, IOException> readable();

    /** Reads what is there now: bytes read, 0 if none yet, -1 at the end of the stream. */
    int tryRead(ByteBuffer dst) throws IOException;

    /** Reads some bytes, waiting until there are some: the count, or -1 at the end. */
    TryFuture<Integer, IOException> read(ByteBuffer dst);

    /**
     * Writes what the stream takes now: the bytes taken from {@code src}. A TLS stream may keep
     * records it encrypted from them; {@link #flush()} sends those.
     */
    int tryWrite(ByteBuffer src) throws IOException;

    /** Writes all of {@code src}, waiting for the peer as needed. */
    TryFuture<Void, IOException> writeAll(ByteBuffer src);

    /** Whether {@link #tryWrite} may leave output in the stream that {@link #flush()} must send (TLS). */
    boolean buffersOutput();

    /** Completes once everything written is in the socket (at once unless {@link #buffersOutput()}). */
    TryFuture<Void, IOException> flush();

    /** Ends this side's output (TLS: {@code close_notify}, then FIN); the future completes once it went out. */
    TryFuture<Void, IOException> shutdownOutput() throws IOException;

    /** Whether {@link #close()} has not been called. */
    boolean isOpen();

    /** Closes the connection; never throws. */
    @Override
    void close();

    /** A future that is ready at once, for the steps a transport has nothing to do for. */
    static TryFuture<Void, IOException> done() {
        return cx -> Poll.ready(null);
    }
}
