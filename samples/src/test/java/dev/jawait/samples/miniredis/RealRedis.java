package dev.jawait.samples.miniredis;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code redis-server} of the test's own, on a free port of 127.0.0.1 with no persistence,
 * stopped by its process handle; the test is skipped (an assumption) where none can be had.
 *
 * <pre>{@code
 * try (RealRedis redis = RealRedis.startOrSkip()) {
 *     RespClient c = new RespClient(redis.address());
 * }
 * }</pre>
 *
 * <p>Where {@code redis-server} is not on the PATH, Debian's {@code redis-tools} is installed with
 * apt-get (as root, as {@code scripts/test-redis-cli.sh} does for redis-cli): it ships the server
 * binary itself as {@code redis-check-rdb}, which runs as the server when started under the name
 * {@code redis-server} (Redis picks its role from {@code argv[0]}). So the test runs it through a
 * symbolic link of that name in a temporary folder, and never installs the {@code redis-server}
 * package, whose only additions are that link and a system service the test must not start.
 */
final class RealRedis implements AutoCloseable {
    private static Path binary;
    private static String unavailable;

    private final Process process;
    private final InetSocketAddress address;

    private RealRedis(Process process, InetSocketAddress address) {
        this.process = process;
        this.address = address;
    }

    /**
     * Starts a server, or skips the calling test when no redis-server can be had. redis-server
     * cannot listen on port 0: a free port is picked here, and another process may take it before
     * redis-server binds. So the server that answers must be ours (its pid in INFO); when ours
     * exits (port taken) or another one answers, another port is tried.
     */
    static RealRedis startOrSkip() throws Exception {
        Path server = binaryOrSkip();
        for (int attempt = 1; ; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = probe.getLocalPort();
            }
            Process p = new ProcessBuilder(server.toString(), "--port", String.valueOf(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--daemonize", "no")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            RealRedis redis = new RealRedis(p, new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            boolean ours;
            try {
                ours = redis.answersAsItself();
            } catch (Throwable e) {
                redis.close();
                throw e;
            }
            if (ours) {
                return redis;
            }
            redis.close(); // the one process we started
            if (attempt >= 5) {
                throw new AssertionError("redis-server could not get a free port in 5 attempts");
            }
        }
    }

    /** Where the server listens. */
    InetSocketAddress address() {
        return address;
    }

    /** Stops the server we started (SIGTERM to its PID, then SIGKILL if it lingers). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Waits (bounded) until our server answers: false if it exited or another process answers. */
    private boolean answersAsItself() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (process.isAlive()) {
            try (RespClient c = new RespClient(address)) {
                return String.valueOf(c.call("INFO", "server")).contains("process_id:" + process.pid() + "\r\n");
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("redis-server did not start on " + address, notYet);
                }
                Thread.sleep(50);
            }
        }
        return false;
    }

    /** The server binary (found, or installed once per JVM), or the test is skipped. */
    private static synchronized Path binaryOrSkip() throws Exception {
        if (binary == null && unavailable == null) {
            find();
        }
        assumeTrue(binary != null, () -> unavailable);
        return binary;
    }

    private static void find() throws Exception {
        Path onPath = which("redis-server");
        if (onPath != null) {
            binary = onPath;
            return;
        }
        if (which("redis-check-rdb") == null) {
            if (!onPath("apt-get") || !"root".equals(System.getProperty("user.name"))) {
                unavailable = "redis-server not installed and cannot be installed (needs root apt-get)";
                return;
            }
            if (!aptInstallRedisTools()) {
                unavailable = "apt-get could not install redis-tools";
                return;
            }
        }
        Path rdb = which("redis-check-rdb");
        if (rdb == null) {
            unavailable = "redis-tools installed no redis-check-rdb";
            return;
        }
        Path dir = Files.createTempDirectory("real-redis");
        dir.toFile().deleteOnExit();
        Path link = Files.createSymbolicLink(dir.resolve("redis-server"), rdb);
        link.toFile().deleteOnExit();
        binary = link;
    }

    private static boolean aptInstallRedisTools() throws Exception {
        if (run("apt-get", "install", "-y", "-qq", "redis-tools")) {
            return true;
        }
        return run("apt-get", "update", "-qq") && run("apt-get", "install", "-y", "-qq", "redis-tools");
    }

    private static boolean run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            return false;
        }
        return p.exitValue() == 0;
    }

    private static Path which(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Paths.get(dir, tool))) {
                return Paths.get(dir, tool);
            }
        }
        return null;
    }
}
