package dev.jawait.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every target across the newest runs, in one table: a row per target, a column per raw results
 * file (oldest on the left), each cell the run's ratio (or value) and whether it met the target.
 * A regression shows as a ratio that drops along its row; the full figures of each run stay in its
 * raw file.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.History bench/targets.tsv 8 bench/results/raw-*.tsv
 * }</pre>
 */
public final class History {
    private static final Pattern STAMP = Pattern.compile("raw-(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})\\d{2}Z\\.tsv");

    private final List<Target> targets;
    private final List<String> labels = new ArrayList<>();
    private final List<ResultsTable> runs = new ArrayList<>();

    /** The history of {@code targets} over {@code rawFiles}, ordered by their time stamps. */
    public History(List<Target> targets, List<Path> rawFiles) throws IOException {
        this.targets = targets;
        List<Path> ordered = new ArrayList<>(rawFiles);
        ordered.sort(Comparator.comparing(p -> p.getFileName().toString()));
        for (Path raw : ordered) {
            labels.add(label(raw.getFileName().toString()));
            runs.add(ResultsTable.read(raw));
        }
    }

    /** {@code raw-20261123T133514Z.tsv} → {@code 2026-11-23 13:35}; other names as they are. */
    static String label(String fileName) {
        Matcher m = STAMP.matcher(fileName);
        return m.matches() ? m.group(1) + "-" + m.group(2) + "-" + m.group(3) + " " + m.group(4) + ":" + m.group(5)
                : fileName;
    }

    /** The Markdown table. */
    public String markdown() {
        StringBuilder md = new StringBuilder("| issue | target |");
        labels.forEach(l -> md.append(' ').append(l).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(labels.size())).append('\n');
        for (Target t : targets) {
            md.append("| ").append(t.issue()).append(" | ").append(t.what()).append(" (").append(t.condition()).append(") |");
            for (ResultsTable run : runs) {
                md.append(' ').append(cell(run.evaluate(t))).append(" |");
            }
            md.append('\n');
        }
        return md.toString();
    }

    private static String cell(TargetResult r) {
        switch (r.verdict()) {
            case NOT_MEASURED:
                return "—";
            default:
                String figure = r.hasRatio() ? RatioRange.fmt(r.ratio()) + "×"
                        : Summary.num(r.ours().median()) + " " + r.ours().unit();
                return figure + (r.verdict() == TargetResult.Verdict.MET ? " ✓" : " ✗");
        }
    }

    /** {@code History targets.tsv maxRuns raw.tsv...}: prints the table of the newest {@code maxRuns} runs. */
    public static void main(String[] args) throws IOException {
        List<Target> targets = ResultsTable.targets(Files.readAllLines(Path.of(args[0])));
        int maxRuns = Integer.parseInt(args[1]);
        List<Path> raws = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            raws.add(Path.of(args[i]));
        }
        raws.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<Path> newest = raws.subList(Math.max(0, raws.size() - maxRuns), raws.size());
        System.out.print(new History(targets, newest).markdown());
    }
}
