package dev.jawait.samples.miniredis;

import static dev.jawait.samples.ExternalTools.onPath;
import static dev.jawait.samples.miniredis.MiniRedisFixture.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.AsyncRuntime;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A mini-redis process with few file descriptors ({@code ulimit -n 64}) and more clients than
 * that: as Redis, it fits maxclients to the limit at start (with a warning) and turns the extra
 * clients away with {@code -ERR max number of clients reached}, so it never runs out of
 * descriptors, and serves new clients once the others leave. Running out used to end the
 * accept loop (EMFILE) — and worse, a JVM out of descriptors cannot initialise classes it meets
 * late (here the JDK's socket-closing and time-zone code, lost for good), so the server must
 * keep its reserve. The server runs from jars, as deployed: a class path of directories costs a
 * descriptor for every class loaded.
 */
@Timeout(120)
class FileDescriptorExhaustionTest {

    @Test
    void theServerAcceptsAgainOnceDescriptorsAreFree() throws Exception {
        assumeTrue(onPath("bash") && Files.isDirectory(Paths.get("/proc/self/fd")), "needs bash and Linux");
        Path jars = Files.createTempDirectory("mini-redis-jars");
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = jar(location(MiniRedis.class), jars.resolve("samples.jar"))
                + File.pathSeparator + jar(location(AsyncRuntime.class), jars.resolve("runtime.jar"));
        Process server = new ProcessBuilder("bash", "-c", "ulimit -n 64 && exec \"$0\" \"$@\"",
                java, "-cp", classpath, MiniRedis.class.getName(), "--port", "0", "--workers", "2").start();
        StringBuffer stderr = collect(server);
        List<Socket> clients = new ArrayList<>();
        try {
            BufferedReader stdout = new BufferedReader(
                    new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String ready = stdout.readLine();
            assertTrue(ready != null && ready.contains("ready to accept connections on "), ready + "\n" + stderr);
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(),
                    Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1)));
            for (int i = 0; i < 100; i++) { // more than 64 descriptors' worth: the rest wait in the backlog
                Socket s = new Socket();
                s.connect(address, 10_000);
                clients.add(s);
            }
            int turnedAway = 0;
            for (Socket s : clients) {
                s.setSoTimeout(100); // the served ones say nothing; the others are told at once
                byte[] line = new byte[64];
                int n;
                try {
                    n = s.getInputStream().read(line);
                } catch (java.net.SocketTimeoutException served) {
                    n = 0;
                }
                if (n > 0 && new String(line, 0, n, StandardCharsets.US_ASCII)
                        .equals("-ERR max number of clients reached\r\n")) {
                    turnedAway++;
                }
            }
            assertTrue(turnedAway >= 30, turnedAway + " of 100 clients turned away\n" + stderr);
            assertTrue(stderr.indexOf("mini-redis: maxclients reduced from 10000 to ") >= 0, stderr.toString());
            assertTrue(stderr.indexOf("Too many open files") < 0, stderr.toString());
            for (Socket s : clients) {
                s.close();
            }
            // Once the server has seen those clients go, a new one is served (until then it may
            // still be turned away: retried, bounded).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            Object reply;
            do {
                assertTrue(System.nanoTime() < deadline, "never served again\n" + stderr);
                try (RespClient fresh = new RespClient(address)) {
                    fresh.setTimeout(60_000);
                    reply = fresh.call("PING");
                }
                if (!"PONG".equals(reply)) {
                    assertEquals(new RespClient.Error("ERR max number of clients reached"), reply);
                    TimeUnit.MILLISECONDS.sleep(50);
                }
            } while (!"PONG".equals(reply));
            assertTrue(server.isAlive(), "still serving");
        } finally {
            for (Socket s : clients) {
                s.close();
            }
            server.destroy(); // the one process this test started
            server.waitFor(10, TimeUnit.SECONDS);
            try (Stream<Path> files = Files.walk(jars)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static Path location(Class<?> c) throws Exception {
        return Paths.get(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** {@code classes} as it is if it is a jar, else packed into {@code jar}. */
    private static String jar(Path classes, Path jar) throws IOException {
        if (!Files.isDirectory(classes)) {
            return classes.toString();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
                Stream<Path> files = Files.walk(classes)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
                Files.copy(p, (OutputStream) out);
                out.closeEntry();
            }
        }
        return jar.toString();
    }

    /** Everything the process writes to stderr, collected by a daemon thread. */
    private static StringBuffer collect(Process p) {
        StringBuffer text = new StringBuffer();
        Thread reader = new Thread(() -> {
            try (BufferedReader err = new BufferedReader(
                    new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) {
                    text.append(line).append('\n');
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "stderr-of-" + p.pid());
        reader.setDaemon(true);
        reader.start();
        return text;
    }
}
