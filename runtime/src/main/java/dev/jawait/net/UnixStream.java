package dev.jawait.net;

import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.SocketOption;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A Unix domain stream socket — a connection to a local daemon (the Docker socket, a database's
 * local socket, a sidecar) — like Tokio's {@code UnixStream}, built on the JDK's
 * {@link UnixDomainSocketAddress} (JDK 16+). It has {@link TcpStream}'s surface and behaves the
 * same way: every operation is a {@code TryFuture<…, IOException>} that tries the system call
 * first and waits for the selector only when it would block; one read and one write may be in
 * flight at a time.
 *
 * <pre>{@code
 * try (UnixStream docker = await(UnixStream.connect(Path.of("/var/run/docker.sock")))) {
 *     await(docker.writeAll(ByteBuffer.wrap("GET /_ping HTTP/1.0\r\n\r\n".getBytes(US_ASCII))));
 *     ByteBuffer reply = ByteBuffer.allocate(4096);
 *     while (await(docker.read(reply)) >= 0 && reply.hasRemaining()) { }
 * }
 * }</pre>
 *
 * <p>{@link #close()} wakes pending operations, which fail with {@code IOException("socket
 * closed")}, and releases the descriptor. A failed connect names the path: a socket file nobody
 * listens on gives {@link java.net.ConnectException} ({@code "<path>: Connection refused"}), no
 * file a {@link java.net.SocketException} ({@code "<path>: No such file or directory"}), and a
 * listener whose accept queue is full refuses at once ({@code "<path>: Resource temporarily
 * unavailable"}), as a non-blocking Unix connect does in Tokio and in C.
 */
public final class UnixStream implements AutoCloseable {
    private final SocketChannel channel;
    private final ChannelHandle handle;
    private final UnixDomainSocketAddress localAddress;
    private final UnixDomainSocketAddress remoteAddress;
    private Readiness readable;
    private Readiness writable;

    UnixStream(SocketChannel channel, ChannelHandle handle) throws IOException {
        this.channel = channel;
        this.handle = handle;
        this.localAddress = (UnixDomainSocketAddress) channel.getLocalAddress();
        this.remoteAddress = (UnixDomainSocketAddress) channel.getRemoteAddress();
    }

    /** Wraps an accepted channel, switching it to non-blocking mode. */
    static UnixStream adopt(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        return new UnixStream(channel, new ChannelHandle(channel));
    }

    /**
     * Connects to the socket file at {@code path}. The attempt starts at the first poll.
     *
     * <pre>{@code
     * UnixStream s = await(UnixStream.connect(Path.of("/run/app.sock")));
     * }</pre>
     *
     * @param path the listener's socket file
     * @return a future of the connected stream
     */
    public static TryFuture<UnixStream, IOException> connect(Path path) {
        return connect(UnixDomainSocketAddress.of(Objects.requireNonNull(path, "path")));
    }

    /**
     * Connects to {@code address}; see {@link #connect(Path)}.
     *
     * @param address the listener's address
     * @return a future of the connected stream
     */
    public static TryFuture<UnixStream, IOException> connect(UnixDomainSocketAddress address) {
        Objects.requireNonNull(address, "address");
        return ConnectOp.unix(address);
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
     * Writes all remaining bytes of {@code src}, waiting for the peer to make room as needed. If
     * it fails or is cancelled, {@code src}'s position tells how much was written.
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future that completes when every byte is in the socket
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return StreamOps.writeAll(channel, handle, src);
    }

    /**
     * Fills the remaining space of {@code dst}; fails with {@link java.io.EOFException} if the
     * stream ends first (what was read stays in {@code dst}).
     *
     * @param dst the buffer to fill, from its position up to its limit
     * @return a future that completes when {@code dst} is full
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return StreamOps.readExact(channel, handle, dst);
    }

    /**
     * Completes when the stream may be readable; with {@link #tryRead} it waits for input
     * without holding a buffer. See {@link TcpStream#readable()}.
     *
     * <pre>{@code
     * await(socket.readable());
     * int n = socket.tryRead(borrowed);   // 0: a false positive, wait again
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
     * Completes when the stream may be writable; the twin of {@link #readable()}.
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
     * One non-blocking read into {@code dst}, now: bytes read, 0 when nothing is available, -1
     * at end of stream. See {@link TcpStream#tryRead}.
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return the number of bytes read, 0, or -1 at the end
     * @throws IOException if the stream is closed ("socket closed") or the peer reset it
     */
    public int tryRead(ByteBuffer dst) throws IOException {
        return StreamOps.tryRead(channel, handle, dst);
    }

    /**
     * One non-blocking write from {@code src}, now: bytes written, 0 when the send buffer is
     * full. See {@link TcpStream#tryWrite}.
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
     * Sets a socket option ({@code SO_SNDBUF}, {@code SO_RCVBUF}); returns this stream.
     *
     * <pre>{@code
     * socket.setOption(StandardSocketOptions.SO_SNDBUF, 1 << 20);
     * }</pre>
     *
     * @param <T> the option's value type
     * @param option the option to set
     * @param value its new value
     * @return this stream
     * @throws IOException if the stream is closed or the option cannot be set
     */
    public <T> UnixStream setOption(SocketOption<T> option, T value) throws IOException {
        handle.call(() -> channel.setOption(option, value));
        return this;
    }

    /**
     * Reads a socket option — e.g. {@code jdk.net.ExtendedSocketOptions.SO_PEERCRED}, the peer
     * process's user and group (Linux, macOS).
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
     * This end's address: empty path for a client socket, which is unnamed.
     *
     * @return this end's (unnamed) address
     */
    public UnixDomainSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The peer's address: the listener's path for a client, empty for an accepted socket.
     *
     * @return the other end's address
     */
    public UnixDomainSocketAddress remoteAddress() {
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
     * Closes the connection: pending operations fail with {@code IOException("socket closed")},
     * the descriptor is released. Idempotent; never throws.
     */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "UnixStream[" + describe(localAddress) + " -> " + describe(remoteAddress)
                + (isOpen() ? "" : ", closed") + "]";
    }

    static String describe(UnixDomainSocketAddress address) {
        String path = address == null ? "" : address.getPath().toString();
        return path.isEmpty() ? "(unnamed)" : path;
    }
}
