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
 * <p>A target line (tab-separated) is {@code issue group metric subject peer condition what},
 * where condition is {@code speedup>=X} (jawait at least X times as good as {@code peer};
 * direction-aware) or {@code value<=X} / {@code value>=X} on jawait's median ({@code peer} is
 * {@code -}). A target whose numbers are missing is reported as not measured, never as met.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.ResultsTable raw.tsv bench/targets.tsv
 * }</pre>
 */
public final class ResultsTable {
    private final Map<String, Summary> summaries = new LinkedHashMap<>();

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

    /** The targets table for the given target lines (comments and blank lines skipped). */
    public String targetsMarkdown(List<String> targetLines) {
        StringBuilder md = new StringBuilder();
        md.append("| issue | what | jawait | peer | speedup (×) | target | met? |\n");
        md.append("|---|---|---|---|---|---|---|\n");
        for (String line : targetLines) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 7) {
                throw new IllegalArgumentException("target needs 7 tab-separated fields: " + line);
            }
            String issue = f[0], group = f[1], metric = f[2], subject = f[3], peer = f[4], cond = f[5], what = f[6];
            Summary ours = get(group, metric, subject);
            Summary theirs = peer.equals("-") ? null : get(group, metric, peer);
            String ratio = "";
            String met;
            if (ours == null || (!peer.equals("-") && theirs == null)) {
                met = "not measured";
            } else {
                double actual;
                if (cond.startsWith("speedup")) {
                    actual = ours.speedupOver(theirs);
                    ratio = String.format(Locale.ROOT, "%.2f", actual);
                } else if (cond.startsWith("value")) {
                    actual = ours.median();
                    if (theirs != null) {
                        ratio = String.format(Locale.ROOT, "%.2f", ours.speedupOver(theirs));
                    }
                } else {
                    throw new IllegalArgumentException("condition must start with speedup or value: " + cond);
                }
                met = satisfies(actual, cond) ? "**met**" : "**missed**";
            }
            md.append("| ").append(issue).append(" | ").append(what).append(" (`").append(group).append("` ")
                    .append(metric).append(") | ")
                    .append(ours == null ? "—" : ours.format() + " " + ours.unit()).append(" | ")
                    .append(theirs == null ? (peer.equals("-") ? "—" : peer + ": —") : peer + ": " + theirs.format())
                    .append(" | ").append(ratio).append(" | ").append(cond).append(" | ").append(met).append(" |\n");
        }
        return md.toString();
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

    /** {@code ResultsTable raw.tsv [targets.tsv]}: prints the Markdown tables. */
    public static void main(String[] args) throws IOException {
        List<Measurement> rows = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                rows.add(Measurement.parse(line));
            }
        }
        ResultsTable table = new ResultsTable(rows);
        if (args.length > 1) {
            System.out.println("#### Targets\n");
            System.out.println(table.targetsMarkdown(Files.readAllLines(Path.of(args[1]))));
        }
        System.out.println("#### Every measurement\n");
        System.out.println(table.measurementsMarkdown());
    }
}
