package dev.jawait.samples;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.compound.Compound;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code scripts/run-sample.sh <sample>} runs each sample with one command (here from the test's classpath). */
@Timeout(60)
class RunSampleScriptTest {
    /**
     * What the sample printed: {@code output} on stdout, {@code errors} on stderr. Kept apart:
     * on a loaded machine a sample's runtime may log a long-poll warning to stderr at any point
     * (a worker descheduled mid-poll for over 100 ms), which must not garble the checked output.
     */
    record Run(int exit, String output, String errors) {
        /**
         * stderr without the runtime's slow-worker reports ({@link SlowWorkerReports}): the long
         * poll's, and the stall monitor's with the worker's stack (a multi-thread sample's worker
         * descheduled 100 ms mid-poll; only the long poll's two lines were left out before).
         */
        String errorsBesidesSlowWorkerReports() {
            return SlowWorkerReports.without(errors);
        }
    }

    private static Run run(String... args) throws Exception {
        assumeTrue(onPath("bash"), "no bash");
        Path script = Paths.get("").toAbsolutePath().getParent().resolve("scripts/run-sample.sh");
        assumeTrue(Files.exists(script), "run from the samples module");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        Path errors = Files.createTempFile("run-sample", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(errors.toFile());
        pb.environment().put("JAWAIT_SAMPLES_CP", location(Compound.class) + File.pathSeparator
                + location(AsyncRuntime.class));
        pb.environment().put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(50, TimeUnit.SECONDS), output);
            return new Run(p.exitValue(), output, Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            p.destroy(); // our own child only
            Files.deleteIfExists(errors);
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void compoundRunsAndItsThreeWaysAgree() throws Exception {
        Run r = run("compound");
        assertEquals(0, r.exit(), r.output() + r.errors());
        assertEquals("hand-written poll: 17, join + map: 17, @Async: 17\n", r.output(), r.errors());
        assertEquals("", r.errorsBesidesSlowWorkerReports());
    }

    @Test
    void handwrittenPassesItsOptionsThrough() throws Exception {
        Run r = run("handwritten", "--ticks", "2", "--period-ms", "20");
        assertEquals(0, r.exit(), r.output() + r.errors());
        assertTrue(r.output().matches("(?s)sent 8388608 bytes; the write waited for writability \\d+ times;"
                + " reader got 8388608\ntick 1 at [0-9.]+ s\ntick 2 at [0-9.]+ s\n"), r.output() + r.errors());
        assertEquals("", r.errorsBesidesSlowWorkerReports());
    }

    @Test
    void anUnknownSampleListsTheKnownOnes() throws Exception {
        Run r = run("nope");
        assertEquals(2, r.exit(), r.output() + r.errors());
        String both = r.output() + r.errors();
        assertTrue(both.contains("unknown sample: nope"), both);
        assertTrue(both.contains("mini-redis|http|echo|chat|compound|handwritten"), both);
    }
}
