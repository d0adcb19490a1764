package dev.jawait.bench.runtime;

import dev.jawait.Poll;
import dev.jawait.bench.support.CyclingReady;
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

/**
 * Awaiting an interface's {@code @Async} method through its companion ({@code CounterAsync.add},
 * which dispatches to the receiver's implementation) against awaiting the implementation's own
 * companion directly. Scores are per await, each of which makes and runs one state machine. The
 * target: dispatch within 1.2x the direct time and 0 extra bytes per await ({@code -prof gc},
 * {@code gc.alloc.rate.norm} divided by 1,000). {@code plainImplementation}, for information, is
 * the interface's companion on a plain (not {@code @Async}) implementation.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar VirtualDispatchBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class VirtualDispatchBenchmark {
    static final int AWAITS = 1000;

    private AddingCounter adding;
    private Counter addingAsInterface;
    private Counter plain;

    @Setup(Level.Trial)
    public void start() {
        adding = new AddingCounter(new CyclingReady());
        addingAsInterface = adding;
        plain = new PlainCounter();
    }

    /** {@code await(AddingCounterAsync.add(adding, i))}: the implementation's machine, directly. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long directCompanion() {
        Poll<Long> p = DispatchTemplatesAsync.viaImplementation(adding, AWAITS).poll(Contexts.NOOP);
        return p.value();
    }

    /** {@code await(CounterAsync.add(adding, i))}: dispatched to the same machine. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long interfaceCompanion() {
        Poll<Long> p = DispatchTemplatesAsync.viaInterface(addingAsInterface, AWAITS).poll(Contexts.NOOP);
        return p.value();
    }

    /** {@code await(CounterAsync.add(plain, i))}: a plain implementation, called on the first poll. */
    @Benchmark
    @OperationsPerInvocation(AWAITS)
    public long plainImplementation() {
        Poll<Long> p = DispatchTemplatesAsync.viaInterface(plain, AWAITS).poll(Contexts.NOOP);
        return p.value();
    }
}
