package dev.jawait.net;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * Programs outside the JVM that interop tests drive ({@code openssl}); installed with
 * {@code apt-get} when missing and this user is root, as the samples' redis-cli test does.
 * Tests call {@code assumeTrue(ExternalTools.ensure("openssl", "openssl"), ...)} and are skipped
 * where the program is neither installed nor installable.
 *
 * <pre>{@code
 * assumeTrue(ExternalTools.ensure("openssl", "openssl"), "openssl not available");
 * }</pre>
 */
final class ExternalTools {
    private ExternalTools() {}

    /** Whether an executable named {@code tool} is on the {@code PATH}. */
    static boolean onPath(String tool) {
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
     * {@code tool} is on the {@code PATH}, installing Debian's {@code aptPackage} first if need
     * be and possible (root, apt-get present; bounded to 5 minutes). False if still missing.
     */
    static synchronized boolean ensure(String tool, String aptPackage) {
        if (onPath(tool)) {
            return true;
        }
        if (!onPath("apt-get") || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        try {
            run("apt-get", "update", "-qq");
            run("apt-get", "install", "-y", "-qq", aptPackage);
        } catch (IOException e) {
            System.err.println("cannot install " + aptPackage + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return onPath(tool);
    }

    private static void run(String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " timed out");
        }
    }
}
