package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunComparisonTest {
    private static final List<Target> TARGETS = ResultsTable.targets(List.of(
            "# a comment",
            "3\tg\ttime\tjawait\tpeer\tspeedup>=1\tat least the peer",
            "4\tg\talloc\tjawait\t-\tvalue<=1\tallocation-free"));

    /** A run where jawait took {@code jawaitTimes[i]} and the peer {@code peerTimes[i]} in repetition i+1. */
    private static ResultsTable run(double[] jawaitTimes, double[] peerTimes, double alloc) {
        List<Measurement> rows = new ArrayList<>();
        for (int i = 0; i < jawaitTimes.length; i++) {
            rows.add(new Measurement("g", "time", "jawait", i + 1, jawaitTimes[i], "ns/op", false));
            rows.add(new Measurement("g", "time", "peer", i + 1, peerTimes[i], "ns/op", false));
            rows.add(new Measurement("g", "alloc", "jawait", i + 1, alloc, "B/op", false));
        }
        return new ResultsTable(rows);
    }

    // Per-rep ratios of the baseline: 100/90, 100/100, 100/110 -> 0.909..1.111, median ratio 1.0.
    private static final ResultsTable BASELINE =
            run(new double[] {90, 100, 110}, new double[] {100, 100, 100}, 0.05);

    @Test
    void aRatioInsideTheFirstRunsPerRepetitionRangeIsWithinNoise() {
        RunComparison c = new RunComparison(BASELINE,
                run(new double[] {95, 97, 105}, new double[] {100, 100, 100}, 0.06), TARGETS);
        RunComparison.Row ratioRow = c.rows().get(0);
        assertEquals(RunComparison.Movement.WITHIN, ratioRow.movement());
        assertEquals(0, c.moved());
        assertFalse(ratioRow.verdictChanged());
        assertEquals(RunComparison.Movement.NOT_COMPARED, c.rows().get(1).movement());
    }

    @Test
    void aRatioOutsideIsFlaggedAndDisjointRangesAreSaidSo() {
        // jawait twice as slow: ratios 0.5 everywhere, far below 0.909.
        RunComparison slower = new RunComparison(BASELINE,
                run(new double[] {200, 200, 200}, new double[] {100, 100, 100}, 0.05), TARGETS);
        assertEquals(RunComparison.Movement.OUTSIDE_DISJOINT, slower.rows().get(0).movement());
        assertEquals(1, slower.moved());
        assertEquals(1, slower.changed());
        assertTrue(slower.rows().get(0).verdictChanged(), "met (1.0) -> missed (0.5)");
        String md = slower.markdown("before.tsv", "after.tsv");
        assertTrue(md.contains("**outside** (ranges disjoint)"), md);
        assertTrue(md.contains("**met → missed**"), md);
        assertTrue(md.contains("1 of 1 target ratios moved outside the first run's per-repetition range (1 with disjoint"), md);

        // Median ratio 100/80 = 1.25 is outside 0.909..1.111, but this run's own range reaches 1.0.
        RunComparison noisy = new RunComparison(BASELINE,
                run(new double[] {80, 80, 100}, new double[] {100, 100, 100}, 0.05), TARGETS);
        assertEquals(RunComparison.Movement.OUTSIDE_OVERLAPPING, noisy.rows().get(0).movement());
        assertEquals(1, noisy.moved());
        assertEquals(0, noisy.changed(), "overlapping ranges: flagged, but not a change");
    }

    @Test
    void valueTargetsReportVerdictChangesAndMissingRunsAreNotCompared() {
        RunComparison c = new RunComparison(BASELINE,
                run(new double[] {100, 100, 100}, new double[] {100, 100, 100}, 24.0), TARGETS);
        RunComparison.Row alloc = c.rows().get(1);
        assertTrue(alloc.verdictChanged());
        assertEquals(TargetResult.Verdict.MISSED, alloc.after().verdict());

        RunComparison empty = new RunComparison(BASELINE, new ResultsTable(List.of()), TARGETS);
        assertEquals(RunComparison.Movement.NOT_COMPARED, empty.rows().get(0).movement());
        assertFalse(empty.rows().get(0).verdictChanged(), "not measured is no verdict change");
        assertTrue(empty.markdown("a", "b").contains("not measured"));
        assertEquals(0, empty.moved());
    }

    @Test
    void aSingleRepetitionGivesNoNoiseEstimate() {
        ResultsTable once = run(new double[] {100}, new double[] {100}, 0.05);
        RunComparison c = new RunComparison(once, run(new double[] {150}, new double[] {100}, 0.05), TARGETS);
        assertEquals(RunComparison.Movement.NO_ESTIMATE, c.rows().get(0).movement());
        assertEquals(0, c.moved());
    }
}
