package dev.jawait.samples.net;

import dev.jawait.TryFuture;
import dev.jawait.net.UnixStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A Unix domain socket connection as a {@link ByteStream}.
 *
 * <pre>{@code
 * ByteStream stream = new UnixByteStream(await(unixListener.accept()));
 * }</pre>
 */
public final class UnixByteStream implements ByteStream {
    private final UnixStream socket;

    /** Wraps an accepted or connected socket. */
    public UnixByteStream(UnixStream socket) {
        this.socket = socket;
    }

    @Override
    public TryFuture<Void, IOException> open() {
        return ByteStream.done();
    }

    @Override
    public TryFuture<Void, IOException> readable() {
        return socket.readable();
    }

    @Override
    public int tryRead(ByteBuffer dst) throws IOException {
        return socket.tryRead(dst);
    }

    @Override
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        return socket.read(dst);
    }

    @Override
    public int tryWrite(ByteBuffer src) throws IOException {
        return socket.tryWrite(src);
    }

    @Override
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        return socket.writeAll(src);
    }

    @Override
    public boolean buffersOutput() {
        return false;
    }

    @Override
    public TryFuture<Void, IOException> flush() {
        return ByteStream.done();
    }

    @Override
    public TryFuture<Void, IOException> shutdownOutput() throws IOException {
        socket.shutdownOutput();
        return ByteStream.done();
    }

    @Override
    public boolean isOpen() {
        return socket.isOpen();
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public String toString() {
        return socket.toString();
    }
}
