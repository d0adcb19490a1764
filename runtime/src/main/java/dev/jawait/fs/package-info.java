/**
 * Files and directories without blocking a worker, in the style of {@code tokio::fs}: the calls of
 * {@link java.nio.file.Files} as futures ({@link dev.jawait.fs.AsyncFiles}) and an open file with
 * streaming and positional reads and writes ({@link dev.jawait.fs.AsyncFile}).
 *
 * <pre>{@code
 * @Async
 * static long copyWithChecksum(Path from, Path to) throws IOException {
 *     CRC32 crc = new CRC32();
 *     ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
 *     try (AsyncFile in = await(AsyncFile.open(from));
 *          AsyncFile out = await(AsyncFile.create(to))) {
 *         while (await(in.read(buf.clear())) >= 0) {
 *             crc.update(buf.flip());
 *             await(out.writeAll(buf.rewind()));
 *         }
 *         await(out.sync());
 *     }
 *     return crc.getValue();
 * }
 *
 * String config = await(AsyncFiles.readString(Path.of("app.conf")));
 * List<Path> logs = await(AsyncFiles.list(Path.of("/var/log/app")));
 * }</pre>
 *
 * <h2>How: the blocking pool</h2>
 * Operating systems offer no readiness for regular files (they are always "ready", and a read can
 * still wait for the disk), so, like Tokio, every call runs on the runtime's blocking pool
 * ({@link dev.jawait.Task#spawnBlocking}) and wakes the task when it returns. The JDK's
 * {@link java.nio.channels.AsynchronousFileChannel} was measured as the alternative: on Linux it
 * has no kernel asynchronous I/O either and runs each call on a pool of its own; in
 * {@code bench/}'s {@code FileIoBenchmark} neither was clearly faster (even on 1 MiB transfers,
 * a few microseconds in its favour on a 64 KiB read: {@code bench/RESULTS.md}, "Files: blocking
 * pool or AsynchronousFileChannel"), while it would add a second thread pool to size, opens files
 * on the calling thread, and covers no listing, copying or metadata.
 *
 * <p>Every future starts its call at its first poll. An {@link dev.jawait.fs.AsyncFile} makes one
 * trip to the pool per operation ({@code readExact} and {@code writeAll} included), and its
 * operations are safe to cancel: see its class documentation. On a machine with few cores, a
 * program doing a lot of file I/O at once keeps its workers more responsive with a small blocking
 * pool ({@link dev.jawait.runtime.AsyncRuntime.Builder#blockingThreads}): threads copying page
 * cache compete with the workers for the CPU.
 */
package dev.jawait.fs;
