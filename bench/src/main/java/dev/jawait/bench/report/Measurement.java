package dev.jawait.bench.report;

import java.util.Locale;

/**
 * One measured number: which comparison ({@code group}), what was measured ({@code metric}),
 * who was measured ({@code subject}; names starting with {@code jawait} are ours, the rest are
 * peers), which repetition, the value, its unit, and whether higher or lower is better.
 * Stored one per line, tab-separated, in the raw results file that {@code run.sh} appends to.
 *
 * <pre>{@code
 * Measurement m = Measurement.parse("http-plain\trequests/s\tjawait\t1\t81234.5\treq/s\thigher");
 * }</pre>
 */
public record Measurement(String group, String metric, String subject, int rep, double value,
                          String unit, boolean higherIsBetter) {

    /** Parses one tab-separated line as written by {@link #toLine()}. */
    public static Measurement parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 7) {
            throw new IllegalArgumentException("expected 7 tab-separated fields: " + line);
        }
        boolean higher = switch (f[6]) {
            case "higher" -> true;
            case "lower" -> false;
            default -> throw new IllegalArgumentException("better must be higher|lower: " + line);
        };
        return new Measurement(f[0], f[1], f[2], Integer.parseInt(f[3]), Double.parseDouble(f[4]), f[5], higher);
    }

    /** The tab-separated form read by {@link #parse}. */
    public String toLine() {
        return String.join("\t", group, metric, subject, Integer.toString(rep),
                String.format(Locale.ROOT, "%.6g", value), unit, higherIsBetter ? "higher" : "lower");
    }

    /** Whether this subject is jawait (as opposed to a peer). */
    public boolean isJawait() {
        return subject.startsWith("jawait");
    }
}
