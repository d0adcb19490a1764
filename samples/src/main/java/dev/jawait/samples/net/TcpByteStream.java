package dev.jawait.samples.net;

import dev.jawait.TryFuture;
import dev.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A plain TCP connection as a {@link ByteStream}.
 *
 * <pre>{@code
 * ByteStream stream = new TcpByteStream(await(tcpListener.accept()));
 * }</pre>
 */
public final class TcpByteStream implements ByteStream {
    private final TcpStream socket;

    /** Wraps an accepted or connected socket. */
    public TcpByteStream(TcpStream socket) {
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
