package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RatioRangeTest {
    private static Measurement m(String subject, int rep, double v, boolean higher) {
        return new Measurement("g", "metric", subject, rep, v, "u", higher);
    }

    @Test
    void pairsTheSameRepetitionOfEachSide() {
        // Higher is better: per-rep ratios 100/50 = 2.0, 120/100 = 1.2, 90/90 = 1.0.
        RatioRange r = RatioRange.of(
                List.of(m("jawait", 1, 100, true), m("jawait", 2, 120, true), m("jawait", 3, 90, true)),
                List.of(m("peer", 3, 90, true), m("peer", 1, 50, true), m("peer", 2, 100, true)));
        assertEquals(1.0, r.min(), 1e-9);
        assertEquals(2.0, r.max(), 1e-9);
        assertEquals(3, r.pairs());
        assertTrue(r.paired() && r.isEstimate());
        assertEquals("1.00–2.00 (3 pairs)", r.format());
    }

    @Test
    void lowerIsBetterRatiosAreInvertedSoAboveOneStillMeansJawaitBetter() {
        // Times: 2 vs 4 -> 2.0; 5 vs 4 -> 0.8.
        RatioRange r = RatioRange.of(List.of(m("jawait", 1, 2, false), m("jawait", 2, 5, false)),
                List.of(m("peer", 1, 4, false), m("peer", 2, 4, false)));
        assertEquals(0.8, r.min(), 1e-9);
        assertEquals(2.0, r.max(), 1e-9);
    }

    @Test
    void severalRunsInOneRepetitionArePairedInRecordingOrder() {
        // The compile section records all its alternating runs as repetition 1.
        RatioRange r = RatioRange.of(
                List.of(m("jawait", 1, 8, false), m("jawait", 1, 9, false), m("jawait", 1, 10, false)),
                List.of(m("javac", 1, 2, false), m("javac", 1, 3, false), m("javac", 1, 2, false)));
        // 2/8 = 0.25, 3/9 = 0.333, 2/10 = 0.2: not the min/max combinations (2/10 .. 3/8).
        assertEquals(0.2, r.min(), 1e-9);
        assertEquals(1.0 / 3, r.max(), 1e-9);
        assertEquals(3, r.pairs());
    }

    @Test
    void withoutCommonRepetitionsItFallsBackToTheExtremeCombinations() {
        RatioRange r = RatioRange.of(List.of(m("jawait", 1, 100, true), m("jawait", 1, 120, true)),
                List.of(m("peer", 2, 50, true), m("peer", 3, 60, true)));
        assertFalse(r.paired());
        assertEquals(100.0 / 60, r.min(), 1e-9);  // jawait's worst over the peer's best
        assertEquals(120.0 / 50, r.max(), 1e-9);  // jawait's best over the peer's worst
        assertTrue(r.format().endsWith("(min/max)"), r.format());
    }

    @Test
    void onePairIsNoNoiseEstimateAndAMissingSideIsNoRange() {
        RatioRange one = RatioRange.of(List.of(m("jawait", 1, 3, true)), List.of(m("peer", 1, 2, true)));
        assertEquals(1, one.pairs());
        assertFalse(one.isEstimate());
        assertEquals("1.50 (1 pair)", one.format());
        assertNull(RatioRange.of(List.of(), List.of(m("peer", 1, 2, true))));
    }

    @Test
    void containsIncludesTheEnds() {
        RatioRange r = new RatioRange(0.9, 1.1, 3, true);
        assertTrue(r.contains(0.9) && r.contains(1.0) && r.contains(1.1));
        assertFalse(r.contains(0.89) || r.contains(1.11));
    }
}
