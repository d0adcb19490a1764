package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;

/**
 * The future of {@link TcpStream#connect} and {@link UnixStream#connect}: opens a non-blocking
 * channel and starts connecting at the first poll, waits for {@code OP_CONNECT}, then finishes
 * the connection and wraps the channel in its stream type. Cancelling (or failing) closes the
 * half-open channel.
 *
 * <pre>{@code
 * TcpStream s = await(ConnectOp.tcp(new InetSocketAddress("127.0.0.1", port)));
 * }</pre>
 */
final class ConnectOp<S> implements TryFuture<S, IOException> {
    /** Wraps a connected channel (and its handle) in a stream. */
    @FunctionalInterface
    interface Wrap<S> {
        S wrap(SocketChannel channel, ChannelHandle handle) throws IOException;
    }

    private final SocketAddress address;
    private final ProtocolFamily family;
    private final Wrap<S> wrap;
    private final String label;
    private SocketChannel channel;
    private ChannelHandle handle;
    private boolean namePathInErrors;

    /**
     * Connects to {@code address} with a channel of {@code family} ({@code null}: the JDK's
     * default, a dual-stack IP socket where IPv6 is available).
     */
    ConnectOp(SocketAddress address, ProtocolFamily family, Wrap<S> wrap, String label) {
        this.address = address;
        this.family = family;
        this.wrap = wrap;
        this.label = label;
    }

    static ConnectOp<TcpStream> tcp(SocketAddress address) {
        return new ConnectOp<>(address, null, TcpStream::new, "TcpStream");
    }

    /** Unix sockets: the JDK's errors ("No such file or directory") do not say which path. */
    static ConnectOp<UnixStream> unix(UnixDomainSocketAddress address) {
        ConnectOp<UnixStream> op = new ConnectOp<>(address, StandardProtocolFamily.UNIX, UnixStream::new, "UnixStream");
        op.namePathInErrors = true;
        return op;
    }

    @Override
    public Poll<S> poll(Context cx) {
        try {
            if (channel == null) {
                if (!Coop.proceed(cx)) {
                    return Poll.pending(); // a loop of instant loopback connects must not hog its worker
                }
                if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
                    throw new IOException("unresolved address: " + address);
                }
                channel = family == null ? SocketChannel.open() : SocketChannel.open(family);
                handle = new ChannelHandle(channel);
                channel.configureBlocking(false);
                if (connectNow()) {
                    return Poll.ready(wrap.wrap(channel, handle));
                }
            } else if (channel.finishConnect()) {
                // OP_CONNECT stays "ready" on a connected socket: drop the interest or the
                // selector would report it forever.
                handle.disarm(SelectionKey.OP_CONNECT);
                return Poll.ready(wrap.wrap(channel, handle));
            }
            handle.arm(SelectionKey.OP_CONNECT, cx.waker());
            return Poll.pending();
        } catch (IOException | RuntimeException e) {
            if (handle != null) {
                handle.close();
            }
            throw Failures.sneaky(namePathInErrors && e instanceof IOException io ? namingPath(io) : e);
        }
    }

    private IOException namingPath(IOException e) {
        String path = ((UnixDomainSocketAddress) address).getPath().toString();
        String message = path + ": " + e.getMessage();
        IOException named = e instanceof java.net.ConnectException ? new java.net.ConnectException(message)
                : e instanceof java.net.SocketException ? new java.net.SocketException(message)
                : new IOException(message);
        named.initCause(e);
        return named;
    }

    private boolean connectNow() throws IOException {
        try {
            return channel.connect(address);
        } catch (UnresolvedAddressException e) {
            throw new IOException("unresolved address: " + address, e);
        }
    }

    /** Closes the half-open channel; returns {@code false} (a leaf future). */
    @Override
    public boolean cancel() {
        if (handle != null) {
            handle.close();
        }
        return false;
    }

    @Override
    public String toString() {
        return label + ".connect(" + address + ")";
    }
}
