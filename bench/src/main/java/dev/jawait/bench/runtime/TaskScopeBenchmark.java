package dev.jawait.bench.runtime;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
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
 * Spawning into a {@link TaskScope} and joining it, against plain spawn + join of the same
 * 1,000 empty tasks from inside a task (score per task; issue 20's target: at most 1.2x the
 * plain time). The scoped side opens a scope, spawns into it, awaits {@code join()}, reads
 * every handle and closes the scope; the plain side is {@link HandWritten#spawnJoin}.
 *
 * <pre>{@code
 * java -jar bench/target/benchmarks.jar TaskScopeBenchmark -prof gc
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TaskScopeBenchmark {
    static final int TASKS = 1000;
    private static final Future<Integer> EMPTY = Future.ready(1);

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
    @OperationsPerInvocation(TASKS)
    public long plainSpawnJoin() {
        return runtime.blockOn(runtime.spawn(HandWritten.spawnJoin(EMPTY, TASKS)));
    }

    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long scopeSpawnJoin() {
        return runtime.blockOn(runtime.spawn(scopeSpawnJoin(EMPTY, TASKS)));
    }

    /** Opens a scope, spawns {@code n} copies of {@code empty}, joins, sums the handles. */
    static Future<Long> scopeSpawnJoin(Future<Integer> empty, int n) {
        return new Future<>() {
            private TaskScope<Integer> scope;
            private List<JoinHandle<Integer>> handles;
            private Future<Void> join;

            @Override
            public Poll<Long> poll(Context cx) {
                if (scope == null) {
                    scope = TaskScope.open();
                    handles = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        handles.add(scope.spawn(empty));
                    }
                    join = scope.join();
                }
                if (join.poll(cx).isPending()) {
                    return Poll.pending();
                }
                long sum = 0;
                for (JoinHandle<Integer> h : handles) {
                    sum += h.poll(cx).value();
                }
                scope.close();
                return Poll.ready(sum);
            }
        };
    }
}
