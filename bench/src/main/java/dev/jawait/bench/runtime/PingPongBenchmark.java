package dev.jawait.bench.runtime;

import dev.jawait.bench.support.VirtualThreads;
import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.SynchronousQueue;
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
 * Ping-pong: two tasks handing a turn back and forth through a waker (each hand-off wakes the
 * other task), against two virtual threads over a pair of {@code SynchronousQueue}s. Score per
 * round trip, 1,000 per invocation.
 * Task bodies are the hand-written futures of {@link HandWritten}, so the runtime is
 * measured without the compiler's code.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar PingPongBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PingPongBenchmark {
    static final int ROUND_TRIPS = 1000;

    private AsyncRuntime multiThread;
    private AsyncRuntime currentThread;

    @Setup(Level.Trial)
    public void start() {
        multiThread = AsyncRuntime.newMultiThread();
        currentThread = AsyncRuntime.newCurrentThread();
    }

    @TearDown(Level.Trial)
    public void stop() {
        multiThread.close();
        currentThread.close();
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jawaitMultiThread() {
        return multiThread.blockOn(multiThread.spawn(HandWritten.pingPong(ROUND_TRIPS)));
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jawaitCurrentThread() {
        return currentThread.blockOn(HandWritten.pingPong(ROUND_TRIPS));
    }

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void virtualThreadsSynchronousQueue() throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        Integer ball = 1;
        Thread a = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    ping.put(ball);
                    pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread b = VirtualThreads.start(() -> {
            try {
                for (int i = 0; i < ROUND_TRIPS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        a.join();
        b.join();
    }
}
