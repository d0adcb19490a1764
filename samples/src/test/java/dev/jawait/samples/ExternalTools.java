package dev.jawait.samples;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Paths;

/**
 * Finds programs outside the JVM that some sample tests drive (redis-cli, redis-server, kill);
 * those tests are skipped where the program is missing.
 *
 * <pre>{@code
 * assumeTrue(ExternalTools.onPath("redis-server"), "redis-server not installed");
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
}
