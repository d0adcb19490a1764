package dev.jawait.net;

import dev.jawait.Poll;
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
     */
    public static TryFuture<TcpStream, IOException> connect(SocketAddress address) {
        return new ConnectOp(Objects.requireNonNull(address, "address"));
    }

    /**
     * Reads some bytes into {@code dst}: completes with the number read (at least 1 when
     * {@code dst} has room), 0 when {@code dst} is full, or -1 at end of stream.
     */
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new IoOp<>(handle, SelectionKey.OP_READ) {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.read(dst);
                return n == 0 && dst.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    /** Writes some bytes from {@code src}: completes with the number written (≥ 1 unless empty). */
    public TryFuture<Integer, IOException> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new IoOp<>(handle, SelectionKey.OP_WRITE) {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.write(src);
                return n == 0 && src.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    /**
     * Writes all remaining bytes of {@code src}, waiting for the peer to make room as needed;
     * only {@code src} is buffered, so memory stays bounded however slow the reader is. If it
     * fails or is cancelled, {@code src}'s position tells how much was written.
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new IoOp<>(handle, SelectionKey.OP_WRITE) {
            @Override
            Poll<Void> attempt() throws IOException {
                while (src.hasRemaining()) {
                    if (channel.write(src) == 0) {
                        return null;
                    }
                }
                return Poll.ready(null);
            }
        };
    }

    /**
     * Fills the remaining space of {@code dst}; fails with {@link EOFException} if the stream
     * ends first (what was read stays in {@code dst}).
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new IoOp<>(handle, SelectionKey.OP_READ) {
            @Override
            Poll<Void> attempt() throws IOException {
                while (dst.hasRemaining()) {
                    int n = channel.read(dst);
                    if (n < 0) {
                        throw new EOFException("stream ended with " + dst.remaining()
                                + " bytes still expected");
                    }
                    if (n == 0) {
                        return null;
                    }
                }
                return Poll.ready(null);
            }
        };
    }

    /** Half-closes: the peer reads end of stream; this side can still read. */
    public void shutdownOutput() throws IOException {
        handle.ensureOpen();
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw handle.translate(e);
        }
    }

    /** Stops reading: further reads complete with -1. */
    public void shutdownInput() throws IOException {
        handle.ensureOpen();
        try {
            channel.shutdownInput();
        } catch (IOException e) {
            throw handle.translate(e);
        }
    }

    /** Sets {@code TCP_NODELAY} (disables Nagle's algorithm when true); returns this stream. */
    public TcpStream setNoDelay(boolean noDelay) throws IOException {
        return setOption(StandardSocketOptions.TCP_NODELAY, noDelay);
    }

    /** Sets a socket option; returns this stream. */
    public <T> TcpStream setOption(SocketOption<T> option, T value) throws IOException {
        handle.ensureOpen();
        channel.setOption(option, value);
        return this;
    }

    /** Reads a socket option. */
    public <T> T getOption(SocketOption<T> option) throws IOException {
        handle.ensureOpen();
        return channel.getOption(option);
    }

    /** This end's address. */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /** The peer's address. */
    public InetSocketAddress remoteAddress() {
        return remoteAddress;
    }

    /** Whether {@link #close()} has not been called. */
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
