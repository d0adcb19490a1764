package dev.jawait.bench.report;

/**
 * One line of {@code bench/targets.tsv}: {@code issue group metric subject peer condition what},
 * tab-separated. The condition is {@code speedup>=X} / {@code speedup<=X} on the ratio of
 * jawait's median to the peer's (above 1: jawait better, direction-aware) or {@code value<=X} /
 * {@code value>=X} on jawait's median ({@code peer} is {@code -}).
 *
 * <pre>{@code
 * Target t = Target.parse("5\thttp-plain\trequests/s\tjawait\tnetty\tspeedup>=1\tat least Netty");
 * boolean met = t.satisfies(1.07);
 * }</pre>
 */
public record Target(String issue, String group, String metric, String subject, String peer,
                     String condition, String what) {

    /** Parses one target line (not a comment or blank line). */
    public static Target parse(String line) {
        String[] f = line.split("\t");
        if (f.length != 7) {
            throw new IllegalArgumentException("target needs 7 tab-separated fields: " + line);
        }
        if (!f[5].startsWith("speedup") && !f[5].startsWith("value")) {
            throw new IllegalArgumentException("condition must start with speedup or value: " + f[5]);
        }
        return new Target(f[0], f[1], f[2], f[3], f[4], f[5], f[6]);
    }

    /** Whether a line of the targets file is a target (not blank, not a {@code #} comment). */
    public static boolean isTargetLine(String line) {
        return !line.isBlank() && !line.startsWith("#");
    }

    /** Whether this target compares against a peer ({@code peer} is not {@code -}). */
    public boolean hasPeer() {
        return !peer.equals("-");
    }

    /** Whether the condition is on the jawait/peer ratio (else on jawait's own value). */
    public boolean onRatio() {
        return condition.startsWith("speedup");
    }

    /** Whether {@code actual} (the ratio or the value, as the condition says) meets the condition. */
    public boolean satisfies(double actual) {
        return satisfies(actual, condition);
    }

    static boolean satisfies(double actual, String condition) {
        String c = condition.replaceFirst("^(speedup|value)", "").trim();
        if (c.startsWith(">=")) {
            return actual >= Double.parseDouble(c.substring(2).trim());
        }
        if (c.startsWith("<=")) {
            return actual <= Double.parseDouble(c.substring(2).trim());
        }
        throw new IllegalArgumentException("condition must use >= or <=: " + condition);
    }
}
