package dev.jawait.net;

import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;

/**
 * Runs the slow parts of a handshake — a client engine's {@code beginHandshake()} (which makes
 * the ClientHello's key shares) and the engine's {@linkplain SSLEngine#getDelegatedTask()
 * delegated tasks} (key exchange, signing, certificate checks) — either on the polling worker or
 * on the runtime's blocking pool, by their measured cost. Every run is timed, and a moving
 * average per context, side and kind of work decides the next one: unknown work starts on the
 * pool (a trust manager may fetch a revocation list over the network), moves inline once it
 * proves cheap, and back if it turns slow.
 *
 * <pre>{@code
 * TryFuture<Void, Exception> job = DelegatedTasks.run(DelegatedTasks.tasksOf(engine), cost, limitNanos);
 * if (job != null) ... await it (null: it already ran inline)
 * }</pre>
 *
 * <p>Measured on this project's 2-core machine (JDK 17, EC P-256 certificate, thread CPU time,
 * median): a TLS 1.3 server's one task batch 4.6–5.2 ms, a client's {@code beginHandshake}
 * 1.0 ms and its two task batches 1.2 ms in all; TLS 1.2 with session resumption 0.19 ms
 * (server) and 37 µs (client); every wrap and unwrap under 20 µs. A pool hand-off costs two
 * thread switches, tens of microseconds: noise next to milliseconds, while a worker computing
 * for 5 ms holds up every other task queued on it.
 *
 * <p>While work runs on the pool it holds the engine's lock (the JDK's delegated tasks do), so
 * nothing on a worker may touch the engine until the job is over; see
 * {@link TlsHandshake#cancel()}.
 */
final class DelegatedTasks {
    /** Per context: client start, client tasks, server start, server tasks; weak keys. */
    private static final Map<SSLContext, Cost[]> COSTS = Collections.synchronizedMap(new WeakHashMap<>());

    private DelegatedTasks() {}

    /** Engine work that may take long: {@code beginHandshake()}, or a batch of delegated tasks. */
    @FunctionalInterface
    interface Work {
        void run() throws SSLException;
    }

    /** The running estimate for one kind of work of {@code context}'s client or server engines. */
    static Cost costOf(SSLContext context, boolean client, boolean start) {
        Cost[] costs = COSTS.computeIfAbsent(context, c -> new Cost[] {new Cost(), new Cost(), new Cost(), new Cost()});
        return costs[(client ? 0 : 2) + (start ? 0 : 1)];
    }

    /** Runs the engine's pending delegated tasks, one after the other. */
    static Work tasksOf(SSLEngine engine) {
        return () -> {
            Runnable task;
            while ((task = engine.getDelegatedTask()) != null) {
                task.run(); // a failure is kept by the engine and thrown by its next wrap/unwrap
            }
        };
    }

    /**
     * Runs {@code work} inline and returns {@code null} when {@code cost} says it is cheap;
     * otherwise starts it on the blocking pool and returns the job to await, which fails with
     * what {@code work} threw.
     */
    static TryFuture<Void, Exception> run(Work work, Cost cost, long inlineLimitNanos) throws SSLException {
        if (cost.estimateNanos() <= inlineLimitNanos) {
            timed(work, cost);
            return null;
        }
        return Task.spawnBlocking(() -> {
            timed(work, cost);
            return null;
        });
    }

    private static void timed(Work work, Cost cost) throws SSLException {
        long start = System.nanoTime();
        try {
            work.run();
        } finally {
            cost.record(System.nanoTime() - start);
        }
    }

    /** An exponentially weighted moving average (weight 1/4) of wall-clock durations. */
    static final class Cost {
        /** Unknown until measured: counts as slow. Racy updates only blur an estimate. */
        private volatile long estimateNanos = Long.MAX_VALUE;

        long estimateNanos() {
            return estimateNanos;
        }

        void record(long nanos) {
            long e = estimateNanos;
            estimateNanos = e == Long.MAX_VALUE ? nanos : e + (nanos - e) / 4;
        }
    }
}
