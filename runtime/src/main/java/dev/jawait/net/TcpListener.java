package dev.jawait.net;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP server socket, like Tokio's {@code TcpListener}. Binding is immediate (a plain method
 * that throws {@link IOException}); accepting is a future.
 *
 * <pre>{@code
 * try (TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0))) {
 *     System.out.println("listening on " + listener.localAddress());
 *     while (true) {
 *         TcpStream socket = await(listener.accept());
 *         Task.spawn(EchoAsync.handle(socket));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code SO_REUSEADDR} is set (as Tokio does on Unix) so a restarted server can rebind while
 * old connections linger in {@code TIME_WAIT}. Closing the listener wakes a pending
 * {@link #accept()}, which fails with {@code IOException("socket closed")}, as does any later
 * accept.
 */
public final class TcpListener implements AutoCloseable {
    /** Default accept backlog; Linux caps it at {@code net.core.somaxconn}. */
    public static final int DEFAULT_BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final ChannelHandle handle;
    private final InetSocketAddress localAddress;

    private TcpListener(ServerSocketChannel channel) throws IOException {
        this.channel = channel;
        this.handle = new ChannelHandle(channel);
        this.localAddress = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Binds to {@code address} (port 0 picks a free port) with the default backlog.
     *
     * @param address the local address to listen on
     * @return a listener, open until closed
     * @throws IOException if the address cannot be bound (in use, not local)
     */
    public static TcpListener bind(SocketAddress address) throws IOException {
        return bind(address, DEFAULT_BACKLOG);
    }

    /**
     * Binds to {@code address} with the given accept backlog.
     *
     * @param address the local address to listen on
     * @param backlog the most connections the kernel queues before they are accepted
     * @return a listener, open until closed
     * @throws IOException if the address cannot be bound (in use, not local)
     */
    public static TcpListener bind(SocketAddress address, int backlog) throws IOException {
        ServerSocketChannel channel = ServerSocketChannel.open();
        try {
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(address, backlog);
            return new TcpListener(channel);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Accepts the next connection.
     *
     * @return a future of the next accepted connection
     */
    public TryFuture<TcpStream, IOException> accept() {
        return new IoOp<>(handle, SelectionKey.OP_ACCEPT, "accept") {
            @Override
            Poll<TcpStream> attempt() throws IOException {
                SocketChannel accepted = channel.accept();
                if (accepted == null) {
                    return null;
                }
                try {
                    return Poll.ready(TcpStream.adopt(accepted));
                } catch (IOException | RuntimeException e) {
                    accepted.close();
                    throw e;
                }
            }
        };
    }

    /**
     * The bound address (with the actual port when bound to port 0).
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return {@code true} until closed
     */
    public boolean isOpen() {
        return handle.isOpen();
    }

    /** Stops listening; a pending accept fails with "socket closed". Idempotent. */
    @Override
    public void close() {
        handle.close();
    }

    @Override
    public String toString() {
        return "TcpListener[" + localAddress + (isOpen() ? "" : ", closed") + "]";
    }
}
