package dev.jawait.bench.runtime;

import dev.jawait.bench.support.VirtualThreads;
import dev.jawait.runtime.AsyncRuntime;
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
 * One suspend + wake + resume round trip: a task awaiting {@code Task.yieldNow()} (pending
 * once, waking itself, rescheduled and polled again) against a virtual thread's
 * {@code Thread.yield()} (unmount, resubmit to the carrier pool, remount: the park/unpark
 * round trip of a virtual thread through its scheduler). Per round trip, 1,000 per invocation.
 * Task bodies are the hand-written futures of {@link HandWritten}, so the runtime is
 * measured without the compiler's code.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar YieldBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class YieldBenchmark {
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

    /** A spawned task on the multi-thread runtime (one worker per core). */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jawaitMultiThread() {
        return multiThread.blockOn(multiThread.spawn(HandWritten.yieldLoop(ROUND_TRIPS)));
    }

    /** The root future of a current-thread runtime. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jawaitCurrentThread() {
        return currentThread.blockOn(HandWritten.yieldLoop(ROUND_TRIPS));
    }

    /** A virtual thread yielding 1,000 times (JDK 21+). */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public void virtualThreadYield() throws InterruptedException {
        Thread t = VirtualThreads.start(() -> {
            for (int i = 0; i < ROUND_TRIPS; i++) {
                Thread.yield();
            }
        });
        t.join();
    }
}
