package dev.jawait.samples.miniredis;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.AsyncRuntime;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs {@code scripts/test-redis-cli.sh} (real redis-cli and redis-benchmark against a
 * mini-redis process). The script installs Debian's redis-tools when they are missing, so the
 * test is skipped only where neither the tools nor a root apt-get are available.
 */
class RedisCliScriptTest {

    private static String location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    /** {@code via}: how the tools connect, over TCP or over mini-redis's {@code --unixsocket} ({@code -s}). */
    @ParameterizedTest
    @ValueSource(strings = {"tcp", "unix"})
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void redisToolsAgainstMiniRedis(String via) throws Exception {
        boolean toolsInstalled = onPath("redis-cli") && onPath("redis-benchmark");
        boolean canInstall = onPath("apt-get") && "root".equals(System.getProperty("user.name"));
        assumeTrue(onPath("bash") && (toolsInstalled || canInstall),
                "redis-tools not installed and cannot be installed (needs root apt-get)");
        Path root = Paths.get("").toAbsolutePath().getParent(); // surefire runs in samples/
        Path script = root.resolve("scripts/test-redis-cli.sh");
        assumeTrue(Files.exists(script), "run from the samples module");
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString());
        pb.environment().put("JAWAIT_SAMPLES_CP",
                location(MiniRedis.class) + File.pathSeparator + location(AsyncRuntime.class));
        pb.environment().put("JAWAIT_REDIS_VIA", via);
        pb.environment().put("JAVA", Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        pb.redirectErrorStream(true);
        Path log = Files.createTempFile("redis-cli-test", ".log");
        pb.redirectOutput(log.toFile());
        Process p = pb.start();
        try {
            boolean finished = p.waitFor(220, TimeUnit.SECONDS);
            String output = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println(output);
            assertTrue(finished, "script timed out:\n" + output);
            assertEquals(0, p.exitValue(), output);
            assertTrue(output.contains("OK: "), output);
        } finally {
            if (p.isAlive()) {
                p.destroy(); // our own child only; the script's trap stops mini-redis by PID
                p.waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
        }
    }
}
