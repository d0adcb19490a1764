package dev.jawait.samples.handwritten;

import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Futures written by hand, without {@code @Async}: {@link SocketWriteFuture} sends 8 MiB to a
 * deliberately slow reader (so the write must wait for the socket to become writable), then a
 * {@link Ticker} completes every 5 seconds.
 *
 * <pre>{@code
 * java -cp samples/target/classes:runtime/target/classes \
 *     dev.jawait.samples.handwritten.HandwrittenDemo [--ticks 3] [--period-ms 5000]
 * }</pre>
 */
public final class HandwrittenDemo {
    private HandwrittenDemo() {}

    public static void main(String[] args) throws Exception {
        int ticks = 3;
        long periodMs = 5000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--ticks" -> ticks = Integer.parseInt(args[i + 1]);
                case "--period-ms" -> periodMs = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            long[] result = sendToSlowReader(runtime, 8 << 20);
            System.out.printf("sent %d bytes; the write waited for writability %d times; reader got %d%n",
                    result[0], result[1], result[2]);
            Ticker ticker = new Ticker(Duration.ofMillis(periodMs));
            long start = System.nanoTime();
            for (int i = 0; i < ticks; i++) {
                long n = runtime.blockOn(ticker.tick());
                System.out.printf("tick %d at %.2f s%n", n, (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /**
     * Writes {@code size} bytes through a {@link SocketWriteFuture} to a plain-thread reader that
     * reads in small sips; returns {bytes written, suspensions, bytes the reader received}.
     */
    static long[] sendToSlowReader(AsyncRuntime runtime, int size) throws IOException, InterruptedException {
        AtomicLong received = new AtomicLong();
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread reader = new Thread(() -> {
                try (Socket peer = server.accept(); InputStream in = peer.getInputStream()) {
                    byte[] sip = new byte[64 * 1024];
                    int n;
                    while ((n = in.read(sip)) > 0) {
                        received.addAndGet(n);
                        Thread.sleep(1); // slower than the writer: its send buffer fills up
                    }
                } catch (IOException | InterruptedException e) {
                    System.err.println("reader: " + e);
                }
            }, "slow-reader");
            reader.start();
            long written;
            int suspensions;
            try (SocketChannel channel = SocketChannel.open(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()))) {
                channel.configureBlocking(false);
                SocketWriteFuture write = new SocketWriteFuture(channel, ByteBuffer.allocate(size));
                written = runtime.blockOn(write);
                suspensions = write.suspensions();
            } // closing our end lets the reader see end of stream
            reader.join(30_000);
            return new long[] {written, suspensions, received.get()};
        }
    }
}
