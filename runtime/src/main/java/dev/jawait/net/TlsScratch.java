package dev.jawait.net;

import java.nio.ByteBuffer;

/**
 * The buffers a {@link TlsConnection} borrows for one non-blocking step — one set per thread,
 * shared by every TLS stream that thread polls, so an idle stream holds none. A step borrows,
 * reads or writes the socket, and before it returns copies what must survive (an incomplete
 * record, plaintext the caller had no room for, records the socket did not take) into a buffer
 * of the stream's own, exactly as large as those bytes. Steps never nest, nor await.
 *
 * <pre>{@code
 * ByteBuffer in = TlsScratch.get().cipherIn(engine.getSession().getPacketBufferSize());
 * }</pre>
 *
 * <p>Heap buffers: the JDK's {@code SSLEngine} encrypts and decrypts heap buffers faster than
 * direct ones (Netty's {@code SslHandler} makes the same choice for the JDK provider).
 */
final class TlsScratch {
    /** Records wrapped per socket write: a 64 KiB write becomes one system call, not four. */
    static final int RECORDS_PER_WRITE = 4;

    private static final ThreadLocal<TlsScratch> PER_THREAD = ThreadLocal.withInitial(TlsScratch::new);
    private static final ByteBuffer NONE = ByteBuffer.allocate(0);

    private ByteBuffer cipherIn = NONE;
    private ByteBuffer plain = NONE;
    private ByteBuffer cipherOut = NONE;

    private TlsScratch() {}

    /** The calling thread's set. */
    static TlsScratch get() {
        return PER_THREAD.get();
    }

    /** Received records, cleared, at least {@code packetSize} bytes. */
    ByteBuffer cipherIn(int packetSize) {
        if (cipherIn.capacity() < packetSize) {
            cipherIn = ByteBuffer.allocate(packetSize);
        }
        return cipherIn.clear();
    }

    /** Decrypted bytes, cleared, at least {@code applicationSize} bytes. */
    ByteBuffer plain(int applicationSize) {
        if (plain.capacity() < applicationSize) {
            plain = ByteBuffer.allocate(applicationSize);
        }
        return plain.clear();
    }

    /** Records to send, cleared, room for {@link #RECORDS_PER_WRITE} of {@code packetSize}. */
    ByteBuffer cipherOut(int packetSize) {
        if (cipherOut.capacity() < RECORDS_PER_WRITE * packetSize) {
            cipherOut = ByteBuffer.allocate(RECORDS_PER_WRITE * packetSize);
        }
        return cipherOut.clear();
    }
}
