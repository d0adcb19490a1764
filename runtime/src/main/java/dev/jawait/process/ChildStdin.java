package dev.jawait.process;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A child process's standard input, written asynchronously ({@link Child#stdin()}). Each write
 * waits on the runtime's blocking pool while the child has not read enough to make room, so it
 * never blocks a worker; one write at a time. {@link #close()} sends end of file.
 *
 * <pre>{@code
 * ChildStdin in = child.stdin();
 * await(in.writeAll(ByteBuffer.wrap(request)));
 * in.close();                       // the child reads end of file
 * }</pre>
 *
 * <p>Bytes leave {@code src} (its position moves) when they are handed to the pipe, up to 64 KiB
 * at a time; a write cancelled after that still delivers them, and the next write waits for it,
 * so nothing is lost, reordered or sent twice.
 */
public final class ChildStdin extends PipeCall implements AutoCloseable {
    private final OutputStream out;
    private final byte[] chunk = new byte[ChildOutput.CHUNK];
    private volatile boolean closed;

    ChildStdin(OutputStream out, String description) {
        super(description);
        this.out = out;
    }

    @Override
    void settled(int n) {
        // The cancelled write's bytes are in the pipe: nothing to hand on.
    }

    /**
     * Writes up to 64 KiB of {@code src}: the number written.
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future of the number of bytes written
     */
    public TryFuture<Integer, IOException> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new Writing(src, false);
    }

    /**
     * Writes all of {@code src}, 64 KiB per call, as the child makes room.
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future that completes when every byte was written
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return TryFuture.of(new Writing(src, true).map(written -> null));
    }

    private final class Writing extends Op<Integer> {
        private final ByteBuffer src;
        private final boolean all;
        private int written;
        private boolean once;

        Writing(ByteBuffer src, boolean all) {
            super(all ? "writeAll" : "write");
            this.src = src;
            this.all = all;
        }

        @Override
        Poll<Integer> step() throws IOException {
            if (!src.hasRemaining() || (once && !all)) {
                return Poll.ready(written);
            }
            if (closed) {
                throw new IOException(ChildStdin.this + " is closed");
            }
            int n = Math.min(src.remaining(), chunk.length);
            src.get(chunk, 0, n); // handed over: the call below sends these bytes, cancelled or not
            written += n;
            once = true;
            start(() -> {
                out.write(chunk, 0, n);
                out.flush();
                return n;
            });
            return null;
        }

        @Override
        void completed(int n) {
            // src already moved when the bytes were handed over
        }
    }

    /**
     * Closes the pipe: the child reads end of file, after the bytes of a write still under way.
     * Idempotent; never throws, never blocks a worker (with a write waiting for the child, the
     * stream's lock is taken on the blocking pool).
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        AsyncRuntime runtime = AsyncRuntime.currentOrNull();
        if (busy() && runtime != null && !runtime.isClosed()) {
            runtime.spawnBlocking(() -> {
                closeNow();
                return null;
            });
        } else {
            closeNow();
        }
    }

    private void closeNow() {
        try {
            out.close();
        } catch (IOException ignored) {
            // A child that exited already: nothing left to tell it.
        }
    }
}
