package dev.jawait.net;

import dev.jawait.Task;
import dev.jawait.TryFuture;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Runs an {@link SSLEngine}'s delegated tasks (the handshake's key exchange, signing and
 * certificate checks) either on the polling worker or on the runtime's blocking pool, by their
 * measured cost: every batch is timed, and a per-context, per-side moving average decides the
 * next one. A context starts on the pool (its tasks are unknown: a trust manager may fetch a
 * revocation list), moves inline once its batches prove cheap, and back if they turn slow.
 *
 * <pre>{@code
 * TryFuture<Void, Exception> job = DelegatedTasks.run(engine, cost, limitNanos);
 * if (job != null) ... await it (null: they already ran inline)
 * }</pre>
 *
 * <p>Measured on this project's 2-core machine (JDK 17, thread CPU time): a TLS 1.3 server
 * handshake's one batch costs about 4 ms with an EC P-256 key (6 ms with RSA 2048), a client's
 * two about 1 ms and 0.4 ms; a resumed TLS 1.2 handshake's about 0.1 ms (server) and 20 µs
 * (client). Handing a batch to the pool costs two thread hand-offs, tens of microseconds: noise
 * next to milliseconds, while a worker computing for 4 ms delays every other task it owns.
 */
final class DelegatedTasks {
    /** Wall-clock average of one batch, per context and side; weak keys: contexts come and go. */
    private static final Map<SSLContext, Cost[]> COSTS = Collections.synchronizedMap(new WeakHashMap<>());

    private DelegatedTasks() {}

    /** The running estimate for {@code context}'s client or server engines. */
    static Cost costOf(SSLContext context, boolean client) {
        Cost[] pair = COSTS.computeIfAbsent(context, c -> new Cost[] {new Cost(), new Cost()});
        return pair[client ? 0 : 1];
    }

    /**
     * Runs the pending tasks inline and returns {@code null} when {@code cost} says they are
     * cheap; otherwise starts them on the blocking pool and returns the job to await (which
     * completes when they have run; their failures surface from the engine's next wrap/unwrap).
     */
    static TryFuture<Void, Exception> run(SSLEngine engine, Cost cost, long inlineLimitNanos) {
        if (cost.estimateNanos() <= inlineLimitNanos) {
            runAll(engine, cost);
            return null;
        }
        return Task.spawnBlocking(() -> {
            runAll(engine, cost);
            return null;
        });
    }

    private static void runAll(SSLEngine engine, Cost cost) {
        long start = System.nanoTime();
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
        cost.record(System.nanoTime() - start);
    }

    /** An exponentially weighted moving average (weight 1/4) of batch durations. */
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
