package dev.jawait.samples;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * How oversubscribed the machine is right now, for the few sample tests whose bound is a time
 * ("a fresh client is served within a second, whatever the abusive ones do"): the one-minute
 * load average over the cores, at least 1. At a load of 40 on 2 cores each runnable thread gets
 * about a twentieth of a core, server workers and test clients alike, so a bound of one second
 * means twenty; on a quiet machine the bound is what the test says. (The runtime module's tests
 * have the same helper in {@code dev.jawait.runtime.driver}.)
 *
 * <pre>{@code
 * Duration allowed = MachineLoad.stretch(Duration.ofSeconds(1));
 * }</pre>
 */
public final class MachineLoad {
    private MachineLoad() {}

    /** The load average per core, or 1 when the machine has a core to spare (or cannot say). */
    public static double perCore() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Math.max(1, load / Runtime.getRuntime().availableProcessors());
    }

    /** {@code bound} times {@link #perCore()}. */
    public static Duration stretch(Duration bound) {
        return Duration.ofNanos((long) (bound.toNanos() * perCore()));
    }
}
