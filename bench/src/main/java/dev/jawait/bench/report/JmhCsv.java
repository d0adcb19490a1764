package dev.jawait.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a JMH {@code -rf csv} result file into {@link Measurement}s: the group is the benchmark
 * class plus its parameters and a JDK tag, the subject is the benchmark method, the metric is the
 * primary score ({@code time}) or the {@code -prof gc} normalised allocation ({@code alloc}).
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.JmhCsv jmh.csv 1 jdk25 >> raw.tsv
 * }</pre>
 */
public final class JmhCsv {
    private JmhCsv() {}

    /** Reads the CSV lines of one JMH run (repetition {@code rep}) taken on JDK {@code jdkTag}. */
    public static List<Measurement> convert(List<String> csvLines, int rep, String jdkTag) {
        List<Measurement> out = new ArrayList<>();
        if (csvLines.isEmpty()) {
            return out;
        }
        List<String> header = splitCsv(csvLines.get(0));
        int mode = header.indexOf("Mode");
        int score = header.indexOf("Score");
        int unit = header.indexOf("Unit");
        for (String line : csvLines.subList(1, csvLines.size())) {
            if (line.isBlank()) {
                continue;
            }
            List<String> f = splitCsv(line);
            String name = f.get(0);
            String secondary = null;
            int colon = name.indexOf(':');
            if (colon < 0) {
                colon = name.indexOf('\u00b7');
            }
            if (colon >= 0) {
                secondary = name.substring(colon + 1).replace("\u00b7", "");
                name = name.substring(0, colon);
            }
            if (secondary != null && !secondary.equals("gc.alloc.rate.norm")) {
                continue;
            }
            int dot = name.lastIndexOf('.');
            String method = name.substring(dot + 1);
            String cls = name.substring(name.lastIndexOf('.', dot - 1) + 1, dot);
            StringBuilder params = new StringBuilder();
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).startsWith("Param: ") && i < f.size() && !f.get(i).isEmpty()) {
                    params.append(params.length() == 0 ? "[" : ",")
                            .append(header.get(i).substring(7)).append('=').append(f.get(i));
                }
            }
            if (params.length() > 0) {
                params.append(']');
            }
            double value = Double.parseDouble(f.get(score));
            if (Double.isNaN(value)) {
                continue;
            }
            // Direction from the mode, not the unit (ops/us is a throughput too); allocation: lower is better.
            boolean throughput = secondary == null && f.get(mode).equals("thrpt");
            String metric = secondary == null ? (throughput ? "throughput" : "time") : "alloc";
            out.add(new Measurement(cls + params + "@" + jdkTag, metric, method, rep, value, f.get(unit), throughput));
        }
        return out;
    }

    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        fields.add(cur.toString());
        return fields;
    }

    /** {@code JmhCsv <csv> <rep> <jdkTag> [rawFileToAppendTo]}: prints or appends raw rows. */
    public static void main(String[] args) throws IOException {
        List<Measurement> rows = convert(Files.readAllLines(Path.of(args[0])), Integer.parseInt(args[1]), args[2]);
        List<String> lines = new ArrayList<>();
        rows.forEach(m -> lines.add(m.toLine()));
        if (args.length > 3) {
            try {
                Files.write(Path.of(args[3]), lines, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            lines.forEach(System.out::println);
        }
    }
}
