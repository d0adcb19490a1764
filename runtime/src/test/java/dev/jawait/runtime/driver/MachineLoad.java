package dev.jawait.runtime.driver;

import java.lang.management.ManagementFactory;

/**
 * How oversubscribed the machine is right now, for the few tests whose bound is a time: the
 * one-minute load average over the cores, at least 1. At a load of 40 on 2 cores each runnable
 * thread gets about a twentieth of a core, so a bound of 50 ms means a second; on a quiet
 * machine the bound is what the test says.
 *
 * <pre>{@code
 * long bound = MachineLoad.stretch(TimeUnit.MILLISECONDS.toNanos(50));
 * }</pre>
 */
public final class MachineLoad {
    private MachineLoad() {}

    /** The load average per core, or 1 when the machine has a core to spare (or cannot say). */
    public static double perCore() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return Math.max(1, load / Runtime.getRuntime().availableProcessors());
    }

    /** {@code nanos} times {@link #perCore()}. */
    public static long stretch(long nanos) {
        return (long) (nanos * perCore());
    }
}
