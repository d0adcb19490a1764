package dev.jawait.samples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Finds programs outside the JVM that some sample tests drive (redis-cli, redis-server, kill);
 * those tests are skipped where the program is missing.
 *
 * <pre>{@code
 * assumeTrue(ExternalTools.onPath("redis-server"), "redis-server not installed");
 * assumeTrue(ExternalTools.installed("redis-benchmark", "redis-tools"), "...");
 * }</pre>
 */
public final class ExternalTools {
    private ExternalTools() {}

    /** Whether an executable named {@code tool} is on the {@code PATH}. */
    public static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code tool} is on the {@code PATH}, installing Debian's {@code debianPackage} with
     * apt-get first when it is missing and this runs as root (as {@code scripts/test-redis-cli.sh}
     * does); false if it is still missing then. apt-get gets at most five minutes.
     */
    public static synchronized boolean installed(String tool, String debianPackage) throws InterruptedException {
        if (onPath(tool)) {
            return true;
        }
        if (!onPath("apt-get") || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            Process apt = new ProcessBuilder("sh", "-c", "apt-get update -qq && DEBIAN_FRONTEND=noninteractive"
                    + " apt-get install -y -qq " + debianPackage).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!apt.waitFor(5, TimeUnit.MINUTES)) {
                apt.destroyForcibly();
                apt.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return onPath(tool);
    }
}
