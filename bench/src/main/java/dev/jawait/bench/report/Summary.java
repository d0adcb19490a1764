package dev.jawait.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The repetitions of one measurement reduced to median, min and max.
 *
 * <pre>{@code
 * Summary s = Summary.of(List.of(3.0, 1.0, 2.0), "ms", false);   // median 2.0 (1.0–3.0)
 * }</pre>
 */
public record Summary(double median, double min, double max, int count, String unit, boolean higherIsBetter) {

    /** Summarises {@code values} (at least one). The median of an even count is the mean of the middle two. */
    public static Summary of(List<Double> values, String unit, boolean higherIsBetter) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no values");
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return new Summary(median, sorted.get(0), sorted.get(n - 1), n, unit, higherIsBetter);
    }

    /**
     * How many times better {@code this} (jawait) is than {@code peer}, by medians: above 1 means
     * jawait is better, whichever direction is better for the metric.
     */
    public double speedupOver(Summary peer) {
        return higherIsBetter ? median / peer.median : peer.median / median;
    }

    /** {@code median (min–max)} with sensible precision. */
    public String format() {
        return count == 1 ? num(median) : num(median) + " (" + num(min) + "–" + num(max) + ")";
    }

    static String num(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
