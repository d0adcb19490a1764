package dev.jawait.bench.runtime;

import dev.jawait.Future;
import dev.jawait.bench.support.VirtualThreads;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
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
 * Spawn + join of an empty task, 1,000 spawned then 1,000 joined per invocation (score per
 * task): jawait tasks from inside a task, against {@code ForkJoinPool} submit + join and a
 * virtual thread per task ({@code newVirtualThreadPerTaskExecutor}, JDK 21+). Every pool has
 * one thread per core.
 * Task bodies are the hand-written futures of {@link HandWritten}, so the runtime is
 * measured without the compiler's code.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar SpawnJoinBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class SpawnJoinBenchmark {
    static final int TASKS = 1000;
    private static final Future<Integer> EMPTY = Future.ready(1);
    private static final Callable<Integer> EMPTY_CALLABLE = () -> 1;

    private AsyncRuntime runtime;
    private ForkJoinPool forkJoin;
    private ExecutorService virtualThreads;

    @Setup(Level.Trial)
    public void start() {
        runtime = AsyncRuntime.newMultiThread();
        forkJoin = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        if (VirtualThreads.available()) {
            virtualThreads = VirtualThreads.newPerTaskExecutor();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        runtime.close();
        forkJoin.shutdown();
        if (virtualThreads != null) {
            virtualThreads.shutdown();
        }
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long jawaitSpawnJoin() {
        return runtime.blockOn(runtime.spawn(HandWritten.spawnJoin(EMPTY, TASKS)));
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long forkJoinPoolSubmitJoin() {
        List<ForkJoinTask<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(forkJoin.submit(EMPTY_CALLABLE));
        }
        long sum = 0;
        for (ForkJoinTask<Integer> t : tasks) {
            sum += t.join();
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long virtualThreadPerTask() throws InterruptedException, ExecutionException {
        VirtualThreads.requireAvailable();
        List<java.util.concurrent.Future<Integer>> tasks = new ArrayList<>(TASKS);
        for (int i = 0; i < TASKS; i++) {
            tasks.add(virtualThreads.submit(EMPTY_CALLABLE));
        }
        long sum = 0;
        for (java.util.concurrent.Future<Integer> t : tasks) {
            sum += t.get();
        }
        return sum;
    }
}
