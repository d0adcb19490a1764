package dev.jawait.bench.runtime;

import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.bench.support.CyclingReady;
import dev.jawait.runtime.AsyncRuntime;
import java.util.concurrent.CompletableFuture;
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
 * One await of an already-ready future inside an {@code @Async} loop of 1,000, against one
 * stage of a {@code CompletableFuture.thenCompose} chain of 1,000. Scores are per await; run
 * with {@code -prof gc}: jawait's {@code gc.alloc.rate.norm} must stay under 1 B per await
 * (the state machine and the boxed result, amortised over 1,000 awaits — any allocation per
 * await would cost at least 16 B).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar AwaitReadyBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AwaitReadyBenchmark {
    static final int AWAITS = 1000;
    private static final Long ONE = 1L;

    // Ready with a changing value from preallocated polls, held in a field: with a constant
    // Future.ready(1) the JIT folded the hand-written loop away (0.06 ns per "await").
    private Future<Integer> ready;
    private AsyncRuntime currentThread;

    @Setup(Level.Trial)
    public void start() {
        ready = new CyclingReady();
        currentThread = AsyncRuntime.newCurrentThread();
    }

    @TearDown(Level.Trial)
    public void stop() {
        currentThread.close();
    }

    /** The generated state machine polled by hand: the pure cost of stepping through awaits. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long jawaitPolled() {
        Poll<Long> p = TemplatesAsync.sumReady(ready, AWAITS).poll(Contexts.NOOP);
        return p.value();
    }

    /** The same, run by a current-thread runtime's {@code blockOn}. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long jawaitBlockOn() {
        return currentThread.blockOn(TemplatesAsync.sumReady(ready, AWAITS));
    }

    /** The same loop as a hand-written future: the floor for the generated state machine. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long jawaitHandWritten() {
        Poll<Long> p = HandWritten.sumReady(ready, AWAITS).poll(Contexts.NOOP);
        return p.value();
    }

    /** The idiomatic CompletableFuture equivalent: one thenCompose stage per await. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long completableFutureThenCompose() {
        CompletableFuture<Long> f = CompletableFuture.completedFuture(0L);
        for (int i = 0; i < AWAITS; i++) {
            f = f.thenCompose(sum -> CompletableFuture.completedFuture(sum + ONE));
        }
        return f.join();
    }
}
