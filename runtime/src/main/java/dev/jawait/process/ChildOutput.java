package dev.jawait.process;

import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A child process's standard output or standard error, read asynchronously ({@link Child#stdout()},
 * {@link Child#stderr()}). Each read waits on the runtime's blocking pool (the JDK has no
 * selectable process pipes), so it never blocks a worker; one read at a time.
 *
 * <pre>{@code
 * ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
 * int n;
 * while ((n = await(child.stdout().read(buf.clear()))) >= 0) {
 *     consume(buf.flip());
 * }
 * byte[] errors = await(child.stderr().readAllBytes());
 * }</pre>
 *
 * <p>Cancellation loses nothing: the pipe is read into a buffer of the stream's own, and bytes a
 * cancelled read took from the pipe are given to the next read.
 */
public final class ChildOutput extends PipeCall implements AutoCloseable {
    static final int CHUNK = 64 * 1024;

    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    /** Bytes read from the pipe and not yet delivered (from a cancelled read). */
    private ByteBuffer carry = ByteBuffer.allocate(0);
    private boolean eof;

    ChildOutput(InputStream in, String description) {
        super(description);
        this.in = in;
    }

    @Override
    void settled(int n) {
        if (n < 0) {
            eof = true;
        } else {
            carry = ByteBuffer.wrap(chunk.clone(), 0, n);
        }
    }

    /**
     * Reads some bytes into {@code dst}: the number read (at least 1 when {@code dst} has room, at
     * most 64 KiB), 0 when {@code dst} is full, -1 at end of stream (the child closed it, usually
     * by exiting).
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return a future of the number of bytes read, or -1 at the end
     */
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new Op<Integer>("read") {
            private int result = Integer.MIN_VALUE;

            @Override
            Poll<Integer> step() {
                if (result != Integer.MIN_VALUE) {
                    return Poll.ready(result);
                }
                if (!dst.hasRemaining()) {
                    return Poll.ready(0);
                }
                if (carry.hasRemaining()) {
                    return Poll.ready(takeCarry(dst));
                }
                if (eof) {
                    return Poll.ready(-1);
                }
                int len = Math.min(dst.remaining(), CHUNK);
                start(() -> in.read(chunk, 0, len));
                return null;
            }

            @Override
            void completed(int n) {
                if (n < 0) {
                    eof = true;
                } else {
                    dst.put(chunk, 0, n);
                }
                result = n;
            }
        };
    }

    /**
     * Fills {@code dst}; fails with {@link EOFException} if the stream ends first.
     *
     * @param dst the buffer to fill, from its position up to its limit
     * @return a future that completes when {@code dst} is full
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new Op<Void>("readExact") {
            @Override
            Poll<Void> step() throws IOException {
                while (dst.hasRemaining() && carry.hasRemaining()) {
                    takeCarry(dst);
                }
                if (!dst.hasRemaining()) {
                    return Poll.ready(null);
                }
                if (eof) {
                    throw new EOFException(ChildOutput.this + " ended with " + dst.remaining()
                            + " bytes still expected");
                }
                int len = Math.min(dst.remaining(), CHUNK);
                start(() -> in.read(chunk, 0, len));
                return null;
            }

            @Override
            void completed(int n) {
                if (n < 0) {
                    eof = true;
                } else {
                    dst.put(chunk, 0, n);
                }
            }
        };
    }

    /**
     * Everything until end of stream, in one call on the blocking pool. Cancelling it drops what it
     * had read so far.
     *
     * @return a future of every byte the child wrote until it closed the stream
     */
    public TryFuture<byte[], IOException> readAllBytes() {
        return new Op<byte[]>("readAllBytes") {
            private byte[] rest;

            @Override
            Poll<byte[]> step() {
                if (rest != null || eof) {
                    byte[] head = new byte[carry.remaining()];
                    carry.get(head);
                    byte[] tail = rest == null ? new byte[0] : rest;
                    byte[] all = new byte[head.length + tail.length];
                    System.arraycopy(head, 0, all, 0, head.length);
                    System.arraycopy(tail, 0, all, head.length, tail.length);
                    return Poll.ready(all);
                }
                start(() -> {
                    rest = in.readAllBytes(); // published to the task by the call's completion
                    return rest.length;
                });
                return null;
            }

            @Override
            void completed(int n) {
                eof = true;
            }
        };
    }

    private int takeCarry(ByteBuffer dst) {
        int n = Math.min(dst.remaining(), carry.remaining());
        dst.put(dst.position(), carry, carry.position(), n).position(dst.position() + n);
        carry.position(carry.position() + n);
        return n;
    }

    /**
     * Closes this end of the pipe (a child that goes on writing gets {@code SIGPIPE}). A read
     * waiting on the blocking pool returns when the child writes or exits. Never throws.
     */
    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Nothing to do about it: the descriptor is released either way.
        }
    }
}
