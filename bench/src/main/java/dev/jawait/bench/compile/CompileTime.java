package dev.jawait.bench.compile;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Times {@code javac} on generated sources of {@code --methods} {@code @Async} methods, with the
 * jawait processor and without any ({@code -proc:none}), alternating the two, {@code --runs}
 * times each, in fresh javac processes (what a build does). Records wall time and the javac
 * process's CPU time (less disturbed by a busy machine). Prints the median and min–max of each
 * and {@code RESULT} lines for {@code run.sh}.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.compile.CompileTime \
 *      --processor-path processor.jar:javapoet.jar --runtime-cp runtime.jar --runs 5
 * }</pre>
 */
public final class CompileTime {
    private CompileTime() {}

    public static void main(String[] args) throws Exception {
        String processorPath = null;
        String runtimeCp = null;
        int runs = 5;
        int methods = 1000;
        String javac = Path.of(System.getProperty("java.home"), "bin", "javac").toString();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--processor-path" -> processorPath = args[++i];
                case "--runtime-cp" -> runtimeCp = args[++i];
                case "--runs" -> runs = Integer.parseInt(args[++i]);
                case "--methods" -> methods = Integer.parseInt(args[++i]);
                case "--javac" -> javac = args[++i];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (processorPath == null || runtimeCp == null) {
            throw new IllegalArgumentException("--processor-path and --runtime-cp are required");
        }
        Path work = Files.createTempDirectory("jawait-compile-time");
        try {
            List<Path> sources = AsyncSourceGenerator.write(work.resolve("src"), methods, 50);
            List<double[]> with = new ArrayList<>();
            List<double[]> without = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                without.add(timeJavac(javac, work, sources, runtimeCp, null, "plain" + r));
                with.add(timeJavac(javac, work, sources, runtimeCp, processorPath, "proc" + r));
            }
            checkCompanionsGenerated(work.resolve("out-proc0"), sources.size());
            report("javac -proc:none", without, methods, "javac");
            report("javac + jawait processor", with, methods, "jawait-processor");
        } finally {
            deleteTree(work);
        }
    }

    /** Runs javac once; returns {wall seconds, CPU seconds of the javac process}. */
    private static double[] timeJavac(String javac, Path work, List<Path> sources, String cp,
                                      String processorPath, String tag) throws IOException, InterruptedException {
        Path out = Files.createDirectories(work.resolve("out-" + tag));
        List<String> cmd = new ArrayList<>(List.of(javac, "-d", out.toString(), "-cp", cp, "-nowarn"));
        if (processorPath == null) {
            cmd.add("-proc:none");
        } else {
            cmd.addAll(List.of("-processorpath", processorPath));
        }
        sources.forEach(s -> cmd.add(s.toString()));
        Path log = work.resolve("javac-" + tag + ".log");
        double cpuBefore = reapedChildrenCpuSeconds();
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("javac took over 10 minutes");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = reapedChildrenCpuSeconds() - cpuBefore;
        if (p.exitValue() != 0) {
            String text = Files.readString(log);
            throw new IllegalStateException("javac (" + tag + ") failed with exit " + p.exitValue() + ":\n"
                    + text.substring(0, Math.min(4000, text.length())));
        }
        return new double[] {seconds, cpu};
    }

    /**
     * User + system CPU time of this process's children that have been waited for (Linux
     * {@code /proc/self/stat} cutime + cstime, in 1/100 s): the javac runs, unaffected by how
     * busy the machine's other cores are.
     */
    private static double reapedChildrenCpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        return (Long.parseLong(f[13]) + Long.parseLong(f[14])) / 100.0; // fields 16 and 17
    }

    private static void checkCompanionsGenerated(Path out, int classes) {
        for (int c = 0; c < classes; c++) {
            Path companion = out.resolve(AsyncSourceGenerator.PACKAGE).resolve("Service" + c + "Async.class");
            if (!Files.exists(companion)) {
                throw new IllegalStateException("processor did not generate " + companion
                        + ": is the processor path right?");
            }
        }
    }

    private static void report(String label, List<double[]> runs, int methods, String subject) {
        String[] metrics = {"javac time", "javac CPU time"};
        for (int k = 0; k < 2; k++) {
            List<Double> sorted = new ArrayList<>();
            for (double[] r : runs) {
                sorted.add(r[k]);
            }
            sorted.sort(Comparator.naturalOrder());
            System.out.printf(Locale.ROOT, "%-26s %-15s median %.2f s (%.2f–%.2f) over %d runs, %d methods%n",
                    label, metrics[k], sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1),
                    runs.size(), methods);
            for (double[] r : runs) {
                System.out.printf(Locale.ROOT, "RESULT\tcompile-%d-async-methods\t%s\t%s\t%.4f\ts\tlower%n",
                        methods, metrics[k], subject, r[k]);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
