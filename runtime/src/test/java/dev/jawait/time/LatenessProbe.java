package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A task that takes the ticks of an interval for ever and, while measuring, records how late each
 * tick was taken — to show that something else running on the same runtime does not hold up its
 * worker. Spawn it, wait for {@link #awaitTicking}, {@link #start()}, do the work, {@link #stop()},
 * then read {@link #summary} / {@link #percentileNanos}.
 *
 * <pre>{@code
 * LatenessProbe probe = new LatenessProbe(Duration.ofMillis(10));
 * JoinHandle<Void> ticking = rt.spawn(probe);
 * probe.awaitTicking();
 * probe.start();
 * rt.blockOn(work);
 * probe.stop();
 * ticking.abort();
 * assertTrue(probe.percentileNanos(95) < MILLISECONDS.toNanos(50), probe.summary());
 * }</pre>
 */
public final class LatenessProbe implements Future<Void> {
    private final Interval interval;
    private final CountDownLatch ticked = new CountDownLatch(3);
    private final List<Long> lateness = new ArrayList<>();
    private volatile boolean measuring;
    private volatile long startedNanos;
    private long stoppedNanos;
    private Future<Long> tick;

    public LatenessProbe(Duration period) {
        this.interval = Time.interval(period);
    }

    @Override
    public Poll<Void> poll(Context cx) {
        while (true) {
            if (tick == null) {
                tick = interval.tick();
            }
            Poll<Long> p = tick.poll(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            tick = null;
            long late = System.nanoTime() - p.value();
            if (measuring && p.value() - startedNanos >= 0) { // ticks due before start() do not count
                synchronized (lateness) {
                    lateness.add(late);
                }
            }
            ticked.countDown();
        }
    }

    @Override
    public boolean cancel() {
        if (tick != null) {
            tick.cancel();
        }
        return false;
    }

    /** Waits (bounded) until the probe has ticked a few times: its runtime is running it. */
    public void awaitTicking() throws InterruptedException {
        if (!ticked.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the probe never ticked");
        }
    }

    public void start() {
        startedNanos = System.nanoTime();
        measuring = true;
    }

    public void stop() {
        measuring = false;
        stoppedNanos = System.nanoTime();
    }

    /** Ticks recorded while measuring. */
    public int ticks() {
        synchronized (lateness) {
            return lateness.size();
        }
    }

    /** Ticks that measuring for this long should have seen. */
    public long expectedTicks() {
        return (stoppedNanos - startedNanos) / interval.period().toNanos();
    }

    /** The {@code p}-th percentile of the recorded lateness ({@code Long.MAX_VALUE} if none). */
    public long percentileNanos(int p) {
        long[] sorted;
        synchronized (lateness) {
            sorted = lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        }
        if (sorted.length == 0) {
            return Long.MAX_VALUE;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** "n ticks (expected about m), lateness ms median a, p95 b, max c". */
    public String summary() {
        return ticks() + " ticks (expected about " + expectedTicks() + "), lateness ms median "
                + millis(percentileNanos(50)) + ", p95 " + millis(percentileNanos(95)) + ", max "
                + millis(percentileNanos(100));
    }

    private static double millis(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.NaN : Math.round(nanos / 1e5) / 10.0;
    }
}
