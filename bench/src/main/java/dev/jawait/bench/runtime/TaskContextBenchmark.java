package dev.jawait.bench.runtime;

import dev.jawait.TaskLocal;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.ContextPropagator;
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
 * What carrying context costs per poll: a spawned task doing 1,000 yield round trips (score per
 * round trip) plain, inside a {@link TaskLocal} scope, and on a runtime with one
 * {@link ContextPropagator} (a thread-local swapped in and out around each poll, the shape of
 * the MDC bridge without SLF4J's map copies). {@code plainYield} runs on a runtime with no
 * propagator, so it also shows that such a runtime pays nothing.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar TaskContextBenchmark
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskContextBenchmark {
    static final int YIELDS = 1000;
    private static final TaskLocal<String> REQUEST = new TaskLocal<>();
    private static final ThreadLocal<String> CARRIED = new ThreadLocal<>();

    private AsyncRuntime plain;
    private AsyncRuntime propagating;

    @Setup(Level.Trial)
    public void start() {
        plain = AsyncRuntime.newMultiThread();
        propagating = AsyncRuntime.builder().contextPropagator(new ContextPropagator<String>() {
            @Override
            public String capture() {
                return CARRIED.get();
            }

            @Override
            public String swap(String context) {
                String previous = CARRIED.get();
                CARRIED.set(context);
                return previous;
            }
        }).build();
    }

    @TearDown(Level.Trial)
    public void stop() {
        plain.close();
        propagating.close();
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public int plainYield() {
        return plain.blockOn(plain.spawn(HandWritten.yieldLoop(YIELDS)));
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public int taskLocalYield() {
        return plain.blockOn(plain.spawn(REQUEST.scope("req-1", HandWritten.yieldLoop(YIELDS))));
    }

    @Benchmark
    @OperationsPerInvocation(YIELDS)
    public int propagatorYield() {
        return propagating.blockOn(propagating.spawn(HandWritten.yieldLoop(YIELDS)));
    }
}
