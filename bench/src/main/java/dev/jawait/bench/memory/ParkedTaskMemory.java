package dev.jawait.bench.memory;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.bench.support.Gate;
import dev.jawait.bench.support.VirtualThreads;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.function.Function;

/**
 * Memory per parked task, measured as heap used after a full GC before and after parking N
 * waiters (plus RSS for reference), one variant per JVM run so every variant gets the same
 * flags:
 * <ul>
 * <li>{@code jawait}: N tasks spawned on a multi-thread runtime, each an {@code @Async} method
 *     awaiting a shared gate ({@code jawaitHandWritten}: the same task as a hand-written future);</li>
 * <li>{@code virtualThreads}: N virtual threads parked on one {@code CountDownLatch} (JDK 21+);</li>
 * <li>{@code completableFuture}: N {@code CompletableFuture}s, each with one dependent stage.</li>
 * </ul>
 * Every waiter is then released and its result checked, so nothing measured was dead.
 *
 * <pre>{@code
 * java -Xms6g -Xmx6g -cp benchmarks.jar dev.jawait.bench.memory.ParkedTaskMemory jawait 1000000
 * }</pre>
 */
public final class ParkedTaskMemory {
    private ParkedTaskMemory() {}

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1_000_000;
        Object[] holders = new Object[n]; // allocated before the baseline: the same for every variant
        Result r = switch (variant) {
            case "jawait" -> jawait(n, holders, ParkedTemplatesAsync::parked);
            case "jawaitHandWritten" -> jawait(n, holders, ParkedTaskMemory::parkedHandWritten);
            case "virtualThreads" -> virtualThreads(n, holders);
            case "completableFuture" -> completableFuture(n, holders);
            default -> throw new IllegalArgumentException(
                    "variant: jawait | jawaitHandWritten | virtualThreads | completableFuture");
        };
        double heapPer = (double) (r.heapAfter - r.heapBefore) / n;
        double rssPer = (double) (r.rssAfter - r.rssBefore) / n;
        System.out.printf(Locale.ROOT, "%s: %d parked, heap +%.1f MiB (%.0f B each), RSS +%.1f MiB (%.0f B each), "
                        + "parking took %.0f ns each, all released and checked%n", variant, n,
                (r.heapAfter - r.heapBefore) / 1048576.0, heapPer, (r.rssAfter - r.rssBefore) / 1048576.0, rssPer,
                (double) r.parkNanos / n);
        String group = "parked-" + n;
        System.out.printf(Locale.ROOT, "RESULT\t%s\theap per parked task\t%s\t%.1f\tbytes\tlower%n", group, variant, heapPer);
        System.out.printf(Locale.ROOT, "RESULT\t%s\tRSS per parked task\t%s\t%.1f\tbytes\tlower%n", group, variant, rssPer);
        System.out.printf(Locale.ROOT, "RESULT\t%s\ttime to park one\t%s\t%.1f\tns\tlower%n", group, variant,
                (double) r.parkNanos / n);
    }

    private record Result(long heapBefore, long heapAfter, long rssBefore, long rssAfter, long parkNanos) {}

    /** The parked task written by hand: await the gate, return 1. */
    static Future<Integer> parkedHandWritten(Gate gate) {
        Future<Void> opened = gate.opened();
        return cx -> opened.poll(cx).isPending() ? Poll.pending() : Poll.ready(1);
    }

    private static Result jawait(int n, Object[] holders, Function<Gate, Future<Integer>> body)
            throws InterruptedException, IOException {
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread()) {
            Gate gate = new Gate();
            runtime.blockOn(body.apply(openGate())); // warm the paths once
            long heap0 = heapAfterGc();
            long rss0 = rss();
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                holders[i] = runtime.spawn(body.apply(gate));
            }
            waitUntil(() -> gate.waiting() == n, "tasks parked");
            long parkNanos = System.nanoTime() - t0;
            long heap1 = heapAfterGc();
            long rss1 = rss();
            gate.open();
            long sum = 0;
            for (int i = 0; i < n; i++) {
                @SuppressWarnings("unchecked")
                JoinHandle<Integer> h = (JoinHandle<Integer>) holders[i];
                sum += runtime.blockOn(h);
            }
            check(sum, n);
            return new Result(heap0, heap1, rss0, rss1, parkNanos);
        }
    }

    private static Gate openGate() {
        Gate g = new Gate();
        g.open();
        return g;
    }

    private static Result virtualThreads(int n, Object[] holders) throws InterruptedException, IOException {
        ThreadFactory factory = VirtualThreads.factory();
        CountDownLatch latch = new CountDownLatch(1);
        int[] done = new int[n];
        Thread warm = factory.newThread(() -> { });
        warm.start();
        warm.join(); // the carrier pool exists before the baseline, as the runtime's workers do
        long heap0 = heapAfterGc();
        long rss0 = rss();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            int slot = i;
            Thread t = factory.newThread(() -> {
                try {
                    latch.await();
                    done[slot] = 1;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t.start();
            holders[i] = t;
        }
        waitUntil(() -> allWaiting(holders), "virtual threads parked");
        long parkNanos = System.nanoTime() - t0;
        long heap1 = heapAfterGc();
        long rss1 = rss();
        latch.countDown();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            ((Thread) holders[i]).join();
            sum += done[i];
        }
        check(sum, n);
        return new Result(heap0, heap1, rss0, rss1, parkNanos);
    }

    private static boolean allWaiting(Object[] threads) {
        for (Object t : threads) {
            if (((Thread) t).getState() != Thread.State.WAITING) {
                return false;
            }
        }
        return true;
    }

    private static Result completableFuture(int n, Object[] holders) throws IOException, InterruptedException {
        CompletableFuture<Integer>[] sources = newArray(n); // before the baseline, like holders
        long heap0 = heapAfterGc();
        long rss0 = rss();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            sources[i] = new CompletableFuture<>();
            holders[i] = sources[i].thenApply(v -> v + 0);
        }
        long parkNanos = System.nanoTime() - t0;
        long heap1 = heapAfterGc();
        long rss1 = rss();
        long sum = 0;
        for (int i = 0; i < n; i++) {
            sources[i].complete(1);
            @SuppressWarnings("unchecked")
            CompletableFuture<Integer> dependent = (CompletableFuture<Integer>) holders[i];
            sum += dependent.join();
        }
        check(sum, n);
        return new Result(heap0, heap1, rss0, rss1, parkNanos);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static CompletableFuture<Integer>[] newArray(int n) {
        return new CompletableFuture[n];
    }

    private static void check(long sum, int n) {
        if (sum != n) {
            throw new IllegalStateException("released " + sum + " of " + n + " waiters");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long rss() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
