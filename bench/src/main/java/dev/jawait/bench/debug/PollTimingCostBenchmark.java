package dev.jawait.bench.debug;

import dev.jawait.runtime.AsyncRuntime;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * The cost of the per-poll timing behind long-poll detection and the task dump's "last polled"
 * (issue 9). A spawned task doing 1,000 suspend + self-wake + resume round trips, the cheapest
 * task round trip there is (current-thread runtime, no cross-thread wake), so the timing's
 * share of it is the worst case:
 * <ul>
 *   <li>{@code jawaitSpawnedYield}: the runtime as shipped (long-poll detection on, 100 ms);
 *   <li>{@code longPollsOff}: a runtime with {@code longPollThreshold(null)}, long-poll reports
 *       off. Polls are still timed for the task dump's "last polled": no switch removes the
 *       timing itself, so this pair prices detection, and the next one the clock reads;
 *   <li>{@code extraClockPair}: as shipped, plus two {@code System.nanoTime()} per poll in the
 *       task body, as a precise per-poll timing does: the difference is what such a pair costs;
 *   <li>{@code preciseTimingRuntime}: the same task on a runtime with a 1 ms long-poll threshold,
 *       which the runtime times with the precise clock at both ends of every poll (a threshold of
 *       100 ms may use a coarse clock instead; where it does not, the two are the same).
 * </ul>
 * Awaiting ready futures never ends a task poll, so the await fast path pays nothing for timing.
 * Long polls go to a handler that counts them, the same on every runtime (no logging).
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar PollTimingCostBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PollTimingCostBenchmark {
    static final int ROUND_TRIPS = 1000;

    private final LongAdder longPolls = new LongAdder();
    private AsyncRuntime shipped;
    private AsyncRuntime off;
    private AsyncRuntime precise;

    @Setup(Level.Trial)
    public void start() {
        shipped = AsyncRuntime.builder().currentThread()
                .longPollThreshold(Duration.ofMillis(100)).longPollHandler(p -> longPolls.increment()).build();
        off = AsyncRuntime.builder().currentThread()
                .longPollThreshold(null).longPollHandler(p -> longPolls.increment()).build();
        precise = AsyncRuntime.builder().currentThread()
                .longPollThreshold(Duration.ofMillis(1)).longPollHandler(p -> longPolls.increment()).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        shipped.close();
        off.close();
        precise.close();
    }

    /** Suspend + wake + resume of a spawned task, runtime as shipped. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int jawaitSpawnedYield() {
        return shipped.blockOn(shipped.spawn(ClockedYieldLoop.of(ROUND_TRIPS, false)));
    }

    /** The same round trip with long-poll reports off. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int longPollsOff() {
        return off.blockOn(off.spawn(ClockedYieldLoop.of(ROUND_TRIPS, false)));
    }

    /** The same round trip with two more {@code System.nanoTime()} per poll. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int extraClockPair() {
        return shipped.blockOn(shipped.spawn(ClockedYieldLoop.of(ROUND_TRIPS, true)));
    }

    /** The same round trip on a runtime that times every poll with the precise clock. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public int preciseTimingRuntime() {
        return precise.blockOn(precise.spawn(ClockedYieldLoop.of(ROUND_TRIPS, false)));
    }
}
