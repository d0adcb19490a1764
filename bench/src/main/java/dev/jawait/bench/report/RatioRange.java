package dev.jawait.bench.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The noise of a jawait-vs-peer ratio: the lowest and highest ratio over the repetitions of one
 * run. Measurements are paired by repetition and, within a repetition, by order of recording:
 * the i-th jawait figure of repetition r with the i-th peer figure of repetition r, which were
 * taken minutes (or, for alternating runs, seconds) apart on the same machine state. When no
 * pair exists (the two sides were measured in different repetitions), the range falls back to
 * the extreme combinations, jawait's worst over the peer's best and jawait's best over the
 * peer's worst ({@link #paired()} is then false).
 *
 * <pre>{@code
 * RatioRange r = RatioRange.of(jawaitRows, peerRows);   // e.g. 0.88–1.07 over 3 pairs
 * boolean moved = !r.contains(ratioOfAnotherRun);
 * }</pre>
 *
 * @param min    lowest ratio (above 1: jawait better, whichever direction the metric has)
 * @param max    highest ratio
 * @param pairs  how many repetition pairs the range comes from (0 for the min/max fallback)
 * @param paired whether the range comes from pairs (true) or from the min/max combinations
 */
public record RatioRange(double min, double max, int pairs, boolean paired) {

    /**
     * The per-repetition ratio range of {@code ours} (jawait) over {@code theirs} (the peer), or
     * null when either side has no measurement. The direction comes from {@code ours}' first row.
     */
    public static RatioRange of(List<Measurement> ours, List<Measurement> theirs) {
        if (ours.isEmpty() || theirs.isEmpty()) {
            return null;
        }
        boolean higher = ours.get(0).higherIsBetter();
        Map<String, Double> peerByPosition = byPosition(theirs);
        List<Double> ratios = new ArrayList<>();
        byPosition(ours).forEach((position, value) -> {
            Double peer = peerByPosition.get(position);
            if (peer != null) {
                ratios.add(ratio(value, peer, higher));
            }
        });
        if (!ratios.isEmpty()) {
            return new RatioRange(ratios.stream().mapToDouble(d -> d).min().orElseThrow(),
                    ratios.stream().mapToDouble(d -> d).max().orElseThrow(), ratios.size(), true);
        }
        Summary o = Summary.of(values(ours), "", higher);
        Summary t = Summary.of(values(theirs), "", higher);
        double worst = higher ? ratio(o.min(), t.max(), true) : ratio(o.max(), t.min(), false);
        double best = higher ? ratio(o.max(), t.min(), true) : ratio(o.min(), t.max(), false);
        return new RatioRange(worst, best, 0, false);
    }

    /** Above 1 when jawait is better. */
    static double ratio(double ours, double theirs, boolean higherIsBetter) {
        return higherIsBetter ? ours / theirs : theirs / ours;
    }

    /** Keys "rep#occurrence" in recording order. */
    private static Map<String, Double> byPosition(List<Measurement> rows) {
        Map<Integer, Integer> seen = new LinkedHashMap<>();
        Map<String, Double> out = new LinkedHashMap<>();
        for (Measurement m : rows) {
            int occurrence = seen.merge(m.rep(), 1, Integer::sum);
            out.put(m.rep() + "#" + occurrence, m.value());
        }
        return out;
    }

    private static List<Double> values(List<Measurement> rows) {
        List<Double> v = new ArrayList<>();
        rows.forEach(m -> v.add(m.value()));
        return v;
    }

    /** Whether {@code ratio} lies within this range (ends included). */
    public boolean contains(double ratio) {
        return ratio >= min && ratio <= max;
    }

    /** Whether the range says something about noise: at least two pairs, or the min/max fallback. */
    public boolean isEstimate() {
        return !paired || pairs >= 2;
    }

    /** {@code 0.88–1.07 (3 pairs)}, {@code 1.02 (1 pair)} or {@code 0.80–1.10 (min/max)}. */
    public String format() {
        String range = pairs == 1 ? fmt(min) : fmt(min) + "–" + fmt(max);
        return range + (paired ? " (" + pairs + (pairs == 1 ? " pair)" : " pairs)") : " (min/max)");
    }

    static String fmt(double ratio) {
        return String.format(Locale.ROOT, "%.2f", ratio);
    }
}
