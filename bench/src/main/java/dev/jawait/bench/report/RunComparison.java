package dev.jawait.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Compares two runs' raw results target by target: is each jawait/peer ratio of the second run
 * (its median) inside the per-repetition range the first run reported ({@link RatioRange})? A
 * ratio outside it moved by more than the first run's noise; "ranges disjoint" says the second
 * run's own range does not even overlap the first's (a real change, not an unlucky repetition).
 * Value targets (no peer) are compared on their verdict only. Verdict changes (met ↔ missed)
 * are listed either way.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.RunComparison before.tsv after.tsv bench/targets.tsv
 * }</pre>
 * Exit status 1 when some ratio moved with disjoint ranges (a change, not noise: with three
 * repetitions and nothing changed, that happens to one row in ten, while a median merely outside
 * the other run's min–max happens to two in five), 0 otherwise.
 */
public final class RunComparison {
    /** How the second run's ratio relates to the first run's noise. */
    public enum Movement {
        WITHIN("within noise"),
        OUTSIDE_OVERLAPPING("**outside** (ranges overlap)"),
        OUTSIDE_DISJOINT("**outside** (ranges disjoint)"),
        NO_ESTIMATE("no noise estimate (one pair)"),
        NOT_COMPARED("—");

        private final String markdown;

        Movement(String markdown) {
            this.markdown = markdown;
        }

        /** How the table prints it. */
        public String markdown() {
            return markdown;
        }

        /** Whether the ratio moved outside the first run's noise. */
        public boolean moved() {
            return this == OUTSIDE_OVERLAPPING || this == OUTSIDE_DISJOINT;
        }
    }

    /** One target in both runs. */
    public record Row(TargetResult before, TargetResult after, Movement movement) {
        /** Whether the verdict differs between the runs (both measured). */
        public boolean verdictChanged() {
            return before.verdict() != after.verdict()
                    && before.verdict() != TargetResult.Verdict.NOT_MEASURED
                    && after.verdict() != TargetResult.Verdict.NOT_MEASURED;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /** Checks every target against both runs. */
    public RunComparison(ResultsTable before, ResultsTable after, List<Target> targets) {
        for (Target t : targets) {
            TargetResult b = before.evaluate(t);
            TargetResult a = after.evaluate(t);
            rows.add(new Row(b, a, movement(b, a)));
        }
    }

    /** Where the second run's ratio lies relative to the first run's per-repetition range. */
    static Movement movement(TargetResult before, TargetResult after) {
        if (!before.hasRatio() || !after.hasRatio() || before.noise() == null) {
            return Movement.NOT_COMPARED;
        }
        RatioRange noise = before.noise();
        if (!noise.isEstimate()) {
            return Movement.NO_ESTIMATE;
        }
        if (noise.contains(after.ratio())) {
            return Movement.WITHIN;
        }
        RatioRange other = after.noise();
        boolean disjoint = other != null && (other.max() < noise.min() || other.min() > noise.max());
        return disjoint ? Movement.OUTSIDE_DISJOINT : Movement.OUTSIDE_OVERLAPPING;
    }

    /** Every target, in the targets file's order. */
    public List<Row> rows() {
        return rows;
    }

    /** How many ratios moved outside the first run's noise. */
    public long moved() {
        return rows.stream().filter(r -> r.movement().moved()).count();
    }

    /** How many ratios moved with disjoint ranges: the two runs' repetitions do not overlap at all. */
    public long changed() {
        return rows.stream().filter(r -> r.movement() == Movement.OUTSIDE_DISJOINT).count();
    }

    /** The comparison as Markdown: one table row per target and a one-line summary. */
    public String markdown(String beforeName, String afterName) {
        StringBuilder md = new StringBuilder();
        md.append("Before: `").append(beforeName).append("`; after: `").append(afterName).append("`. ")
                .append("Ratios above 1: jawait better. \"Per-rep\" is the range over repetition pairs of that run.\n\n");
        md.append("| issue | what | before: ratio (per-rep) | after: ratio (per-rep) | change | vs before's noise | verdict |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        long compared = 0;
        long verdictChanges = 0;
        for (Row r : rows) {
            Target t = r.before().target();
            if (r.movement() != Movement.NOT_COMPARED && r.movement() != Movement.NO_ESTIMATE) {
                compared++;
            }
            if (r.verdictChanged()) {
                verdictChanges++;
            }
            String change = r.before().hasRatio() && r.after().hasRatio()
                    ? String.format(Locale.ROOT, "%+.0f%%", (r.after().ratio() / r.before().ratio() - 1) * 100) : "";
            String verdict = r.verdictChanged()
                    ? "**" + plain(r.before()) + " → " + plain(r.after()) + "**" : plain(r.after());
            md.append("| ").append(t.issue()).append(" | ").append(t.what()).append(" (`").append(t.group())
                    .append("` ").append(t.metric()).append(") | ").append(cell(r.before())).append(" | ")
                    .append(cell(r.after())).append(" | ").append(change).append(" | ")
                    .append(r.movement().markdown()).append(" | ").append(verdict).append(" |\n");
        }
        md.append('\n').append(moved()).append(" of ").append(compared)
                .append(" target ratios moved outside the first run's per-repetition range (")
                .append(changed()).append(" with disjoint ranges); ")
                .append(verdictChanges).append(" verdict(s) changed.\n");
        return md.toString();
    }

    private static String cell(TargetResult r) {
        if (r.verdict() == TargetResult.Verdict.NOT_MEASURED) {
            return "not measured";
        }
        if (!r.hasRatio()) {
            return r.ours().format() + " " + r.ours().unit();
        }
        return RatioRange.fmt(r.ratio()) + (r.noise() == null ? "" : " · " + r.noise().format());
    }

    private static String plain(TargetResult r) {
        return r.verdict().markdown().replace("*", "");
    }

    /** {@code RunComparison before.tsv after.tsv targets.tsv}: prints the comparison; exit 1 if a ratio changed. */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: RunComparison before-raw.tsv after-raw.tsv targets.tsv");
            System.exit(2);
        }
        RunComparison c = new RunComparison(ResultsTable.read(Path.of(args[0])), ResultsTable.read(Path.of(args[1])),
                ResultsTable.targets(Files.readAllLines(Path.of(args[2]))));
        System.out.print(c.markdown(Path.of(args[0]).getFileName().toString(), Path.of(args[1]).getFileName().toString()));
        System.exit(c.changed() == 0 ? 0 : 1);
    }
}
