package dev.jawait.processor.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Generator-driven differential test of the compiler (docs/ARCHITECTURE.md, "Same meaning as the
 * blocking method"): {@link ProgramGenerator} writes random valid templates over longs, doubles,
 * chars, strings, boxed values with nulls, arrays, lists, records, private and public fields,
 * companion calls, compound assignments and increments on every kind of target, string
 * concatenation, switches on strings and enums, nested try/catch/finally with jumps through
 * finally, try-with-resources with failing {@code close()} and failing futures; each is compiled
 * through the processor ({@link Batch}: many per javac run) and {@link DifferentialRunner}
 * compares the companion with the template run directly.
 *
 * <p>Fixed seed by default; new seeds and sizes from the command line:
 * <pre>{@code
 * mvn -o -pl processor -am verify -Dtest='dev.jawait.processor.fuzz.DifferentialFuzzTest' \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Djawait.fuzz.seed=7 -Djawait.fuzz.count=5000
 * }</pre>
 * {@code -Djawait.fuzz.shapes=all} also generates the shapes excluded as known bugs ({@link Shape}).
 * A failure names the seed and prints each failing program cut down by {@link Shrinker}.
 */
class DifferentialFuzzTest {
    static final long DEFAULT_SEED = 20261207L;
    static final int DEFAULT_COUNT = 2000;   // about a minute on a quiet 2-core machine
    private static final int BATCH_SIZE = Integer.getInteger("jawait.fuzz.batch", 250);
    /** Generous: a batch is big, and a loaded CI machine is slow; a true hang still ends here. */
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(600);
    private static final int SHRUNK_FAILURES = Integer.getInteger("jawait.fuzz.shrink", 3);

    private record Failure(String batch, Program program, String kind, String detail) {}

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES) // a hang guard; each compile and run bounds itself
    void companionsMeanWhatTheirTemplatesMean() throws Exception {
        long seed = Long.getLong("jawait.fuzz.seed", DEFAULT_SEED);
        int count = Integer.getInteger("jawait.fuzz.count", DEFAULT_COUNT);
        Set<Shape> shapes = Shape.enabled(System.getProperty("jawait.fuzz.shapes", ""));
        ProgramGenerator generator = new ProgramGenerator(seed, shapes);
        Random modeRandom = new Random(seed ^ 0x5DEECE66DL);
        List<Failure> failures = new ArrayList<>();
        long compileNanos = 0;
        long[] compileCpuNanos = {0};
        long runNanos = 0;
        int compiles = 0;
        int checked = 0;
        long start = System.nanoTime();
        try (DifferentialRunner runner = new DifferentialRunner()) {
            for (int b = 0; b * BATCH_SIZE < count; b++) {
                String batch = "Batch" + b;
                List<Program> programs = new ArrayList<>();
                for (int i = b * BATCH_SIZE; i < Math.min(count, (b + 1) * BATCH_SIZE); i++) {
                    programs.add(generator.next("p" + i, batch));
                }
                List<Compiled> compiled = new ArrayList<>();
                long t0 = System.nanoTime();
                compiles += compileIsolating(batch, programs, compiled, failures, compileCpuNanos);
                long t1 = System.nanoTime();
                compileNanos += t1 - t0;
                for (Compiled c : compiled) {
                    for (Program p : c.programs) {
                        Optional<String> difference;
                        try {
                            difference = runner.check(c.loader, batch, p, DifferentialRunner.ModePlan.sampled(modeRandom));
                        } catch (AssertionError | Exception e) {
                            difference = Optional.of("harness: " + e);
                        }
                        checked++;
                        difference.ifPresent(d -> failures.add(new Failure(batch, p, "MISMATCH", d)));
                    }
                }
                runNanos += System.nanoTime() - t1;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("[fuzz] seed=%d programs=%d compared=%d runs=%d javac-runs=%d compile=%.1fs (cpu %.1fs) run=%.1fs"
                            + " total=%.1fs (%.0f programs/s); excluded shapes: %s%n",
                    seed, count, checked, runner.runs(), compiles, compileNanos / 1e9, compileCpuNanos[0] / 1e9, runNanos / 1e9, seconds,
                    count / seconds, excluded(shapes));
            if (!failures.isEmpty()) fail(report(seed, failures, runner));
        }
        assertTrue(checked > count / 2, "only " + checked + " of " + count + " programs compiled");
    }

    private record Compiled(ClassLoader loader, List<Program> programs) {}

    /**
     * Compiles {@code programs} in one unit; when that fails, halves it until each failing program
     * stands alone (and is recorded), so one bad program costs its batch only a few extra compiles.
     * Returns the number of javac runs.
     */
    private static int compileIsolating(String batch, List<Program> programs, List<Compiled> compiled, List<Failure> failures,
                                        long[] cpuNanos) {
        ProcessorCompile.Result r = ProcessorCompile.run("fuzz." + batch, Batch.source(batch, programs), COMPILE_LIMIT);
        cpuNanos[0] += r.cpuNanos();
        if (r.verdict() == ProcessorCompile.Verdict.COMPILED) {
            compiled.add(new Compiled(r.loader(), programs));
            return 1;
        }
        if (programs.size() == 1) {
            failures.add(new Failure(batch, programs.get(0), kind(r), String.join("\n", r.errors())));
            return 1;
        }
        int half = programs.size() / 2;
        return 1 + compileIsolating(batch, programs.subList(0, half), compiled, failures, cpuNanos)
                + compileIsolating(batch, programs.subList(half, programs.size()), compiled, failures, cpuNanos);
    }

    /** How a compile failed, comparable between a program and its shrunk candidates. */
    private static String kind(ProcessorCompile.Result r) {
        boolean sourceErrors = r.errors().stream().anyMatch(e -> !e.startsWith("[generated]"));
        if (r.verdict() != ProcessorCompile.Verdict.SOURCE_ERRORS) {
            // A shrunk program that is no longer valid Java must not count as the same failure.
            return r.verdict().name() + (sourceErrors ? " with errors in the template" : "");
        }
        // Which error, without its position: a shrunk program must keep failing with the same one.
        return "SOURCE_ERRORS " + r.firstError().replaceFirst("^[^:]*:\\d+: ", "");
    }

    private static String report(long seed, List<Failure> failures, DifferentialRunner runner) {
        StringBuilder out = new StringBuilder();
        out.append(failures.size()).append(" generated program(s) failed; reproduce with -Djawait.fuzz.seed=").append(seed)
                .append(" -Djawait.fuzz.count=").append(Integer.getInteger("jawait.fuzz.count", DEFAULT_COUNT)).append('\n');
        for (Failure f : failures) out.append("  ").append(f.program.name()).append(": ").append(f.kind).append('\n');
        int shown = 0;
        for (Failure f : failures) {
            if (shown++ == SHRUNK_FAILURES) break;
            Program small = Shrinker.shrink(f.program, f.kind, candidate -> failureKind(f.batch, candidate, runner),
                    Duration.ofSeconds(Integer.getInteger("jawait.fuzz.shrinkSeconds", 120)));
            ProcessorCompile.Result r = ProcessorCompile.run("fuzz." + f.batch, Batch.source(f.batch, List.of(small)), COMPILE_LIMIT);
            String detail = r.verdict() == ProcessorCompile.Verdict.COMPILED ? mismatch(f.batch, small, r, runner) : String.join("\n", r.errors());
            out.append("\n=== ").append(f.program.name()).append(" (").append(f.kind).append("), cut from ")
                    .append(f.program.lines()).append(" to ").append(small.lines()).append(" lines:\n")
                    .append(small.render()).append("--- ").append(detail == null ? f.detail : detail).append('\n');
        }
        return out.toString();
    }

    /** How {@code candidate} fails on its own (null: it passes). */
    private static String failureKind(String batch, Program candidate, DifferentialRunner runner) {
        ProcessorCompile.Result r = ProcessorCompile.run("fuzz." + batch, Batch.source(batch, List.of(candidate)), COMPILE_LIMIT);
        if (r.verdict() != ProcessorCompile.Verdict.COMPILED) return kind(r);
        return mismatch(batch, candidate, r, runner) == null ? null : "MISMATCH";
    }

    private static String mismatch(String batch, Program program, ProcessorCompile.Result compiled, DifferentialRunner runner) {
        try {
            return runner.check(compiled.loader(), batch, program, DifferentialRunner.ModePlan.exhaustive()).orElse(null);
        } catch (AssertionError | Exception e) {
            return "harness: " + e;
        }
    }

    private static List<String> excluded(Set<Shape> shapes) {
        List<String> off = new ArrayList<>();
        for (Shape s : Shape.values()) if (!shapes.contains(s)) off.add(s.name());
        return off;
    }
}
