package dev.jawait.samples.handwritten;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.time.Time;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class HandwrittenTest {

    @Test
    void writeWaitsForWritabilityAndDeliversEverything() throws Exception {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            int size = 8 << 20;
            long[] result = HandwrittenDemo.sendToSlowReader(runtime, size);
            assertEquals(size, result[0], "bytes written");
            assertTrue(result[1] > 0, "8 MiB to a slow reader must wait for writability at least once");
            assertEquals(size, result[2], "bytes the reader received");
        }
    }

    @Test
    void tickerCompletesOncePerPeriodWithoutDrift() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            long start = System.nanoTime();
            Ticker ticker = new Ticker(Duration.ofMillis(60));
            for (int i = 1; i <= 4; i++) {
                assertEquals(i, runtime.blockOn(ticker.tick()));
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                assertTrue(elapsedMs >= 60L * i - 1, "tick " + i + " early: " + elapsedMs + " ms");
                // Loose on purpose: a loaded machine can stall a thread for a second; "not early"
                // is the exact part, this only catches a ticker that waits far too long.
                assertTrue(elapsedMs < 60L * i + 10_000, "tick " + i + " far too late: " + elapsedMs + " ms");
            }
        }
    }

    @Test
    void cancelledTickReleasesItsTimer() {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            IoDriver driver = (IoDriver) runtime.driver();
            Ticker ticker = new Ticker(Duration.ofSeconds(60));
            assertThrows(TimeoutException.class,
                    () -> runtime.blockOn(Time.timeout(Duration.ofMillis(10), ticker.tick())));
            assertEquals(0, driver.pendingTimers());
        }
    }

    /**
     * While the peer reads nothing the socket never becomes writable, so a future that waits for
     * writability is not polled at all; one that woke itself in a loop would be polled thousands of
     * times in the same window. Then the peer reads and every byte arrives.
     */
    @Test
    void aWriteToAPeerThatDoesNotReadIsNotPolledUntilTheSocketIsWritable() throws Exception {
        int size = 8 << 20; // far more than the socket buffers hold
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(1).build();
                ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                SocketChannel channel = SocketChannel.open(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
                Socket peer = server.accept()) {
            channel.configureBlocking(false);
            JoinHandle<Long> write = runtime.spawn(new SocketWriteFuture(channel, ByteBuffer.allocate(size)));
            // The first poll fills the send buffer and asks for OP_WRITE; on a loaded machine the
            // kernel may still move some bytes on afterwards, making the socket writable once or
            // twice more. So wait until the write is quiet (no poll for 200 ms, bounded) first.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            long before = runtime.metrics().polls();
            long quietSince = System.nanoTime();
            while (before == 0 || System.nanoTime() - quietSince < TimeUnit.MILLISECONDS.toNanos(200)) {
                assertTrue(System.nanoTime() < deadline, before + " polls and the write never went quiet: it spins");
                Thread.sleep(10);
                long polls = runtime.metrics().polls();
                if (polls != before) {
                    before = polls;
                    quietSince = System.nanoTime();
                }
            }
            Thread.sleep(300);
            long during = runtime.metrics().polls() - before;
            assertFalse(write.isFinished(), "8 MiB cannot fit the socket buffers");
            // A future that woke itself in a loop would be polled thousands of times meanwhile.
            assertTrue(during <= 5, during + " polls while the socket stayed unwritable: it spins");

            byte[] sink = new byte[64 * 1024];
            long received = 0;
            InputStream in = peer.getInputStream();
            while (received < size) {
                int n = in.read(sink);
                assertTrue(n > 0, "the writer stopped early at " + received);
                received += n;
            }
            assertEquals(size, runtime.blockOn(write));
        }
    }
}
