package dev.jawait.bench.fs;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import dev.jawait.fs.AsyncFile;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Which way should {@code dev.jawait.fs} reach the disk without blocking a worker: the runtime's
 * blocking pool ({@link AsyncFile}, what it does), or the JDK's {@link AsynchronousFileChannel}
 * with a completion handler waking the task? Same operations on a 1 MiB file in the page cache,
 * awaited from a one-worker runtime: a positional 64 KiB read at a random offset, reading and
 * writing the whole MiB, and opening, reading (the MiB) and closing the file.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar FileIoBenchmark -f 3 -wi 3 -i 5
 * }</pre>
 *
 * <p>On Linux the JDK has no kernel asynchronous file I/O: {@code AsynchronousFileChannel} runs
 * each read and write on a thread of its own pool too, so the question is which hand-off is
 * cheaper, and what each costs in threads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FileIoBenchmark {
    private static final int MIB = 1 << 20;
    private static final int SMALL = 64 * 1024;

    private AsyncRuntime runtime;
    private Path dir;
    private Path file;
    private AsyncFile pooled;
    private AsynchronousFileChannel channel;
    private final ByteBuffer whole = ByteBuffer.allocate(MIB);
    private final ByteBuffer small = ByteBuffer.allocate(SMALL);
    private final ByteBuffer content = ByteBuffer.allocate(MIB);
    private final SplittableRandom random = new SplittableRandom(42);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        runtime = AsyncRuntime.builder().workerThreads(1).longPollHandler(p -> { }).build();
        dir = Files.createTempDirectory("jawait-fs-bench");
        file = dir.resolve("data.bin");
        byte[] bytes = new byte[MIB];
        new SplittableRandom(1).nextBytes(bytes);
        Files.write(file, bytes);
        content.put(bytes).flip();
        pooled = runtime.blockOn(AsyncFile.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE));
        channel = AsynchronousFileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        pooled.close();
        channel.close();
        runtime.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private long randomOffset() {
        return random.nextLong(MIB - SMALL);
    }

    @Benchmark
    public int blockingPoolRead64KiB() {
        return runtime.blockOn(pooled.readAt(small.clear(), randomOffset()));
    }

    @Benchmark
    public int asyncChannelRead64KiB() {
        return runtime.blockOn(new ChannelRead(channel, small.clear(), randomOffset()));
    }

    @Benchmark
    public ByteBuffer blockingPoolRead1MiB() {
        pooled.seek(0);
        runtime.blockOn(pooled.readExact(whole.clear()));
        return whole;
    }

    @Benchmark
    public ByteBuffer asyncChannelRead1MiB() {
        runtime.blockOn(new ChannelRead(channel, whole.clear(), 0));
        return whole;
    }

    @Benchmark
    public ByteBuffer blockingPoolWrite1MiB() {
        ByteBuffer src = content.duplicate();
        runtime.blockOn(pooled.writeAllAt(src, 0));
        return src;
    }

    @Benchmark
    public ByteBuffer asyncChannelWrite1MiB() {
        ByteBuffer src = content.duplicate();
        runtime.blockOn(new ChannelWrite(channel, src, 0));
        return src;
    }

    @Benchmark
    public ByteBuffer blockingPoolOpenReadClose() {
        try (AsyncFile f = runtime.blockOn(AsyncFile.open(file))) {
            runtime.blockOn(f.readExact(whole.clear()));
            return whole;
        }
    }

    @Benchmark
    public ByteBuffer asyncChannelOpenReadClose() {
        try (AsynchronousFileChannel c = AsynchronousFileChannel.open(file, StandardOpenOption.READ)) {
            runtime.blockOn(new ChannelRead(c, whole.clear(), 0));
            return whole;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An {@link AsynchronousFileChannel} operation as a future: the completion handler records the
     * outcome and wakes the task; the next poll takes it (and starts the next call while the
     * buffer is not done).
     */
    private abstract static class ChannelOp implements Future<Integer>, CompletionHandler<Integer, Void> {
        final AsynchronousFileChannel channel;
        final ByteBuffer buffer;
        final long start;
        int total;
        private volatile Waker waker;
        private volatile boolean inFlight;
        private volatile int result;
        private volatile Throwable failure;

        ChannelOp(AsynchronousFileChannel channel, ByteBuffer buffer, long start) {
            this.channel = channel;
            this.buffer = buffer;
            this.start = start;
        }

        abstract void startCall();

        @Override
        public Poll<Integer> poll(Context cx) {
            waker = cx.waker();
            if (inFlight) {
                return Poll.pending();
            }
            if (failure != null) {
                throw new IllegalStateException(failure);
            }
            if (result < 0 || !buffer.hasRemaining()) {
                return Poll.ready(total);
            }
            inFlight = true; // the handler may run before startCall returns: it wakes us then
            startCall();
            return Poll.pending();
        }

        @Override
        public void completed(Integer n, Void attachment) {
            result = n;
            if (n > 0) {
                total += n;
            }
            inFlight = false;
            waker.wake();
        }

        @Override
        public void failed(Throwable exc, Void attachment) {
            failure = exc;
            inFlight = false;
            waker.wake();
        }
    }

    private static final class ChannelRead extends ChannelOp {
        ChannelRead(AsynchronousFileChannel channel, ByteBuffer dst, long position) {
            super(channel, dst, position);
        }

        @Override
        void startCall() {
            channel.read(buffer, start + total, null, this);
        }
    }

    private static final class ChannelWrite extends ChannelOp {
        ChannelWrite(AsynchronousFileChannel channel, ByteBuffer src, long position) {
            super(channel, src, position);
        }

        @Override
        void startCall() {
            channel.write(buffer, start + total, null, this);
        }
    }
}
