package dev.jawait.samples;

/**
 * A sample process's stderr without the runtime's reports of a worker held too long: the long
 * poll ("task 7 blocked worker ... for 144 ms in ...", two lines) and the stall monitor's ("task
 * 9 has kept worker ... busy for 102 ms and is still running ...", followed by the worker's stack).
 * A loaded machine makes those (the JIT, a descheduled thread) in any sample; they say nothing
 * about what a test checks in the rest of the log. Each java.util.logging record starts with its
 * date line, so whole records are dropped.
 *
 * <pre>{@code
 * assertEquals("", SlowWorkerReports.without(stderr));
 * }</pre>
 */
public final class SlowWorkerReports {
    private SlowWorkerReports() {}

    /**
     * {@code log} without the slow-worker records (everything else kept as it was).
     *
     * @param log what a sample process wrote to stderr
     * @return the log without the runtime's long-poll and stall-monitor records
     */
    public static String without(String log) {
        StringBuilder kept = new StringBuilder();
        for (String record : log.split("(?m)(?=^[A-Z][a-z]{2} \\d{1,2}, \\d{4} )")) {
            boolean slowWorker = record.matches("(?s).*\\n(WARNING|INFO): task \\d+ (blocked worker|has kept worker).*");
            if (!slowWorker) {
                kept.append(record);
            }
        }
        return kept.toString();
    }
}
