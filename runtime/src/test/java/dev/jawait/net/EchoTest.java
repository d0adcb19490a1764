package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.MiniExecutor;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Many concurrent echo connections over real loopback sockets, checked byte for byte. */
@ExtendWith(FdLeakCheck.class)
class EchoTest {
    /** 2,000 as the issue asks, fewer if the descriptor limit is low (two per connection). */
    private static final int CONNECTIONS = Math.min(Integer.getInteger("echo.connections", 2_000),
            (int) Math.max(50, (maxDescriptors() - 256) / 2));
    private static final long MAX_TOTAL = 200L * 1024 * 1024;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void twoThousandConcurrentConnectionsEchoRandomPayloads() throws Exception {
        Fds.warmUp();
        int fds = Fds.count();
        echo(CONNECTIONS, MAX_TOTAL, 2024);
        Fds.assertBackTo(fds);
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void oneConnectionEchoesSixtyFourMebibytes() throws Exception {
        byte[] payload = new byte[64 << 20];
        new SplittableRandom(5).nextBytes(payload);
        try (MiniExecutor executor = new MiniExecutor();
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0))) {
            executor.spawn(new EchoFutures.Server(listener, executor, 1));
            long start = System.nanoTime();
            long crc = executor.blockOn(new EchoFutures.Client(listener.localAddress(), payload, 9));
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("echo: 1 connection, 64 MiB each way in %.2f s (%.0f MiB/s)%n", seconds, 64 / seconds);
            CRC32 expected = new CRC32();
            expected.update(payload);
            assertEquals(expected.getValue(), crc);
        }
    }

    private static void echo(int connections, long maxTotal, long seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        byte[][] payloads = new byte[connections][];
        long total = 0;
        for (int i = 0; i < connections; i++) {
            // Log-uniform between 1 B and 1 MiB: mostly small, some large (mean ~75 KiB).
            int size = (int) Math.min(1 << 20, Math.round(Math.exp(random.nextDouble() * Math.log(1 << 20))));
            size = Math.max(1, size);
            if (total + size > maxTotal) {
                size = 1;
            }
            payloads[i] = new byte[size];
            random.nextBytes(payloads[i]);
            total += size;
        }
        long start = System.nanoTime();
        try (MiniExecutor executor = new MiniExecutor();
                TcpListener listener = TcpListener.bind(new InetSocketAddress("127.0.0.1", 0), 4096)) {
            CompletableFuture<Integer> server = executor.spawn(new EchoFutures.Server(listener, executor, connections));
            List<CompletableFuture<Long>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                clients.add(executor.spawn(new EchoFutures.Client(listener.localAddress(), payloads[i], i)));
            }
            executor.blockOn(allOf(clients));
            assertEquals(connections, executor.blockOn(fromCompletable(server)));
            for (int i = 0; i < connections; i++) {
                CRC32 expected = new CRC32();
                expected.update(payloads[i]);
                assertEquals(expected.getValue(), clients.get(i).join(), "connection " + i);
            }
            assertEquals(0, executor.driver().openRegistrations(), "every registration closed");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("echo: %d connections, %.1f MiB each way in %.2f s (%.0f MiB/s)%n",
                connections, total / 1048576.0, seconds, total / 1048576.0 / seconds);
    }

    private static long maxDescriptors() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 1024;
    }

    /** Completes when every given task has (the executor runs them; this just watches). */
    static Future<Void> allOf(List<? extends CompletableFuture<?>> tasks) {
        CompletableFuture<Void> all = CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new));
        return fromCompletable(all);
    }

    static <T> Future<T> fromCompletable(CompletableFuture<T> stage) {
        return new Future<>() {
            boolean hooked;

            @Override
            public Poll<T> poll(Context cx) {
                if (stage.isDone()) {
                    return Poll.ready(stage.join());
                }
                if (!hooked) {
                    hooked = true;
                    stage.whenComplete((v, e) -> cx.waker().wake());
                }
                return Poll.pending();
            }
        };
    }
}
