package dev.jawait.net;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketOption;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.Objects;

/**
 * A UDP socket, like Tokio's {@code UdpSocket}: datagrams are sent and received whole, each
 * operation a {@code TryFuture<…, IOException>}.
 *
 * <pre>{@code
 * try (UdpSocket socket = UdpSocket.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     ByteBuffer buf = ByteBuffer.allocate(1500);
 *     SocketAddress from = await(socket.receive(buf));
 *     await(socket.send(buf.flip(), from));                // echo it back
 * }
 * }</pre>
 *
 * <p>A datagram larger than the receive buffer is truncated (the rest is discarded), as with
 * {@link DatagramChannel#receive}.
 */
public final class UdpSocket implements AutoCloseable {
    private final DatagramChannel channel;
    private final ChannelHandle handle;

    private UdpSocket(DatagramChannel channel) {
        this.channel = channel;
        this.handle = new ChannelHandle(channel);
    }

    /**
     * Binds a socket to {@code address} (port 0 picks a free port).
     *
     * @param address the local address to bind
     * @return the bound socket
     * @throws IOException if the address cannot be bound
     */
    public static UdpSocket bind(SocketAddress address) throws IOException {
        DatagramChannel channel = DatagramChannel.open();
        try {
            channel.configureBlocking(false);
            channel.bind(address);
            return new UdpSocket(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Connects to {@code peer}: only its datagrams are received and {@link #send(ByteBuffer)}
     * sends to it. Immediate (no packets are exchanged).
     *
     * @param peer the only address to exchange datagrams with
     * @return this socket
     * @throws IOException if the socket is closed or the peer cannot be reached
     */
    public UdpSocket connect(SocketAddress peer) throws IOException {
        handle.call(() -> channel.connect(peer));
        return this;
    }

    /**
     * Sends the remaining bytes of {@code src} as one datagram to {@code target}.
     *
     * @param src the datagram's bytes, from its position up to its limit
     * @param target where to send it
     * @return a future of the number of bytes sent
     */
    public TryFuture<Integer, IOException> send(ByteBuffer src, SocketAddress target) {
        Objects.requireNonNull(src, "src");
        Objects.requireNonNull(target, "target");
        return new IoOp<>(handle, SelectionKey.OP_WRITE, "send to " + target) {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.send(src, target);
                return n == 0 && src.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    /**
     * Sends one datagram to the {@linkplain #connect connected} peer.
     *
     * @param src the datagram's bytes, from its position up to its limit
     * @return a future of the number of bytes sent
     */
    public TryFuture<Integer, IOException> send(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new IoOp<>(handle, SelectionKey.OP_WRITE, "send") {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.write(src);
                return n == 0 && src.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    /**
     * Receives one datagram into {@code dst}; completes with the sender's address.
     *
     * @param dst where the datagram goes; what does not fit is dropped
     * @return a future of the sender's address
     */
    public TryFuture<SocketAddress, IOException> receive(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new IoOp<>(handle, SelectionKey.OP_READ, "receive") {
            @Override
            Poll<SocketAddress> attempt() throws IOException {
                SocketAddress from = channel.receive(dst);
                return from == null ? null : Poll.ready(from);
            }
        };
    }

    /**
     * Sets a socket option; returns this socket.
     *
     * @param <T> the option's value type
     * @param option the option, e.g. {@code StandardSocketOptions.SO_BROADCAST}
     * @param value its new value
     * @return this socket
     * @throws IOException if the socket is closed or the option cannot be set
     */
    public <T> UdpSocket setOption(SocketOption<T> option, T value) throws IOException {
        handle.call(() -> channel.setOption(option, value));
        return this;
    }

    /**
     * The bound address.
     *
     * @return the local address and port
     * @throws IOException if the socket is closed
     */
    public InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) handle.call(channel::getLocalAddress);
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return {@code true} until closed
     */
    public boolean isOpen() {
        return handle.isOpen();
    }

    /** Closes the socket; pending operations fail with "socket closed". Idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "UdpSocket[" + (isOpen() ? "open" : "closed") + "]";
    }
}
