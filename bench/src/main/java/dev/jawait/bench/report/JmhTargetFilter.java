package dev.jawait.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JMH include pattern of {@code bench/run.sh quick}: exactly the benchmark methods that a
 * target row reads on one JDK, its subject and its peer. A row's group names the benchmark class
 * ({@code YieldBenchmark@jdk25}, with parameters {@code FailureTraceCostBenchmark[caught=read]@jdk25});
 * rows of other sections (HTTP, memory, compile) are not JMH benchmarks and are skipped.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.report.JmhTargetFilter bench/targets.tsv jdk25
 * # dev\.jawait\.bench\..*\.(AwaitReadyBenchmark\.jawaitPolled|YieldBenchmark\.virtualThreadYield|...)$
 * }</pre>
 */
public final class JmhTargetFilter {
    /** {@code Class}, optional {@code [params]}, {@code @jdkNN}. */
    private static final Pattern JMH_GROUP = Pattern.compile("([A-Za-z0-9_]+Benchmark)(\\[[^\\]]*\\])?@(jdk[0-9]+)");

    private JmhTargetFilter() {}

    /**
     * The include regex for the targets' JMH methods on {@code jdkTag} ({@code "jdk25"}), or
     * {@code null} when no target reads a JMH benchmark on that JDK.
     */
    public static String includeRegex(List<Target> targets, String jdkTag) {
        TreeSet<String> methods = new TreeSet<>();
        for (Target t : targets) {
            Matcher m = JMH_GROUP.matcher(t.group());
            if (!m.matches() || !m.group(3).equals(jdkTag)) {
                continue;
            }
            methods.add(m.group(1) + "\\." + t.subject());
            if (t.hasPeer()) {
                methods.add(m.group(1) + "\\." + t.peer());
            }
        }
        return methods.isEmpty() ? null : "dev\\.jawait\\.bench\\..*\\.(" + String.join("|", methods) + ")$";
    }

    /** {@code JmhTargetFilter targets.tsv jdkTag}: prints the regex; exit 1 when there is none. */
    public static void main(String[] args) throws IOException {
        String regex = includeRegex(ResultsTable.targets(Files.readAllLines(Path.of(args[0]))), args[1]);
        if (regex == null) {
            System.exit(1);
        }
        System.out.println(regex);
    }
}
