package dev.jawait.runtime.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/**
 * This process's open file descriptors ({@code /proc/self/fd}), so tests can assert they release
 * every socket and selector they open.
 *
 * <pre>{@code
 * Map<Integer, String> before = Fds.snapshot();
 * runTest();
 * Fds.assertBackTo(before);
 * }</pre>
 */
public final class Fds {
    private static boolean warmedUp;

    private Fds() {}

    /**
     * Lets the JDK open its one-time descriptors (e.g. the socket pair it uses to close
     * registered channels) so they do not count against the first test.
     */
    public static synchronized void warmUp() {
        if (warmedUp) {
            return;
        }
        warmedUp = true;
        // The process-wide driver for code outside any runtime opens its selector on first use
        // and keeps it: whichever test touches it first must not count it as a leak.
        FallbackDriver.get();
        try (ServerSocketChannel server = ServerSocketChannel.open(); Selector selector = Selector.open()) {
            server.bind(new InetSocketAddress("127.0.0.1", 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress());
                    SocketChannel accepted = server.accept()) {
                client.configureBlocking(false);
                client.register(selector, SelectionKey.OP_READ);
                client.close();
                selector.selectNow();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Descriptor number to what it points at, for the kinds the reactor opens: sockets, pipes
     * and anonymous inodes (epoll, eventfd). Files are left out: the JVM opens and closes some
     * on its own (jars, cgroup statistics) at any time.
     */
    public static Map<Integer, String> snapshot() {
        warmUp();
        Map<Integer, String> fds = new TreeMap<>();
        File[] entries = new File("/proc/self/fd").listFiles();
        if (entries == null) {
            return fds;
        }
        for (File fd : entries) {
            try {
                String target = Files.readSymbolicLink(fd.toPath()).toString();
                if (target.startsWith("socket:") || target.startsWith("pipe:") || target.startsWith("anon_inode:")) {
                    fds.put(Integer.parseInt(fd.getName()), target);
                }
            } catch (IOException | NumberFormatException e) {
                // The descriptor used for listing is gone by now: skip it.
            }
        }
        return fds;
    }

    public static int count() {
        return snapshot().size();
    }

    /** Like {@link #assertBackTo(Map)} for a count. */
    public static void assertBackTo(int before) {
        Map<Integer, String> now = waitFor(before);
        assertEquals(before, now.size(), () -> "open file descriptors before and after the test: " + now);
    }

    /**
     * Waits (up to 20 s) until the descriptors are back to {@code before}: the JDK frees a
     * registered channel's descriptor only when its selector flushes the cancelled key.
     */
    public static void assertBackTo(Map<Integer, String> before) {
        Map<Integer, String> now = waitFor(before.size());
        if (now.size() != before.size()) {
            Map<Integer, String> opened = new TreeMap<>(now);
            opened.keySet().removeAll(before.keySet());
            Map<Integer, String> closed = new TreeMap<>(before);
            closed.keySet().removeAll(now.keySet());
            assertEquals(before.size(), now.size(),
                    "open file descriptors changed: opened " + opened + ", closed " + closed);
        }
    }

    private static Map<Integer, String> waitFor(int count) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        Map<Integer, String> now = snapshot();
        while (now.size() != count && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            now = snapshot();
        }
        return now;
    }
}
