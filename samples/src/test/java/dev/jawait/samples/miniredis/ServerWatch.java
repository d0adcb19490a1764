package dev.jawait.samples.miniredis;

import dev.jawait.samples.MachineLoad;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a {@link MiniRedisFixture} while tests abuse it, on threads of its own: a prober that
 * makes a fresh client's PING round trip every 50 ms, each of which must complete within
 * {@link #SERVED_WITHIN}, and a sampler that records the most bytes the server held at once
 * (queued output, buffered input) every 2 ms.
 *
 * <p>The bound is on the server, not on the machine: a third thread records the stalls of this
 * whole process, as jHiccup does — it sleeps 1 ms at a time and notes every wake-up that came
 * more than 20 ms late (a garbage-collection pause, or a machine so loaded that the process does
 * not run). A probe is late only if it took longer than the bound <em>plus</em> the stalls that
 * overlapped it: on a 2-core machine that other builds load 15-fold, the process alone can stop
 * for a second, and that says nothing of how mini-redis shares its workers.
 *
 * <pre>{@code
 * ServerWatch watch = ServerWatch.start(fixture);
 * ... hostile clients ...
 * watch.stop();                       // fails if a probe failed or was late
 * assertTrue(watch.peakQueuedOutput() <= bound);
 * }</pre>
 */
final class ServerWatch {
    /** Other clients are served within this, whatever the abusive ones do. */
    static final Duration SERVED_WITHIN = Duration.ofSeconds(1);

    /** {@code bound} stretched by how oversubscribed the machine is right now ({@link MachineLoad}). */
    static Duration underLoad(Duration bound) {
        return MachineLoad.stretch(bound);
    }

    private final MiniRedisFixture f;
    private final List<Throwable> probeFailures = new CopyOnWriteArrayList<>();
    private final AtomicLong probes = new AtomicLong();
    private final AtomicLong probesStarted = new AtomicLong();
    private final AtomicLong slowestProbeNanos = new AtomicLong();
    private final AtomicLong peakQueuedOutput = new AtomicLong();
    private final AtomicLong peakBufferedInput = new AtomicLong();
    /** Stalls of the whole process: {start nanos, end nanos} of each late wake-up. */
    private final List<long[]> stalls = new CopyOnWriteArrayList<>();
    private final AtomicLong mostExcusedNanos = new AtomicLong();
    private final Thread prober;
    private final Thread sampler;
    private final Thread stallRecorder;
    private volatile boolean stopped;

    private ServerWatch(MiniRedisFixture f) {
        this.f = f;
        this.prober = new Thread(this::probe, "ping-prober");
        this.sampler = new Thread(this::sample, "gauge-sampler");
        this.stallRecorder = new Thread(this::recordStalls, "stall-recorder");
    }

    static ServerWatch start(MiniRedisFixture f) {
        ServerWatch w = new ServerWatch(f);
        for (Thread t : List.of(w.stallRecorder, w.sampler, w.prober)) {
            t.setDaemon(true);
            t.start();
        }
        return w;
    }

    /** Stops the threads; fails if any probe failed, or took longer than {@link #SERVED_WITHIN} plus the process's stalls. */
    void stop() throws InterruptedException {
        stopped = true;
        prober.join(10_000);
        sampler.join(10_000);
        stallRecorder.join(10_000);
        System.out.printf("%d probes, slowest %d ms (most process stall deducted: %d ms);"
                + " peak queued output %d B, buffered input %d B%n", probes(), slowestProbe().toMillis(),
                mostExcused().toMillis(), peakQueuedOutput(), peakBufferedInput());
        if (!probeFailures.isEmpty()) {
            AssertionError e = new AssertionError(probeFailures.size() + " of " + probes.get()
                    + " PING round trips by fresh clients failed or took over " + SERVED_WITHIN.toMillis() + " ms");
            probeFailures.forEach(e::addSuppressed);
            throw e;
        }
        if (probes.get() == 0) {
            throw new AssertionError("no probe ran");
        }
    }

    long probes() {
        return probes.get();
    }

    /** Probes begun (each one connection to the server), finished or not. */
    long probesStarted() {
        return probesStarted.get();
    }

    Duration slowestProbe() {
        return Duration.ofNanos(slowestProbeNanos.get());
    }

    long peakQueuedOutput() {
        return peakQueuedOutput.get();
    }

    long peakBufferedInput() {
        return peakBufferedInput.get();
    }

    /** The most process stall time that excused a probe (0 if none needed it). */
    Duration mostExcused() {
        return Duration.ofNanos(mostExcusedNanos.get());
    }

    private void probe() {
        // The socket's own timeout is generous; the bound is checked below, stalls deducted.
        Duration socketTimeout = SERVED_WITHIN.multipliedBy(20);
        while (!stopped) {
            long start = System.nanoTime();
            probesStarted.incrementAndGet();
            try {
                Duration took = f.pingRoundTrip(socketTimeout);
                slowestProbeNanos.accumulateAndGet(took.toNanos(), Math::max);
                Duration allowed = underLoad(SERVED_WITHIN);
                if (took.compareTo(allowed) > 0) {
                    long stalled = stalledBetween(start, start + took.toNanos());
                    mostExcusedNanos.accumulateAndGet(stalled, Math::max);
                    if (took.toNanos() - stalled > allowed.toNanos()) {
                        throw new AssertionError("PING round trip took " + took.toMillis() + " ms, of which the process"
                                + " was stalled " + stalled / 1_000_000 + " ms: more than " + allowed.toMillis()
                                + " (" + SERVED_WITHIN.toMillis() + " ms stretched by the machine's load)");
                    }
                }
            } catch (Throwable e) {
                probeFailures.add(e);
            }
            probes.incrementAndGet();
            sleep(50);
        }
    }

    /** Nanoseconds of recorded process stalls within [from, to]. */
    private long stalledBetween(long from, long to) {
        long total = 0;
        for (long[] stall : stalls) {
            total += Math.max(0, Math.min(to, stall[1]) - Math.max(from, stall[0]));
        }
        return total;
    }

    private void recordStalls() {
        long threshold = TimeUnit.MILLISECONDS.toNanos(20);
        while (!stopped) {
            long before = System.nanoTime();
            sleep(1);
            long after = System.nanoTime();
            long late = after - before - TimeUnit.MILLISECONDS.toNanos(1);
            if (late > threshold) {
                stalls.add(new long[] {before + TimeUnit.MILLISECONDS.toNanos(1), after});
            }
        }
    }

    private void sample() {
        ServerState state = f.state();
        while (!stopped) {
            peakQueuedOutput.accumulateAndGet(state.queuedOutputBytes(), Math::max);
            peakBufferedInput.accumulateAndGet(state.bufferedInputBytes(), Math::max);
            sleep(2);
        }
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
