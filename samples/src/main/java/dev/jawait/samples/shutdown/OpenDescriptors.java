package dev.jawait.samples.shutdown;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The file descriptors this process has open, read from {@code /proc/self/fd} (Linux), so that a
 * server's {@code main} can say at its end which descriptors it opened and left open: after a
 * graceful stop, none (no socket, no selector, no pipe).
 *
 * <pre>{@code
 * OpenDescriptors atStart = OpenDescriptors.baseline();
 * ... serve, stop, close the runtime ...
 * System.out.println(OpenDescriptors.now().leftOpenSince(atStart)); // "descriptors left open: none"
 * }</pre>
 */
public final class OpenDescriptors {
    private static final Path FDS = Path.of("/proc/self/fd");

    /** Descriptor number to what it refers to ({@code socket:[123]}, a path ...); null off Linux. */
    private final Map<Integer, String> open;

    private OpenDescriptors(Map<Integer, String> open) {
        this.open = open;
    }

    /**
     * The descriptors open before a server starts. The JDK keeps one descriptor of its own for the
     * life of the process once the first NIO socket channel exists (one end of the socketpair its
     * socket dispatcher dup2s over a socket closed while in use): one channel is opened and closed
     * first, so that this descriptor is in the baseline and not reported as left open.
     *
     * @return the descriptors open now, the JDK's NIO ones included
     */
    public static OpenDescriptors baseline() {
        try {
            SocketChannel.open().close();
        } catch (IOException e) {
            // no NIO sockets at all: the server fails to start anyway
        }
        return now();
    }

    /**
     * The descriptors open now (none known where {@code /proc/self/fd} does not exist).
     *
     * @return a snapshot of the descriptors and what they refer to
     */
    public static OpenDescriptors now() {
        if (!Files.isDirectory(FDS)) {
            return new OpenDescriptors(null);
        }
        Map<Integer, String> open = new TreeMap<>();
        try (Stream<Path> fds = Files.list(FDS)) {
            fds.forEach(fd -> {
                try {
                    open.put(Integer.parseInt(fd.getFileName().toString()), Files.readSymbolicLink(fd).toString());
                } catch (IOException closedMeanwhile) {
                    // e.g. the descriptor Files.list itself used: gone by now
                }
            });
        } catch (IOException e) {
            return new OpenDescriptors(null);
        }
        return new OpenDescriptors(open);
    }

    /**
     * {@code descriptors left open: none}, or the ones open now that were not open (or referred
     * to something else) in {@code before}, as {@code fd -> target}; or a line saying they cannot
     * be counted here.
     *
     * @param before the earlier snapshot, e.g. {@link #baseline()}
     * @return one line for the server's output
     */
    public String leftOpenSince(OpenDescriptors before) {
        if (open == null || before.open == null) {
            return "descriptors left open: unknown (no /proc/self/fd)";
        }
        Map<Integer, String> left = new TreeMap<>(open);
        left.entrySet().removeIf(e -> e.getValue().equals(before.open.get(e.getKey())));
        return "descriptors left open: " + (left.isEmpty() ? "none" : left);
    }
}
