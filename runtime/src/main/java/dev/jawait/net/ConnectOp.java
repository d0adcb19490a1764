package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.channels.UnresolvedAddressException;

/**
 * The future of {@link TcpStream#connect}: opens a non-blocking channel and starts connecting
 * at the first poll, waits for {@code OP_CONNECT}, then finishes the connection. Cancelling (or
 * failing) closes the half-open channel.
 *
 * <pre>{@code
 * TcpStream s = await(new ConnectOp(new InetSocketAddress("127.0.0.1", port)));
 * }</pre>
 */
final class ConnectOp implements TryFuture<TcpStream, IOException> {
    private final SocketAddress address;
    private SocketChannel channel;
    private ChannelHandle handle;

    ConnectOp(SocketAddress address) {
        this.address = address;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        try {
            if (channel == null) {
                if (!Coop.proceed(cx)) {
                    return Poll.pending(); // a loop of instant loopback connects must not hog its worker
                }
                if (address instanceof InetSocketAddress inet && inet.isUnresolved()) {
                    throw new IOException("unresolved address: " + address);
                }
                channel = SocketChannel.open();
                handle = new ChannelHandle(channel);
                channel.configureBlocking(false);
                if (connectNow()) {
                    return Poll.ready(new TcpStream(channel, handle));
                }
            } else if (channel.finishConnect()) {
                // OP_CONNECT stays "ready" on a connected socket: drop the interest or the
                // selector would report it forever.
                handle.disarm(SelectionKey.OP_CONNECT);
                return Poll.ready(new TcpStream(channel, handle));
            }
            handle.arm(SelectionKey.OP_CONNECT, cx.waker());
            return Poll.pending();
        } catch (IOException | RuntimeException e) {
            if (handle != null) {
                handle.close();
            }
            throw Failures.sneaky(e);
        }
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
        return "TcpStream.connect(" + address + ")";
    }
}
