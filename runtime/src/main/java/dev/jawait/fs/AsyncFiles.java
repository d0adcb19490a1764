package dev.jawait.fs;

import dev.jawait.Future;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.CopyOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Whole-file and directory operations that never block a worker — {@link Files}' methods of the
 * same names as futures, like Tokio's {@code tokio::fs} functions. Each runs the JDK call on the
 * runtime's blocking pool (see the {@link dev.jawait.fs package} documentation for why not
 * {@code AsynchronousFileChannel}), starting at its first poll.
 *
 * <pre>{@code
 * byte[] config = await(AsyncFiles.readAllBytes(Path.of("app.conf")));
 * await(AsyncFiles.writeString(dir.resolve("pid"), Long.toString(ProcessHandle.current().pid())));
 * for (Path p : await(AsyncFiles.list(dir))) {
 *     long size = await(AsyncFiles.size(p));
 * }
 * }</pre>
 *
 * <p>Failures are {@link Files}' own ({@link java.nio.file.NoSuchFileException} naming the path,
 * and so on). A future cancelled after its call started lets the call finish on the blocking pool
 * (a write still happens); a byte array passed to {@link #write} must not be changed until the
 * write completes or, if it is cancelled, at all.
 */
public final class AsyncFiles {
    private AsyncFiles() {}

    /**
     * {@link Files#readAllBytes}.
     *
     * @param path the file to read
     * @return a future of its bytes
     */
    public static TryFuture<byte[], IOException> readAllBytes(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingIo<>(() -> Files.readAllBytes(path), "AsyncFiles.readAllBytes(" + path + ")");
    }

    /**
     * {@link Files#readString(Path)}: UTF-8.
     *
     * @param path the file to read
     * @return a future of its text
     */
    public static TryFuture<String, IOException> readString(Path path) {
        return readString(path, StandardCharsets.UTF_8);
    }

    /**
     * {@link Files#readString(Path, Charset)}.
     *
     * @param path the file to read
     * @param charset how its bytes are decoded
     * @return a future of its text
     */
    public static TryFuture<String, IOException> readString(Path path, Charset charset) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(charset, "charset");
        return new BlockingIo<>(() -> Files.readString(path, charset), "AsyncFiles.readString(" + path + ")");
    }

    /**
     * {@link Files#write(Path, byte[], OpenOption...)}: creates or truncates by default; completes
     * with {@code path}.
     *
     * @param path the file to write
     * @param bytes its new content
     * @param options how to open it; none means create or truncate
     * @return a future of {@code path}
     */
    public static TryFuture<Path, IOException> write(Path path, byte[] bytes, OpenOption... options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(bytes, "bytes");
        OpenOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.write(path, bytes, opts), "AsyncFiles.write(" + path + ")");
    }

    /**
     * {@link Files#writeString(Path, CharSequence, OpenOption...)}: UTF-8.
     *
     * @param path the file to write
     * @param text its new content
     * @param options how to open it; none means create or truncate
     * @return a future of {@code path}
     */
    public static TryFuture<Path, IOException> writeString(Path path, CharSequence text, OpenOption... options) {
        return writeString(path, text, StandardCharsets.UTF_8, options);
    }

    /**
     * {@link Files#writeString(Path, CharSequence, Charset, OpenOption...)}.
     *
     * @param path the file to write
     * @param text its new content
     * @param charset how the text is encoded
     * @param options how to open it; none means create or truncate
     * @return a future of {@code path}
     */
    public static TryFuture<Path, IOException> writeString(Path path, CharSequence text, Charset charset,
            OpenOption... options) {
        Objects.requireNonNull(path, "path");
        String snapshot = text.toString(); // a CharSequence may change: take it now
        OpenOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.writeString(path, snapshot, charset, opts),
                "AsyncFiles.writeString(" + path + ")");
    }

    /**
     * {@link Files#copy(Path, Path, CopyOption...)}; completes with {@code target}.
     *
     * @param source the file to copy
     * @param target where the copy goes
     * @param options e.g. {@code REPLACE_EXISTING}
     * @return a future of {@code target}
     */
    public static TryFuture<Path, IOException> copy(Path source, Path target, CopyOption... options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        CopyOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.copy(source, target, opts),
                "AsyncFiles.copy(" + source + ", " + target + ")");
    }

    /**
     * {@link Files#move(Path, Path, CopyOption...)}; completes with {@code target}.
     *
     * @param source the file to move
     * @param target its new path
     * @param options e.g. {@code ATOMIC_MOVE}
     * @return a future of {@code target}
     */
    public static TryFuture<Path, IOException> move(Path source, Path target, CopyOption... options) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        CopyOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.move(source, target, opts),
                "AsyncFiles.move(" + source + ", " + target + ")");
    }

    /**
     * {@link Files#delete}: fails with {@link java.nio.file.NoSuchFileException} if absent.
     *
     * @param path the file or empty directory to delete
     * @return a future that completes once it is deleted
     */
    public static TryFuture<Void, IOException> delete(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingIo<>(() -> {
            Files.delete(path);
            return null;
        }, "AsyncFiles.delete(" + path + ")");
    }

    /**
     * {@link Files#deleteIfExists}: whether it was there.
     *
     * @param path the file or empty directory to delete
     * @return a future of whether it existed
     */
    public static TryFuture<Boolean, IOException> deleteIfExists(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingIo<>(() -> Files.deleteIfExists(path), "AsyncFiles.deleteIfExists(" + path + ")");
    }

    /**
     * {@link Files#createDirectories}; completes with {@code dir}.
     *
     * @param dir the directory to create, with its missing parents
     * @param attributes attributes set on the directories it creates
     * @return a future of {@code dir}
     */
    public static TryFuture<Path, IOException> createDirectories(Path dir, FileAttribute<?>... attributes) {
        Objects.requireNonNull(dir, "dir");
        FileAttribute<?>[] attrs = attributes.clone();
        return new BlockingIo<>(() -> Files.createDirectories(dir, attrs), "AsyncFiles.createDirectories(" + dir + ")");
    }

    /**
     * The entries of directory {@code dir} ({@link Files#list}, not recursive), in the order the
     * file system gives them; the directory stream is closed before the future completes.
     *
     * @param dir the directory to list
     * @return a future of its entries' paths
     */
    public static TryFuture<List<Path>, IOException> list(Path dir) {
        Objects.requireNonNull(dir, "dir");
        return new BlockingIo<>(() -> {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.collect(Collectors.toUnmodifiableList());
            }
        }, "AsyncFiles.list(" + dir + ")");
    }

    /**
     * The file's metadata ({@link Files#readAttributes(Path, Class, LinkOption...)}): size, times,
     * type; {@code PosixFileAttributes.class} adds owner and permissions where supported.
     *
     * <pre>{@code
     * BasicFileAttributes a = await(AsyncFiles.readAttributes(path, BasicFileAttributes.class));
     * if (a.isRegularFile()) System.out.println(a.size() + " bytes, modified " + a.lastModifiedTime());
     * }</pre>
     *
     * @param <A> the attributes' type
     * @param path the file
     * @param type the attributes' class, e.g. {@code BasicFileAttributes.class}
     * @param options e.g. {@code NOFOLLOW_LINKS}
     * @return a future of the attributes
     */
    public static <A extends BasicFileAttributes> TryFuture<A, IOException> readAttributes(Path path,
            Class<A> type, LinkOption... options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        LinkOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.readAttributes(path, type, opts),
                "AsyncFiles.readAttributes(" + path + ")");
    }

    /**
     * {@link Files#size}.
     *
     * @param path the file
     * @return a future of its size in bytes
     */
    public static TryFuture<Long, IOException> size(Path path) {
        Objects.requireNonNull(path, "path");
        return new BlockingIo<>(() -> Files.size(path), "AsyncFiles.size(" + path + ")");
    }

    /**
     * {@link Files#exists}: never fails (an unreadable path counts as absent, as there).
     *
     * @param path the file
     * @param options e.g. {@code NOFOLLOW_LINKS}
     * @return a future of whether it exists
     */
    public static Future<Boolean> exists(Path path, LinkOption... options) {
        Objects.requireNonNull(path, "path");
        LinkOption[] opts = options.clone();
        return new BlockingIo<>(() -> Files.exists(path, opts), "AsyncFiles.exists(" + path + ")");
    }
}
