package dev.jawait.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {
    private static Measurement m(String subject, int rep, double v, boolean higher) {
        return new Measurement("g", "metric", subject, rep, v, "u", higher);
    }

    @Test
    void medianMinMaxOfOddAndEvenCounts() {
        Summary odd = Summary.of(List.of(5.0, 1.0, 3.0), "u", true);
        assertEquals(3.0, odd.median());
        assertEquals(1.0, odd.min());
        assertEquals(5.0, odd.max());
        assertEquals(2.5, Summary.of(List.of(4.0, 1.0, 2.0, 3.0), "u", true).median());
    }

    @Test
    void speedupFollowsTheBetterDirection() {
        Summary fastThroughput = Summary.of(List.of(200.0), "req/s", true);
        Summary slowThroughput = Summary.of(List.of(100.0), "req/s", true);
        assertEquals(2.0, fastThroughput.speedupOver(slowThroughput));
        Summary lowLatency = Summary.of(List.of(1.0), "ms", false);
        Summary highLatency = Summary.of(List.of(4.0), "ms", false);
        assertEquals(4.0, lowLatency.speedupOver(highLatency));
        assertEquals(0.25, highLatency.speedupOver(lowLatency));
    }

    @Test
    void targetsAreMetMissedOrNotMeasured() {
        ResultsTable t = new ResultsTable(List.of(
                m("jawait", 1, 90, true), m("jawait", 2, 110, true), m("jawait", 3, 100, true),
                m("peer", 1, 50, true), m("peer", 2, 50, true)));
        String md = t.targetsMarkdown(List.of(
                "# comment",
                "3\tg\tmetric\tjawait\tpeer\tspeedup>=1.5\tfaster than peer",
                "3\tg\tmetric\tjawait\tpeer\tspeedup>=2.5\tmuch faster than peer",
                "3\tg\tmetric\tjawait\t-\tvalue<=99\tat most 99",
                "3\tg\tmetric\tjawait\tabsent\tspeedup>=1\tvs a peer never measured"));
        String[] rows = md.split("\n");
        assertEquals(6, rows.length, md);
        assertTrue(rows[2].contains("2.00") && rows[2].endsWith("**met** |"), rows[2]);
        assertTrue(rows[3].endsWith("**missed** |"), rows[3]);
        assertTrue(rows[4].contains("100") && rows[4].endsWith("**missed** |"), rows[4]);
        assertTrue(rows[5].endsWith("not measured |"), rows[5]);
    }

    @Test
    void targetRowsCarryThePerRepetitionRatioRange() {
        // Per-rep ratios 90/50 = 1.8, 110/50 = 2.2; rep 3 of jawait has no peer pair.
        ResultsTable t = new ResultsTable(List.of(
                m("jawait", 1, 90, true), m("jawait", 2, 110, true), m("jawait", 3, 100, true),
                m("peer", 1, 50, true), m("peer", 2, 50, true)));
        TargetResult r = t.evaluate(Target.parse("3\tg\tmetric\tjawait\tpeer\tspeedup>=1.5\tfaster"));
        assertEquals(2.0, r.ratio(), 1e-9);
        assertEquals(1.8, r.noise().min(), 1e-9);
        assertEquals(2.2, r.noise().max(), 1e-9);
        assertEquals(2, r.noise().pairs());
        String md = t.targetsMarkdown(List.of("3\tg\tmetric\tjawait\tpeer\tspeedup>=1.5\tfaster"));
        assertTrue(md.contains("| 2.00 | 1.80–2.20 (2 pairs) | speedup>=1.5 | **met** |"), md);
    }

    @Test
    void speedupAtMostConditionsBoundTheRatioFromAbove() {
        // An estimate of an overhead: the "peer" is jawait with extra work, so the ratio is >= 1.
        ResultsTable t = new ResultsTable(List.of(m("jawait", 1, 100, false), m("withExtraWork", 1, 105, false)));
        assertEquals(TargetResult.Verdict.MET,
                t.evaluate(Target.parse("9\tg\tmetric\tjawait\twithExtraWork\tspeedup<=1.1\tcheap")).verdict());
        assertEquals(TargetResult.Verdict.MISSED,
                t.evaluate(Target.parse("9\tg\tmetric\tjawait\twithExtraWork\tspeedup<=1.01\tcheaper")).verdict());
    }

    @Test
    void everyMeasurementTableGivesJawaitRowsTheirRatios() {
        ResultsTable t = new ResultsTable(List.of(m("jawaitA", 1, 2, false), m("peer", 1, 4, false)));
        String md = t.measurementsMarkdown();
        assertTrue(md.contains("| g | metric | jawaitA | 2.00 | u | 1 | 2.00 vs peer |"), md);
        assertTrue(md.contains("| g | metric | peer | 4.00 | u | 1 |  |"), md);
    }

    @Test
    void measurementLinesRoundTrip() {
        Measurement original = new Measurement("http-plain", "requests/s", "jawait", 2, 81234.5, "req/s", true);
        Measurement back = Measurement.parse(original.toLine());
        assertEquals(original.group(), back.group());
        assertEquals(original.value(), back.value(), 0.01);
        assertTrue(back.isJawait() && back.higherIsBetter());
    }
}
