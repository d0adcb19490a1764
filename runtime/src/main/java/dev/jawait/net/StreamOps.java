package dev.jawait.net;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The byte-stream operations shared by {@link TcpStream} and {@link UnixStream} — both a
 * non-blocking {@link SocketChannel} with a {@link ChannelHandle} — so the two behave alike to
 * the byte: same partial-read rules, same readiness-cache clearing, same "socket closed" errors.
 *
 * <pre>{@code
 * public TryFuture<Integer, IOException> read(ByteBuffer dst) {
 *     return StreamOps.read(channel, handle, dst);
 * }
 * }</pre>
 */
final class StreamOps {
    private StreamOps() {}

    static TryFuture<Integer, IOException> read(SocketChannel channel, ChannelHandle handle, ByteBuffer dst) {
        return new IoOp<>(handle, SelectionKey.OP_READ, "read") {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.read(dst);
                return n == 0 && dst.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    static TryFuture<Integer, IOException> write(SocketChannel channel, ChannelHandle handle, ByteBuffer src) {
        return new IoOp<>(handle, SelectionKey.OP_WRITE, "write") {
            @Override
            Poll<Integer> attempt() throws IOException {
                int n = channel.write(src);
                return n == 0 && src.hasRemaining() ? null : Poll.ready(n);
            }
        };
    }

    static TryFuture<Void, IOException> writeAll(SocketChannel channel, ChannelHandle handle, ByteBuffer src) {
        return new IoOp<>(handle, SelectionKey.OP_WRITE, "writeAll") {
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

    static TryFuture<Void, IOException> readExact(SocketChannel channel, ChannelHandle handle, ByteBuffer dst) {
        return new IoOp<>(handle, SelectionKey.OP_READ, "readExact") {
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

    static int tryRead(SocketChannel channel, ChannelHandle handle, ByteBuffer dst) throws IOException {
        int space = dst.remaining();
        int n = handle.callInt(channel, dst, SocketChannel::read);
        if (n >= 0 && n < space) {
            handle.clearReady(SelectionKey.OP_READ);
        }
        return n;
    }

    static int tryWrite(SocketChannel channel, ChannelHandle handle, ByteBuffer src) throws IOException {
        int n = handle.callInt(channel, src, SocketChannel::write);
        if (src.hasRemaining()) {
            handle.clearReady(SelectionKey.OP_WRITE);
        }
        return n;
    }

    static void shutdownOutput(SocketChannel channel, ChannelHandle handle) throws IOException {
        handle.call(channel::shutdownOutput);
    }

    static void shutdownInput(SocketChannel channel, ChannelHandle handle) throws IOException {
        handle.call(channel::shutdownInput);
    }
}
