package dev.jawait.bench.debug;

import dev.jawait.Future;
import dev.jawait.bench.runtime.Contexts;
import dev.jawait.internal.AsyncTraces;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of async stack traces (issue 9: "on by default, cheap enough to leave on"): a
 * failure thrown three awaits deep through generated {@code @Async} methods
 * ({@link FailingChain}) and caught by the calling {@code @Async} method, with traces on (the
 * default) against the same code in a JVM started with {@code -Djawait.asyncStackTraces=false}.
 * Each operation builds the four state machines, throws one fresh exception (its
 * {@code fillInStackTrace} is part of both sides) and catches it.
 *
 * <p>{@code caught=swallowed}: the caller looks at the message only, so traces pay for
 * materialising the stack trace that nobody reads (their worst case). {@code caught=read}: the
 * caller reads the stack trace, as logging the failure would, so both sides materialise it and
 * traces add only their three frames. Polled by hand ({@link Contexts#NOOP}): no scheduler noise.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar FailureTraceCostBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FailureTraceCostBenchmark {
    /** {@code swallowed}: the caller reads the message; {@code read}: it reads the stack trace. */
    @Param({"swallowed", "read"})
    public String caught;

    private final Future<Integer> ready = Future.ready(1);
    private boolean readTrace;

    @Setup(Level.Trial)
    public void setUp() {
        readTrace = caught.equals("read");
        // The chain must really fail (a positive ready value) or the benchmark measures nothing.
        int first = run();
        if (first <= 0) {
            throw new IllegalStateException("the failing chain did not fail: " + first);
        }
    }

    private int run() {
        return FailingChainAsync.caller(ready, readTrace).poll(Contexts.NOOP).value();
    }

    /** Async stack traces on, as shipped (the JVM of this fork must not turn them off). */
    @Benchmark
    public int jawaitTracesOn() {
        if (!AsyncTraces.ENABLED) {
            throw new IllegalStateException("async stack traces are off in this fork");
        }
        return run();
    }

    /** The same chain with {@code -Djawait.asyncStackTraces=false}: the peer of this pair. */
    @Benchmark
    @Fork(jvmArgsAppend = "-Djawait.asyncStackTraces=false")
    public int tracesOff() {
        if (AsyncTraces.ENABLED) {
            throw new IllegalStateException("async stack traces are on in the traces-off fork");
        }
        return run();
    }
}
