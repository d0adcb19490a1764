package dev.jawait.net;

import dev.jawait.TryFuture;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.Objects;

/**
 * A TCP connection, like Tokio's {@code TcpStream}: every operation is a
 * {@code TryFuture<…, IOException>} that tries the system call first and waits for readiness
 * only when it would block. One read and one write may be in flight at a time (typically from
 * two tasks: a reader and a writer).
 *
 * <pre>{@code
 * try (TcpStream socket = await(TcpStream.connect(new InetSocketAddress("127.0.0.1", 6379)))) {
 *     await(socket.writeAll(ByteBuffer.wrap("PING\r\n".getBytes(US_ASCII))));
 *     ByteBuffer reply = ByteBuffer.allocate(7);
 *     await(socket.readExact(reply));                 // "+PONG\r\n"
 * }
 * }</pre>
 *
 * <p>{@link #close()} wakes pending operations, which fail with {@code IOException("socket
 * closed")}, and releases the descriptor. A connection reset by the peer fails the pending or
 * next operation with the {@link IOException} the JDK reports.
 */
public final class TcpStream implements AutoCloseable {
    private final SocketChannel channel;
    private final ChannelHandle handle;
    private final InetSocketAddress localAddress;
    private final InetSocketAddress remoteAddress;
    private Readiness readable;
    private Readiness writable;

    TcpStream(SocketChannel channel, ChannelHandle handle) throws IOException {
        this.channel = channel;
        this.handle = handle;
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
        this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
    }

    /** Wraps an accepted (or otherwise connected) channel, switching it to non-blocking mode. */
    static TcpStream adopt(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        return new TcpStream(channel, new ChannelHandle(channel));
    }

    /**
     * Opens a connection to {@code address} (an already resolved {@link InetSocketAddress}).
     * The connection attempt starts at the first poll. Fails with
     * {@link java.net.ConnectException} when nobody listens there.
     *
     * @param address the peer's address
     * @return a future of the connected stream
     */
    public static TryFuture<TcpStream, IOException> connect(SocketAddress address) {
        return ConnectOp.tcp(Objects.requireNonNull(address, "address"));
    }

    /**
     * Connects to {@code port} on {@code host}, a name or an IP literal: the name is resolved by
     * the current runtime's {@link Resolver} without blocking a worker (by default
     * {@link java.net.InetAddress#getAllByName} on the blocking pool), then its addresses are
     * tried as RFC 8305 ("Happy Eyeballs") says — see {@link TcpConnector}, whose
     * {@linkplain TcpConnector#defaults() defaults} this uses (250 ms between attempts, 10 s per
     * attempt). An unknown name fails with {@link java.net.UnknownHostException} naming it.
     *
     * <pre>{@code
     * try (TcpStream redis = await(TcpStream.connect("localhost", 6379))) { ... }
     * }</pre>
     *
     * @param host a host name or an IP literal
     * @param port the port to connect to
     * @return a future of the connected stream
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public static TryFuture<TcpStream, IOException> connect(String host, int port) {
        return TcpConnector.DEFAULTS.connect(host, port);
    }

    /**
     * Reads some bytes into {@code dst}: completes with the number read (at least 1 when
     * {@code dst} has room), 0 when {@code dst} is full, or -1 at end of stream.
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return a future of the number of bytes read, or -1 at the end
     */
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return StreamOps.read(channel, handle, dst);
    }

    /**
     * Writes some bytes from {@code src}: completes with the number written (≥ 1 unless empty).
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future of the number of bytes written
     */
    public TryFuture<Integer, IOException> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return StreamOps.write(channel, handle, src);
    }

    /**
     * Writes all remaining bytes of {@code src}, waiting for the peer to make room as needed;
     * only {@code src} is buffered, so memory stays bounded however slow the reader is. If it
     * fails or is cancelled, {@code src}'s position tells how much was written.
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future that completes when every byte is in the socket
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return StreamOps.writeAll(channel, handle, src);
    }

    /**
     * Fills the remaining space of {@code dst}; fails with {@link EOFException} if the stream
     * ends first (what was read stays in {@code dst}).
     *
     * @param dst the buffer to fill, from its position up to its limit
     * @return a future that completes when {@code dst} is full
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return StreamOps.readExact(channel, handle, dst);
    }

    /**
     * Completes when the stream may be readable — Tokio's {@code readable()}: together with
     * {@link #tryRead} it lets a connection wait for input <em>without holding a buffer</em>, so an
     * idle connection costs a few small objects and a buffer is borrowed only while bytes are
     * actually there. Ready at once (allocation-free: one reused future per stream) until an
     * attempt would block; then it waits for the selector. It may complete spuriously:
     * {@code tryRead} then returns 0 and the loop waits again. End of stream and errors count as
     * readable (the next {@code tryRead} reports them). One reader at a time.
     *
     * <pre>{@code
     * while (true) {
     *     await(socket.readable());
     *     ByteBuffer buf = perThreadBuffer.get().clear();   // never held across an await
     *     int n = socket.tryRead(buf);
     *     if (n < 0) break;                                 // end of stream
     *     if (n == 0) continue;                             // false positive: wait again
     *     handle(buf.flip());                               // consume (or copy) before awaiting
     * }
     * }</pre>
     *
     * @return a future that completes when a read may find bytes
     */
    public TryFuture<Void, IOException> readable() {
        Readiness r = readable;
        if (r == null) {
            readable = r = new Readiness(handle, SelectionKey.OP_READ);
        }
        return r;
    }

    /**
     * Completes when the stream may be writable (its send buffer has room); the write-side twin
     * of {@link #readable()}, for use with {@link #tryWrite}. One writer at a time.
     *
     * <pre>{@code
     * while (out.hasRemaining()) {
     *     if (socket.tryWrite(out) == 0) await(socket.writable());
     * }
     * }</pre>
     *
     * @return a future that completes when a write may find room
     */
    public TryFuture<Void, IOException> writable() {
        Readiness w = writable;
        if (w == null) {
            writable = w = new Readiness(handle, SelectionKey.OP_WRITE);
        }
        return w;
    }

    /**
     * One non-blocking read into {@code dst}, now: the number of bytes read, 0 when nothing is
     * available (or {@code dst} is full), -1 at end of stream. A read that would block — or that
     * came up short of filling {@code dst}, which on a stream socket means it was drained —
     * clears the cached readiness, so the next {@link #readable()} waits for the selector
     * instead of costing another read system call.
     *
     * <pre>{@code
     * int n = socket.tryRead(buf);   // never waits
     * }</pre>
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return the number of bytes read, 0, or -1 at the end
     * @throws IOException if the stream is closed ("socket closed") or the peer reset it
     */
    public int tryRead(ByteBuffer dst) throws IOException {
        return StreamOps.tryRead(channel, handle, dst);
    }

    /**
     * One non-blocking write from {@code src}, now: the number of bytes written, 0 when the send
     * buffer is full. A write that leaves bytes in {@code src} clears the cached write
     * readiness, so the next {@link #writable()} waits for room.
     *
     * <pre>{@code
     * socket.tryWrite(reply);
     * if (reply.hasRemaining()) await(socket.writeAll(reply));   // the peer reads slowly
     * }</pre>
     *
     * @param src the bytes to write, from its position up to its limit
     * @return the number of bytes written, possibly 0
     * @throws IOException if the stream is closed ("socket closed") or the peer reset it
     */
    public int tryWrite(ByteBuffer src) throws IOException {
        return StreamOps.tryWrite(channel, handle, src);
    }

    /**
     * Half-closes: the peer reads end of stream; this side can still read.
     *
     * @throws IOException if the stream is closed or the peer reset it
     */
    public void shutdownOutput() throws IOException {
        StreamOps.shutdownOutput(channel, handle);
    }

    /**
     * Stops reading: further reads complete with -1.
     *
     * @throws IOException if the stream is closed
     */
    public void shutdownInput() throws IOException {
        StreamOps.shutdownInput(channel, handle);
    }

    /**
     * Sets {@code TCP_NODELAY} (disables Nagle's algorithm when true); returns this stream.
     *
     * @param noDelay {@code true} to send small writes at once
     * @return this stream
     * @throws IOException if the stream is closed
     */
    public TcpStream setNoDelay(boolean noDelay) throws IOException {
        return setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    }

    /**
     * Sets a socket option; returns this stream.
     *
     * @param <T> the option's value type
     * @param option the option, e.g. {@code StandardSocketOptions.SO_SNDBUF}
     * @param value its new value
     * @return this stream
     * @throws IOException if the stream is closed or the option cannot be set
     */
    public <T> TcpStream setOption(SocketOption<T> option, T value) throws IOException {
        handle.call(() -> channel.setOption(option, value));
        return this;
    }

    /**
     * Reads a socket option.
     *
     * @param <T> the option's value type
     * @param option the option to read
     * @return its current value
     * @throws IOException if the stream is closed
     */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        return handle.call(() -> channel.getOption(option));
    }

    /**
     * This end's address.
     *
     * @return the local address and port
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The peer's address.
     *
     * @return the remote address and port
     */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return {@code true} until closed
     */
    public boolean isOpen() {
        return handle.isOpen();
    }

    /**
     * Closes the connection: pending operations are woken and fail with
     * {@code IOException("socket closed")}, the driver registration is cancelled and the
     * descriptor released. Idempotent; never throws (closing errors cannot be acted upon).
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "TcpStream[" + localAddress + " -> " + remoteAddress + (isOpen() ? "" : ", closed") + "]";
    }
}
