package dev.jawait.bench.runtime;

import dev.jawait.Future;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Spawn + join of 1,000 empty tasks from a task, alternated invocation by invocation with a peer
 * in one JVM, for a machine too loaded for JMH's separate trials: each pair was measured within
 * microseconds, so the median of the per-pair ratios holds still while the load comes and goes.
 * {@code scope}: plain spawn + join ({@link HandWritten#spawnJoin}) against spawning into a
 * {@code TaskScope} and joining it ({@link TaskScopeBenchmark#scopeSpawnJoin}); {@code forkjoin}:
 * jawait spawn + join against {@code ForkJoinPool} submit + join (as {@link SpawnJoinBenchmark});
 * {@code cpu}: jawait spawn + join alone, also reporting the process's CPU time per task, which
 * other processes' load does not inflate the way it inflates wall time.
 * Prints per-task nanoseconds (10th, 50th, 90th percentile of the invocations) and the
 * percentiles of the per-pair ratio (the second over the first), after a 3 s warm-up. The file
 * compiles against an older commit's benchmark jar too, to compare two commits the same way.
 *
 * <pre>{@code
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.runtime.PairedRuns scope 15
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.runtime.PairedRuns forkjoin 15 2
 * java -cp bench/target/benchmarks.jar dev.jawait.bench.runtime.PairedRuns cpu 10 2
 * }</pre>
 */
public final class PairedRuns {
    private static final int TASKS = 1000;

    private PairedRuns() {}

    public static void main(String[] args) {
        if (args[0].equals("cpu")) {
            cpu(Long.parseLong(args[1]), args.length > 2 ? Integer.parseInt(args[2]) : 0);
            return;
        }
        boolean scope = args[0].equals("scope");
        long seconds = Long.parseLong(args[1]);
        Future<Integer> empty = Future.ready(1);
        Callable<Integer> callable = () -> 1;
        ForkJoinPool forkJoin = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
        AsyncRuntime.Builder builder = AsyncRuntime.builder();
        if (args.length > 2) {
            builder.workerThreads(Integer.parseInt(args[2]));
        }
        try (AsyncRuntime rt = builder.build()) {
            long[] first = new long[1 << 20];
            long[] second = new long[1 << 20];
            int n = 0;
            long sink = 0;
            long warm = System.nanoTime() + 3_000_000_000L;
            long end = warm - 3_000_000_000L + seconds * 1_000_000_000L;
            while (System.nanoTime() < end && n < first.length) {
                long t0 = System.nanoTime();
                sink += rt.blockOn(rt.spawn(HandWritten.spawnJoin(empty, TASKS)));
                long t1 = System.nanoTime();
                if (scope) {
                    sink += rt.blockOn(rt.spawn(TaskScopeBenchmark.scopeSpawnJoin(empty, TASKS)));
                } else {
                    List<ForkJoinTask<Integer>> tasks = new ArrayList<>(TASKS);
                    for (int i = 0; i < TASKS; i++) {
                        tasks.add(forkJoin.submit(callable));
                    }
                    for (ForkJoinTask<Integer> t : tasks) {
                        sink += t.join();
                    }
                }
                long t2 = System.nanoTime();
                if (t0 > warm) {
                    first[n] = t1 - t0;
                    second[n] = t2 - t1;
                    n++;
                }
            }
            double[] ratio = new double[n];
            for (int i = 0; i < n; i++) {
                ratio[i] = (double) second[i] / first[i];
            }
            long[] a = Arrays.copyOf(first, n);
            long[] b = Arrays.copyOf(second, n);
            Arrays.sort(a);
            Arrays.sort(b);
            Arrays.sort(ratio);
            System.out.printf("%s: %d pairs; ns/task p10/p50/p90: jawait spawn+join %.1f / %.1f / %.1f, %s %.1f / %.1f / %.1f;"
                            + " ratio %s/jawait p25/p50/p75: %.2f / %.2f / %.2f (checksum %d)%n",
                    args[0], n, a[n / 10] / 1e3, a[n / 2] / 1e3, a[n * 9 / 10] / 1e3,
                    scope ? "scope" : "forkJoin", b[n / 10] / 1e3, b[n / 2] / 1e3, b[n * 9 / 10] / 1e3,
                    scope ? "scope" : "forkJoin", ratio[n / 4], ratio[n / 2], ratio[n * 3 / 4], sink % 1000);
        } finally {
            forkJoin.shutdown();
        }
    }

    /** jawait spawn + join alone: process CPU nanoseconds per task, and wall-time percentiles. */
    private static void cpu(long seconds, int workers) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Future<Integer> empty = Future.ready(1);
        AsyncRuntime.Builder builder = AsyncRuntime.builder();
        if (workers > 0) {
            builder.workerThreads(workers);
        }
        try (AsyncRuntime rt = builder.build()) {
            long[] wall = new long[1 << 21];
            int n = 0;
            long sink = 0;
            long warm = System.nanoTime() + 3_000_000_000L;
            long end = warm - 3_000_000_000L + seconds * 1_000_000_000L;
            long cpuStart = -1;
            while (System.nanoTime() < end && n < wall.length) {
                long t0 = System.nanoTime();
                sink += rt.blockOn(rt.spawn(HandWritten.spawnJoin(empty, TASKS)));
                long t1 = System.nanoTime();
                if (t0 > warm) {
                    if (cpuStart < 0) {
                        cpuStart = os.getProcessCpuTime(); // from the end of the first measured invocation
                    } else {
                        wall[n++] = t1 - t0;
                    }
                }
            }
            double cpuPerTask = (os.getProcessCpuTime() - cpuStart) / ((double) n * TASKS);
            long[] a = Arrays.copyOf(wall, n);
            Arrays.sort(a);
            System.out.printf("cpu: %d invocations; process CPU ns/task %.1f; wall ns/task p10/p50/p90 %.1f / %.1f / %.1f (checksum %d)%n",
                    n, cpuPerTask, a[n / 10] / 1e3, a[n / 2] / 1e3, a[n * 9 / 10] / 1e3, sink % 1000);
        }
    }
}
