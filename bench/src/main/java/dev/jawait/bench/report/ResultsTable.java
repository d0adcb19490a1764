package dev.jawait.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reduces the raw results of a bench run (every repetition of every measurement) to Markdown:
 * a targets table (jawait figure, peer figure, ratio, target, met?) and a table of everything
 * measured with median (min–max) and the ratio of each jawait subject to each peer.
 *
 * <p>Targets are the lines of {@code bench/targets.tsv} ({@link Target}); each is reported with
 * the ratio of medians and its per-repetition range ({@link RatioRange}), the noise a re-run
 * is judged against ({@link RunComparison}). A target whose numbers are missing is reported as
 * not measured, never as met.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.ResultsTable raw.tsv bench/targets.tsv
 * }</pre>
 */
public final class ResultsTable {
    private final Map<String, Summary> summaries = new LinkedHashMap<>();
    private final Map<String, List<Measurement>> raw = new LinkedHashMap<>();

    /** Key of one summarised measurement. */
    static String key(String group, String metric, String subject) {
        return group + "|" + metric + "|" + subject;
    }

    /** Groups the rows by (group, metric, subject) in first-seen order and summarises each. */
    public ResultsTable(List<Measurement> rows) {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, Measurement> first = new LinkedHashMap<>();
        for (Measurement m : rows) {
            String k = key(m.group(), m.metric(), m.subject());
            values.computeIfAbsent(k, x -> new ArrayList<>()).add(m.value());
            raw.computeIfAbsent(k, x -> new ArrayList<>()).add(m);
            first.putIfAbsent(k, m);
        }
        values.forEach((k, v) -> summaries.put(k, Summary.of(v, first.get(k).unit(), first.get(k).higherIsBetter())));
    }

    /** The summary of one measurement, or null when it was not measured. */
    public Summary get(String group, String metric, String subject) {
        return summaries.get(key(group, metric, subject));
    }

    /** The table of every measurement, grouped, jawait rows carrying their ratio to each peer. */
    public String measurementsMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("| comparison | metric | subject | median (min–max) | unit | n | speedup of jawait (×, >1 = jawait better) |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        Map<String, List<String>> byGroupMetric = new LinkedHashMap<>();
        for (String k : summaries.keySet()) {
            String[] p = k.split("\\|", 3);
            byGroupMetric.computeIfAbsent(p[0] + "|" + p[1], x -> new ArrayList<>()).add(p[2]);
        }
        byGroupMetric.forEach((gm, subjects) -> {
            String[] p = gm.split("\\|", 2);
            for (String subject : subjects) {
                Summary s = get(p[0], p[1], subject);
                StringBuilder ratios = new StringBuilder();
                if (subject.startsWith("jawait")) {
                    for (String peer : subjects) {
                        if (!peer.startsWith("jawait")) {
                            ratios.append(ratios.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT,
                                    "%.2f vs %s", s.speedupOver(get(p[0], p[1], peer)), peer));
                        }
                    }
                }
                md.append("| ").append(p[0]).append(" | ").append(p[1]).append(" | ").append(subject)
                        .append(" | ").append(s.format()).append(" | ").append(s.unit()).append(" | ")
                        .append(s.count()).append(" | ").append(ratios).append(" |\n");
            }
        });
        return md.toString();
    }

    /** Checks one target against this run. */
    public TargetResult evaluate(Target t) {
        Summary ours = get(t.group(), t.metric(), t.subject());
        Summary theirs = t.hasPeer() ? get(t.group(), t.metric(), t.peer()) : null;
        if (ours == null || (t.hasPeer() && theirs == null)) {
            return new TargetResult(t, ours, theirs, Double.NaN, null, TargetResult.Verdict.NOT_MEASURED);
        }
        double ratio = theirs == null ? Double.NaN : ours.speedupOver(theirs);
        RatioRange noise = theirs == null ? null
                : RatioRange.of(rows(t.group(), t.metric(), t.subject()), rows(t.group(), t.metric(), t.peer()));
        if (t.onRatio() && theirs == null) {
            throw new IllegalArgumentException("a speedup condition needs a peer: " + t);
        }
        boolean met = t.satisfies(t.onRatio() ? ratio : ours.median());
        return new TargetResult(t, ours, theirs, ratio, noise, met ? TargetResult.Verdict.MET : TargetResult.Verdict.MISSED);
    }

    /** The raw rows of one measurement in recording order (empty when not measured). */
    public List<Measurement> rows(String group, String metric, String subject) {
        return raw.getOrDefault(key(group, metric, subject), List.of());
    }

    /** The targets of the given lines (comments and blank lines skipped). */
    public static List<Target> targets(List<String> targetLines) {
        List<Target> out = new ArrayList<>();
        for (String line : targetLines) {
            if (Target.isTargetLine(line)) {
                out.add(Target.parse(line));
            }
        }
        return out;
    }

    /**
     * The targets table for the given target lines (comments and blank lines skipped), with the
     * per-repetition range of each ratio next to the ratio of medians.
     */
    public String targetsMarkdown(List<String> targetLines) {
        StringBuilder md = new StringBuilder();
        md.append("| issue | what | jawait | peer | speedup (×) | per-rep ratio (min–max) | target | met? |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (Target t : targets(targetLines)) {
            TargetResult r = evaluate(t);
            md.append("| ").append(t.issue()).append(" | ").append(t.what()).append(" (`").append(t.group()).append("` ")
                    .append(t.metric()).append(") | ")
                    .append(r.ours() == null ? "—" : r.ours().format() + " " + r.ours().unit()).append(" | ")
                    .append(r.theirs() == null ? (t.hasPeer() ? t.peer() + ": —" : "—") : t.peer() + ": " + r.theirs().format())
                    .append(" | ").append(r.hasRatio() ? RatioRange.fmt(r.ratio()) : "")
                    .append(" | ").append(r.noise() == null ? "" : r.noise().format())
                    .append(" | ").append(t.condition()).append(" | ").append(r.verdict().markdown()).append(" |\n");
        }
        return md.toString();
    }

    static boolean satisfies(double actual, String condition) {
        return Target.satisfies(actual, condition);
    }

    /** Reads a raw results file (one {@link Measurement} a line; blank and {@code #} lines skipped). */
    public static ResultsTable read(Path rawTsv) throws IOException {
        return parse(Files.readAllLines(rawTsv));
    }

    /** Parses the lines of a raw results file. */
    public static ResultsTable parse(List<String> rawLines) {
        List<Measurement> rows = new ArrayList<>();
        for (String line : rawLines) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(Measurement.parse(line));
            }
        }
        return new ResultsTable(rows);
    }

    /** {@code ResultsTable raw.tsv [targets.tsv]}: prints the Markdown tables. */
    public static void main(String[] args) throws IOException {
        ResultsTable table = read(Path.of(args[0]));
        if (args.length > 1) {
            System.out.println("#### Targets\n");
            System.out.println(table.targetsMarkdown(Files.readAllLines(Path.of(args[1]))));
        }
        System.out.println("#### Every measurement\n");
        System.out.println(table.measurementsMarkdown());
    }
}
