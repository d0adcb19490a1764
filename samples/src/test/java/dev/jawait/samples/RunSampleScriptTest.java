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
    record Run(int exit, String output) {}

    private static Run run(String... args) throws Exception {
        assumeTrue(onPath("bash"), "no bash");
        Path script = Paths.get("").toAbsolutePath().getParent().resolve("scripts/run-sample.sh");
        assumeTrue(Files.exists(script), "run from the samples module");
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("JAWAIT_SAMPLES_CP", location(Compound.class) + File.pathSeparator
                + location(AsyncRuntime.class));
        pb.environment().put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        Process p = pb.start();
        try {
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(50, TimeUnit.SECONDS), output);
            return new Run(p.exitValue(), output);
        } finally {
            p.destroy(); // our own child only
        }
    }

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void compoundRunsAndItsThreeWaysAgree() throws Exception {
        Run r = run("compound");
        assertEquals(0, r.exit(), r.output());
        assertEquals("hand-written poll: 17, join + map: 17, @Async: 17\n", r.output());
    }

    @Test
    void handwrittenPassesItsOptionsThrough() throws Exception {
        Run r = run("handwritten", "--ticks", "2", "--period-ms", "20");
        assertEquals(0, r.exit(), r.output());
        assertTrue(r.output().matches("(?s)sent 8388608 bytes; the write waited for writability \\d+ times;"
                + " reader got 8388608\ntick 1 at [0-9.]+ s\ntick 2 at [0-9.]+ s\n"), r.output());
    }

    @Test
    void anUnknownSampleListsTheKnownOnes() throws Exception {
        Run r = run("nope");
        assertEquals(2, r.exit(), r.output());
        assertTrue(r.output().contains("unknown sample: nope"), r.output());
        assertTrue(r.output().contains("mini-redis|http|echo|chat|compound|handwritten"), r.output());
    }
}
