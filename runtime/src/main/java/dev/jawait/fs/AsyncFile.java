package dev.jawait.fs;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Set;

/**
 * An open file whose reads and writes never block a worker — Tokio's {@code tokio::fs::File}:
 * streaming reads and writes at the file's position, positional ones anywhere, {@link #size()},
 * {@link #truncate}, {@link #sync()}. Each operation is one trip to the runtime's blocking pool,
 * where it makes its system calls (of at most 256 KiB each): {@link #read} reads once, up to 256
 * KiB; {@link #readExact} and {@link #writeAll} transfer everything in that one trip.
 *
 * <pre>{@code
 * try (AsyncFile log = await(AsyncFile.open(path, CREATE, WRITE, APPEND))) {
 *     await(log.writeAll(ByteBuffer.wrap(line.getBytes(UTF_8))));
 *     await(log.sync());
 * }
 *
 * try (AsyncFile in = await(AsyncFile.open(path))) {          // READ
 *     ByteBuffer header = ByteBuffer.allocate(16);
 *     await(in.readExact(header));
 *     int n = await(in.readAt(ByteBuffer.allocate(4096), 1 << 20));   // does not move the position
 * }
 * }</pre>
 *
 * <h2>One operation at a time, and cancellation</h2>
 * Like a stream, a file serves one operation at a time (starting a second while one is pending
 * fails with {@link IllegalStateException}). The file's position advances, and your buffer's
 * position moves, only when an operation completes — so a cancelled operation loses nothing. A
 * cancelled read consumed nothing and never writes into {@code dst} after {@code cancel()}
 * returned (the system call reads into a buffer of the blocking thread, copied into {@code dst}
 * only if the read is still wanted). A cancelled write may still land — the thread cannot be
 * stopped, and it reads {@code src}'s bytes until it is done — but it moved neither the file's
 * position nor {@code src}'s, so writing {@code src} again writes the same bytes at the same
 * place. The next operation waits for such a leftover call to finish first. In
 * {@link StandardOpenOption#APPEND} mode writes go to the end of the file whatever the position.
 *
 * <p>{@link #close()} is immediate; an operation still running fails with
 * {@code IOException("<path>: file closed")}.
 */
public final class AsyncFile implements AutoCloseable {
    /** The most one system call transfers. */
    static final int CHUNK = 256 * 1024;
    /** Each blocking thread's read buffer: direct, so the system call fills it without a copy. */
    private static final ThreadLocal<ByteBuffer> READ_BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(CHUNK));

    private final FileChannel channel;
    private final Path path;
    private final boolean append;
    private long position;
    /** A cancelled operation's call, still running on the blocking pool. */
    private TryFuture<Long, Exception> leftover;
    private Op<?> current;
    private volatile boolean closed;

    AsyncFile(FileChannel channel, Path path, boolean append) {
        this.channel = channel;
        this.path = path;
        this.append = append;
    }

    /**
     * Opens {@code path} with {@code options} ({@link java.nio.channels.FileChannel#open}'s;
     * none means {@code READ}), on the blocking pool. If the future is cancelled while the file is
     * being opened, the file is closed as soon as it is.
     *
     * <pre>{@code
     * AsyncFile f = await(AsyncFile.open(path, StandardOpenOption.READ));
     * }</pre>
     *
     * @param path the file to open
     * @param options how to open it, e.g. {@code READ}, {@code WRITE}, {@code CREATE}
     * @return a future of the open file
     */
    public static TryFuture<AsyncFile, IOException> open(Path path, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        Set<OpenOption> opts = options.length == 0 ? Set.of(StandardOpenOption.READ) : Set.of(options);
        boolean append = opts.contains(StandardOpenOption.APPEND);
        return new OpenFile(() -> new AsyncFile(FileChannel.open(path, opts), path, append), path);
    }

    /**
     * Opens {@code path} for writing, creating it or truncating it ({@code Files.newOutputStream}'s default).
     *
     * @param path the file to write
     * @return a future of the open file, positioned at 0
     */
    public static TryFuture<AsyncFile, IOException> create(Path path) {
        return open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    /**
     * Reads from the position into {@code dst}: the number of bytes read (at least 1 when
     * {@code dst} has room, at most 256 KiB), 0 when {@code dst} is full, -1 at end of file.
     *
     * @param dst where the bytes go, from its position up to its limit
     * @return a future of the number of bytes read, or -1 at the end of the file
     */
    public TryFuture<Integer, IOException> read(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new ReadOp(dst, -1, "read");
    }

    /**
     * Reads at {@code fileOffset} into {@code dst}, without moving the position: like
     * {@link #read}.
     *
     * @param dst where the bytes go, from its position up to its limit
     * @param fileOffset where in the file to read, from 0
     * @return a future of the number of bytes read, or -1 at the end of the file
     */
    public TryFuture<Integer, IOException> readAt(ByteBuffer dst, long fileOffset) {
        Objects.requireNonNull(dst, "dst");
        if (fileOffset < 0) {
            throw new IllegalArgumentException("negative offset: " + fileOffset);
        }
        return new ReadOp(dst, fileOffset, "readAt");
    }

    /**
     * Fills {@code dst} from the position; fails with {@link EOFException} if the file ends first
     * (what was read stays in {@code dst}).
     *
     * @param dst the buffer to fill, from its position up to its limit
     * @return a future that completes when {@code dst} is full
     */
    public TryFuture<Void, IOException> readExact(ByteBuffer dst) {
        Objects.requireNonNull(dst, "dst");
        return new Op<Void>("readExact") {
            private boolean done;

            @Override
            Poll<Void> step() {
                if (done || !dst.hasRemaining()) {
                    return Poll.ready(null);
                }
                startRead(dst, position, true);
                return null;
            }

            @Override
            void completed(long n) throws IOException {
                long got = n < 0 ? -n - 1 : n;
                dst.position(dst.position() + (int) got);
                position += got;
                if (n < 0) {
                    throw new EOFException(path + ": the file ended with " + dst.remaining()
                            + " bytes still expected");
                }
                done = true;
            }
        };
    }

    /**
     * Writes up to 256 KiB of {@code src} at the position: the number written.
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future of the number of bytes written
     */
    public TryFuture<Integer, IOException> write(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return new WriteOp(src, -1, false, "write");
    }

    /**
     * Writes all of {@code src} at the position (one trip to the blocking pool).
     *
     * @param src the bytes to write, from its position up to its limit
     * @return a future that completes when every byte was written
     */
    public TryFuture<Void, IOException> writeAll(ByteBuffer src) {
        Objects.requireNonNull(src, "src");
        return TryFuture.of(new WriteOp(src, -1, true, "writeAll").map(ignored -> null));
    }

    /**
     * Writes all of {@code src} at {@code fileOffset}, without moving the position.
     *
     * @param src the bytes to write, from its position up to its limit
     * @param fileOffset where in the file to write, from 0
     * @return a future that completes when every byte was written
     */
    public TryFuture<Void, IOException> writeAllAt(ByteBuffer src, long fileOffset) {
        Objects.requireNonNull(src, "src");
        if (fileOffset < 0) {
            throw new IllegalArgumentException("negative offset: " + fileOffset);
        }
        return TryFuture.of(new WriteOp(src, fileOffset, true, "writeAllAt").map(ignored -> null));
    }

    /**
     * The file's size.
     *
     * @return a future of the size in bytes
     */
    public TryFuture<Long, IOException> size() {
        return new Op<Long>("size") {
            private long size = -1;

            @Override
            Poll<Long> step() {
                if (size >= 0) {
                    return Poll.ready(size);
                }
                start(channel::size);
                return null;
            }

            @Override
            void completed(long n) {
                size = n;
            }
        };
    }

    /**
     * Cuts the file to {@code size} bytes (a position past it moves back to it).
     *
     * @param size the new size in bytes; a larger one leaves the file as it is
     * @return a future that completes once the file is cut
     */
    public TryFuture<Void, IOException> truncate(long size) {
        if (size < 0) {
            throw new IllegalArgumentException("negative size: " + size);
        }
        return new Op<Void>("truncate") {
            private boolean done;

            @Override
            Poll<Void> step() {
                if (done) {
                    return Poll.ready(null);
                }
                start(() -> {
                    channel.truncate(size);
                    return 0L;
                });
                return null;
            }

            @Override
            void completed(long n) {
                position = Math.min(position, size);
                done = true;
            }
        };
    }

    /**
     * Forces content and metadata to the storage device ({@code fsync}).
     *
     * @return a future that completes once the device has the data
     */
    public TryFuture<Void, IOException> sync() {
        return new Op<Void>("sync") {
            private boolean done;

            @Override
            Poll<Void> step() {
                if (done) {
                    return Poll.ready(null);
                }
                start(() -> {
                    channel.force(true);
                    return 0L;
                });
                return null;
            }

            @Override
            void completed(long n) {
                done = true;
            }
        };
    }

    /**
     * Where the next {@link #read}, {@link #readExact} or {@link #write} starts.
     *
     * @return the position, in bytes from the start of the file
     */
    public long position() {
        return position;
    }

    /**
     * Moves the position (past the end is allowed: a write there leaves a hole); returns this
     * file.
     *
     * @param newPosition the new position, 0 or more
     * @return this file
     */
    public AsyncFile seek(long newPosition) {
        if (newPosition < 0) {
            throw new IllegalArgumentException("negative position: " + newPosition);
        }
        position = newPosition;
        return this;
    }

    /**
     * The path it was opened with.
     *
     * @return the path given to {@link #open(Path, OpenOption...)} or {@link #create(Path)}
     */
    public Path path() {
        return path;
    }

    /**
     * Whether {@link #close()} has not been called.
     *
     * @return {@code true} until closed
     */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Closes the file now; an operation still running fails with {@code "<path>: file closed"}.
     * Idempotent; never throws (a close error cannot be acted upon).
     */
    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released regardless.
        }
    }

    @Override
    public String toString() {
        return "AsyncFile[" + path + ", position " + position + (closed ? ", closed" : "") + "]";
    }

    private IOException closedException(Throwable cause) {
        IOException e = new IOException(path + ": file closed");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    /** Reads at {@code fileOffset} or (when negative) at the position. */
    private final class ReadOp extends Op<Integer> {
        private final ByteBuffer dst;
        private final long fileOffset;
        private int result = Integer.MIN_VALUE;

        ReadOp(ByteBuffer dst, long fileOffset, String name) {
            super(name);
            this.dst = dst;
            this.fileOffset = fileOffset;
        }

        @Override
        Poll<Integer> step() {
            if (result != Integer.MIN_VALUE) {
                return Poll.ready(result);
            }
            if (!dst.hasRemaining()) {
                return Poll.ready(0);
            }
            startRead(dst, fileOffset >= 0 ? fileOffset : position, false);
            return null;
        }

        @Override
        void completed(long n) {
            if (n > 0) {
                dst.position(dst.position() + (int) n);
                if (fileOffset < 0) {
                    position += n;
                }
            }
            result = (int) n;
        }
    }

    /** Writes chunks of src; src and the position move as each call completes. */
    private final class WriteOp extends Op<Integer> {
        private final ByteBuffer src;
        private final long fileOffset;
        private final boolean all;
        private int written = -1;

        WriteOp(ByteBuffer src, long fileOffset, boolean all, String name) {
            super(name);
            this.src = src;
            this.fileOffset = fileOffset;
            this.all = all;
        }

        @Override
        Poll<Integer> step() {
            if (written >= 0) {
                return Poll.ready(written);
            }
            if (!src.hasRemaining()) {
                return Poll.ready(0);
            }
            ByteBuffer view = src.duplicate(); // the call's own position and limit over src's bytes
            int end = view.position() + (all ? view.remaining() : Math.min(view.remaining(), CHUNK));
            long at = fileOffset >= 0 ? fileOffset : position;
            start(() -> {
                long n = 0;
                while (view.position() < end) {
                    // At most a chunk per system call: the JDK copies a heap buffer's whole
                    // remainder into a temporary direct buffer on each call.
                    view.limit(Math.min(end, view.position() + CHUNK));
                    n += append && fileOffset < 0 ? channel.write(view) : channel.write(view, at + n);
                }
                return n;
            });
            return null;
        }

        @Override
        void completed(long n) {
            src.position(src.position() + (int) n);
            written = (int) n;
            if (fileOffset < 0) {
                position += n;
            }
        }
    }

    /**
     * The shape of every operation: enter (one at a time), wait for a cancelled predecessor's
     * leftover call, then alternate {@link #step} (done, or start the next call) and
     * {@link #completed} (apply a finished call's result, on the task's thread).
     */
    private abstract class Op<T> implements TryFuture<T, IOException> {
        private final String name;
        private TryFuture<Long, Exception> call;
        private ReadHandoff handoff;
        private boolean entered;

        Op(String name) {
            this.name = name;
        }

        /** The result when done; otherwise starts a call with {@link #start} and returns null. */
        abstract Poll<T> step() throws IOException;

        /** A call finished with {@code n}; runs on the polling thread. */
        abstract void completed(long n) throws IOException;

        final void start(BlockingIo.Call<Long> io) {
            handoff = null;
            call = Task.spawnBlocking(io::call);
        }

        /**
         * Reads at {@code at} into {@code dst}'s remaining space — up to a chunk, or (with
         * {@code fill}) until it is full or the file ends — without moving {@code dst}'s position
         * ({@link #completed} does). Each chunk goes into the blocking thread's buffer and is
         * copied into {@code dst} there, unless the operation was cancelled meanwhile. The call
         * returns the count read, or with {@code fill}, {@code -count - 1} when the file ended
         * first (-1 at once: nothing left).
         */
        final void startRead(ByteBuffer dst, long at, boolean fill) {
            ByteBuffer into = dst.duplicate();
            if (!fill) {
                into.limit(into.position() + Math.min(into.remaining(), CHUNK));
            }
            ReadHandoff h = new ReadHandoff();
            start(() -> {
                long total = 0;
                while (into.hasRemaining()) {
                    ByteBuffer buffer = READ_BUFFER.get().clear();
                    buffer.limit(Math.min(into.remaining(), buffer.capacity()));
                    int n = channel.read(buffer, at + total);
                    if (n < 0) {
                        return fill || total == 0 ? -total - 1 : total;
                    }
                    if (n > 0) {
                        if (!h.copying()) {
                            return total; // cancelled: dst is no longer ours
                        }
                        try {
                            into.put(buffer.flip());
                        } finally {
                            h.copied();
                        }
                        total += n;
                    }
                    if (!fill) {
                        break;
                    }
                }
                return total;
            });
            handoff = h;
        }

        @Override
        public final Poll<T> poll(Context cx) {
            try {
                if (!entered) {
                    if (current != null) {
                        throw new IllegalStateException(AsyncFile.this + ": " + current.name
                                + " is still in progress; a file serves one operation at a time");
                    }
                    current = this;
                    entered = true;
                }
                if (closed) {
                    throw closedException(null);
                }
                if (leftover != null) {
                    try {
                        if (leftover.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                    } catch (Exception abandoned) {
                        // The cancelled operation's outcome was given up by its caller; a lasting
                        // failure (a full disk) happens again in this operation and is reported.
                    }
                    leftover = null;
                }
                while (true) {
                    if (call == null) {
                        Poll<T> done = step();
                        if (done != null) {
                            current = null;
                            return done;
                        }
                    }
                    Poll<Long> p = call.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    call = null;
                    handoff = null;
                    completed(p.value());
                }
            } catch (Exception e) {
                call = null;
                if (current == this) {
                    current = null;
                }
                throw Failures.sneaky(closed && e instanceof IOException ? closedException(e) : e);
            }
        }

        /** A call still running becomes the file's leftover, which the next operation awaits. */
        @Override
        public final boolean cancel() {
            if (call != null) {
                if (handoff != null) {
                    handoff.abandon(); // from here on the call leaves dst alone
                }
                leftover = call;
                call = null;
            }
            if (current == this) {
                current = null;
            }
            return false;
        }

        @Override
        public String toString() {
            return "AsyncFile." + name + "(" + path + ")";
        }
    }
}
