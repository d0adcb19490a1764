package dev.jawait.bench.sync;

import dev.jawait.bench.support.VirtualThreads;
import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One producer and one consumer moving 10,000 messages through a bounded queue of capacity 64:
 * jawait's bounded channel between two tasks against an {@code ArrayBlockingQueue(64)} between
 * two virtual threads. Score per message.
 * Task bodies are the hand-written futures of {@link HandWrittenChannel}, so the runtime is
 * measured without the compiler's code.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar ChannelBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ChannelBenchmark {
    static final int CAPACITY = 64;
    static final int MESSAGES = 10_000;
    private static final Integer MESSAGE = 1; // pre-boxed on both sides: no boxing in the loop

    private AsyncRuntime runtime;

    @Setup(Level.Trial)
    public void start() {
        runtime = AsyncRuntime.newMultiThread();
    }

    @TearDown(Level.Trial)
    public void stop() {
        runtime.close();
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long jawaitBoundedChannel() {
        return runtime.blockOn(runtime.spawn(HandWrittenChannel.transfer(CAPACITY, MESSAGES, MESSAGE)));
    }

    @Benchmark
    @OperationsPerInvocation(MESSAGES)
    public long virtualThreadsArrayBlockingQueue() throws InterruptedException {
        ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(CAPACITY);
        long[] sum = new long[1];
        Thread producer = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    queue.put(MESSAGE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread consumer = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < MESSAGES; i++) {
                    sum[0] += queue.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        producer.join();
        consumer.join();
        return sum[0];
    }
}
