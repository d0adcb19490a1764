package dev.jawait.samples.net;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.TryFuture;
import dev.jawait.net.UnixListener;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A Unix domain socket as a {@link StreamListener}; closing it deletes the socket file.
 *
 * <pre>{@code
 * UnixStreamListener listener = UnixStreamListener.bind(Path.of("/tmp/redis.sock"));
 * }</pre>
 */
public final class UnixStreamListener implements StreamListener {
    private final UnixListener listener;

    private UnixStreamListener(UnixListener listener) {
        this.listener = listener;
    }

    /** Creates the socket file at {@code path} (failing, naming it, if a file is there). */
    public static UnixStreamListener bind(Path path) throws IOException {
        return new UnixStreamListener(UnixListener.bind(path));
    }

    /** The socket file. */
    public Path path() {
        return listener.path();
    }

    @Override
    public TryFuture<ByteStream, IOException> accept() {
        return UnixStreamListenerAsync.acceptOne(listener);
    }

    @Async
    static ByteStream acceptOne(UnixListener listener) throws IOException {
        return new UnixByteStream(await(listener.accept()));
    }

    @Override
    public boolean isOpen() {
        return listener.isOpen();
    }

    @Override
    public void close() {
        listener.close();
    }

    @Override
    public String describe() {
        return "unix " + listener.path();
    }

    @Override
    public String toString() {
        return "UnixStreamListener[" + describe() + "]";
    }
}
