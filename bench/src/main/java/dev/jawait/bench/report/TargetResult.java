package dev.jawait.bench.report;

/**
 * A {@link Target} checked against one run: jawait's and the peer's summaries, the ratio of
 * their medians, the per-repetition {@link RatioRange} (the run's noise on that ratio) and the
 * verdict. A target whose numbers are missing is not measured, never met.
 *
 * <pre>{@code
 * TargetResult r = table.evaluate(Target.parse(line));
 * if (r.verdict() == TargetResult.Verdict.MISSED) { ... }
 * }</pre>
 *
 * @param target the target
 * @param ours   jawait's summary, or null when not measured
 * @param theirs the peer's summary, or null (no peer, or not measured)
 * @param ratio  median ratio (above 1: jawait better), NaN without both sides
 * @param noise  per-repetition ratio range, or null without both sides
 * @param verdict met, missed or not measured
 */
public record TargetResult(Target target, Summary ours, Summary theirs, double ratio, RatioRange noise,
                           Verdict verdict) {

    /** Outcome of one target in one run. */
    public enum Verdict {
        MET("**met**"), MISSED("**missed**"), NOT_MEASURED("not measured");

        private final String markdown;

        Verdict(String markdown) {
            this.markdown = markdown;
        }

        /** How the tables print it. */
        public String markdown() {
            return markdown;
        }
    }

    /** Whether a ratio could be computed (both sides measured). */
    public boolean hasRatio() {
        return !Double.isNaN(ratio);
    }
}
