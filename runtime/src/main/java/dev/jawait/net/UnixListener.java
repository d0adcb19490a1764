package dev.jawait.net;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;

/**
 * A Unix domain socket server, like Tokio's {@code UnixListener}: binding creates the socket
 * file (a plain method that throws {@link IOException}); accepting is a future.
 *
 * <pre>{@code
 * try (UnixListener listener = UnixListener.bind(Path.of("/run/app/app.sock"))) {
 *     while (true) {
 *         UnixStream client = await(listener.accept());
 *         Task.spawn(HandlerAsync.serve(client));
 *     }
 * }
 * }</pre>
 *
 * <p>The socket file: {@link #bind} fails with {@link BindException} naming the path if a file
 * is already there (a stale socket of a crashed server must be deleted first — as with Tokio and
 * C, and unlike TCP there is no {@code SO_REUSEADDR}). {@link #close()} deletes the socket file it
 * created — as Go's listeners do — unless it has been replaced since (another server bound the
 * same path), so a clean shutdown leaves the path free. Closing wakes a pending
 * {@link #accept()}, which fails with {@code IOException("socket closed")}, as does any later
 * accept. Access control is the file's permissions (the directory's, portably).
 */
public final class UnixListener implements AutoCloseable {
    /** Default accept backlog; Linux caps it at {@code net.core.somaxconn}. */
    public static final int DEFAULT_BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final ChannelHandle handle;
    private final UnixDomainSocketAddress localAddress;
    private final Object socketFileKey;

    private UnixListener(ServerSocketChannel channel, UnixDomainSocketAddress localAddress, Object socketFileKey) {
        this.channel = channel;
        this.handle = new ChannelHandle(channel);
        this.localAddress = localAddress;
        this.socketFileKey = socketFileKey;
    }

    /**
     * Creates the socket file at {@code path} and listens on it, with the default backlog.
     *
     * @param path where the socket file is created; it must not exist
     * @return a listener, open until closed (which deletes the file)
     * @throws IOException if {@code path} exists or cannot be bound
     */
    public static UnixListener bind(Path path) throws IOException {
        return bind(path, DEFAULT_BACKLOG);
    }

    /**
     * Creates the socket file at {@code path} and listens on it with the given accept backlog.
     *
     * @param path where the socket file is created; it must not exist
     * @param backlog the most connections the kernel queues before they are accepted
     * @return a listener, open until closed (which deletes the file)
     * @throws BindException if {@code path} already exists, or cannot be bound (its message
     *     names the path)
     */
    public static UnixListener bind(Path path, int backlog) throws IOException {
        Objects.requireNonNull(path, "path");
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.configureBlocking(false);
            try {
                channel.bind(address, backlog);
            } catch (IOException e) {
                BindException named = new BindException(path + ": " + e.getMessage()
                        + (Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                                ? " (the file exists: a stale socket of an old server? delete it first)" : ""));
                named.initCause(e);
                throw named;
            }
            return new UnixListener(channel, address, fileKeyOrNull(path));
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
    public TryFuture<UnixStream, IOException> accept() {
        return new IoOp<>(handle, SelectionKey.OP_ACCEPT, "accept") {
            @Override
            Poll<UnixStream> attempt() throws IOException {
                SocketChannel accepted = channel.accept();
                if (accepted == null) {
                    return null;
                }
                try {
                    return Poll.ready(UnixStream.adopt(accepted));
                } catch (IOException | RuntimeException e) {
                    accepted.close();
                    throw e;
                }
            }
        };
    }

    /**
     * The bound address.
     *
     * @return the listener's address
     */
    public UnixDomainSocketAddress localAddress() {
        return localAddress;
    }

    /**
     * The socket file's path.
     *
     * @return the path given to {@link #bind(Path)}
     */
    public Path path() {
        return localAddress.getPath();
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
     * Stops listening (a pending accept fails with "socket closed") and deletes the socket file
     * if it is still the one this listener created. Idempotent; never throws.
     */
    @Override
    public void close() {
        boolean wasOpen = handle.isOpen();
        handle.close();
        if (wasOpen && socketFileKey != null) {
            try {
                if (socketFileKey.equals(fileKeyOrNull(path()))) {
                    Files.deleteIfExists(path());
                }
            } catch (IOException cannot) {
                // Deleted meanwhile, or the directory is not writable: nothing left to do.
            }
        }
    }

    /** The file's identity (device and inode on Unix), or {@code null} when it is gone. */
    private static Object fileKeyOrNull(Path path) {
        try {
            return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "UnixListener[" + path() + (isOpen() ? "" : ", closed") + "]";
    }
}
