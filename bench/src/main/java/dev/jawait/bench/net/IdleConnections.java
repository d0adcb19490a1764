package dev.jawait.bench.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * Opens N TCP connections to a server, sends nothing, and holds them open, so the server's
 * memory per idle connection can be read from outside. Prints {@code OPEN n} once all are
 * connected, then holds them until stopped (by PID) or until {@code holdSeconds} (default 600)
 * pass, so a forgotten client cannot hold sockets forever.
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.net.IdleConnections 127.0.0.1 8080 10000 [holdSeconds]
 * }</pre>
 */
public final class IdleConnections {
    private IdleConnections() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int count = Integer.parseInt(args[2]);
        long holdSeconds = args.length > 3 ? Long.parseLong(args[3]) : 600;
        InetSocketAddress target = new InetSocketAddress(host, port);
        List<SocketChannel> open = new ArrayList<>(count);
        long started = System.nanoTime();
        try {
            for (int i = 0; i < count; i++) {
                open.add(connectWithRetry(target));
            }
            System.out.printf("OPEN %d in %d ms%n", open.size(), (System.nanoTime() - started) / 1_000_000);
            System.out.flush();
            Thread.sleep(holdSeconds * 1000);
        } finally {
            for (SocketChannel ch : open) {
                ch.close();
            }
        }
    }

    private static SocketChannel connectWithRetry(InetSocketAddress target) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return SocketChannel.open(target);
            } catch (IOException e) { // backlog full for a moment: retry briefly
                last = e;
                Thread.sleep(20);
            }
        }
        throw last;
    }
}
