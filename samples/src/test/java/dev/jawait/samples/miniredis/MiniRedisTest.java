package dev.jawait.samples.miniredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mini-redis over real sockets on 127.0.0.1, served by an in-process runtime. */
@Timeout(60)
class MiniRedisTest {
    private final List<Throwable> failures = TestRuntimes.failureList();
    private AsyncRuntime runtime;
    private MiniRedis server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        runtime = TestRuntimes.twoWorkers(failures);
        server = MiniRedis.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        address = server.address();
    }

    @AfterEach
    void stop() {
        server.close();
        runtime.close();
        assertEquals(List.of(), failures, "no task failed unhandled");
    }

    @Test
    void commandsRoundTrip() throws Exception {
        try (RespClient c = new RespClient(address)) {
            assertEquals("PONG", c.call("PING"));
            assertEquals("OK", c.call("SET", "greeting", "hello"));
            assertEquals("hello", c.call("GET", "greeting"));
            assertEquals(11L, c.call("INCRBY", "n", "11"));
            assertEquals(10L, c.call("DECR", "n"));
            assertEquals(List.of("hello", "10"), new ArrayList<>((List<?>) c.call("MGET", "greeting", "n")));
            assertEquals(new RespClient.Error("ERR unknown command 'NOPE', with args beginning with: 'x' "),
                    c.call("NOPE", "x"));
            assertEquals("PONG", c.call("PING"), "the connection survives an unknown command");
            assertEquals(1L, c.call("DEL", "greeting"));
            assertNull(c.call("GET", "greeting"));
        }
    }

    @Test
    void pipelinedCommandsAllAnsweredInOrder() throws Exception {
        int count = 5000;
        ByteArrayOutputStream batch = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            batch.writeBytes(RespClient.encode("INCR", "counter"));
        }
        try (RespClient c = new RespClient(address)) {
            c.sendRaw(batch.toByteArray()); // one write, ~150 KB: many reads and batches server-side
            for (long i = 1; i <= count; i++) {
                assertEquals(i, c.read());
            }
            assertEquals(String.valueOf(count), c.call("GET", "counter"));
        }
    }

    @Test
    void largeValueSpanningManyReads() throws Exception {
        String big = "x".repeat(3 * 1024 * 1024);
        try (RespClient c = new RespClient(address)) {
            assertEquals("OK", c.call("SET", "big", big));
            assertEquals(big, c.call("GET", "big"));
            assertEquals((long) big.length(), c.call("STRLEN", "big"));
        }
    }

    @Test
    void manyConcurrentClients() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int id = t;
                done.add(pool.submit(() -> {
                    try (RespClient c = new RespClient(address)) {
                        for (int i = 0; i < 100; i++) {
                            assertEquals("OK", c.call("SET", "k" + id, Integer.toString(i)));
                            assertEquals(Integer.toString(i), c.call("GET", "k" + id));
                            c.call("INCR", "shared");
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(50, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        try (RespClient c = new RespClient(address)) {
            assertEquals("3200", c.call("GET", "shared"));
        }
    }

    @Test
    void expiryIsLazyAndActive() throws Exception {
        try (RespClient c = new RespClient(address)) {
            for (int i = 0; i < 100; i++) {
                c.call("SET", "temp" + i, "v", "PX", "50");
            }
            long setAt = System.nanoTime();
            assertEquals("OK", c.call("SET", "lasting", "v", "EX", "100"));
            long ttl = (Long) c.call("TTL", "lasting");
            // TTL rounds to the nearest second: 100 unless the round trips took long (loaded machine).
            long elapsedCeil = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - setAt) + 1;
            assertTrue(ttl <= 100 && ttl >= 100 - elapsedCeil, "TTL " + ttl + " after " + elapsedCeil + " s at most");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            // Nobody reads the temp keys: only the periodic sweep task can remove them.
            while ((Long) c.call("DBSIZE") > 1 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1L, c.call("DBSIZE"));
            assertEquals("v", c.call("GET", "lasting"));
        }
    }

    @Test
    void pubSubBetweenConnections() throws Exception {
        try (RespClient sub = new RespClient(address); RespClient pub = new RespClient(address)) {
            assertEquals(List.of("subscribe", "news", 1L), sub.call("SUBSCRIBE", "news"));
            assertEquals(1L, pub.call("PUBLISH", "news", "hello"));
            assertEquals(0L, pub.call("PUBLISH", "other", "nobody"));
            assertEquals(List.of("message", "news", "hello"), sub.read());
            Object refused = sub.call("GET", "x");
            assertInstanceOf(RespClient.Error.class, refused);
            assertEquals(List.of("pong", ""), sub.call("PING"));
            for (int i = 0; i < 200; i++) {
                pub.send("PUBLISH", "news", "m" + i);
            }
            for (int i = 0; i < 200; i++) {
                assertEquals(1L, pub.read());
                assertEquals(List.of("message", "news", "m" + i), sub.read());
            }
            assertEquals(List.of("unsubscribe", "news", 0L), sub.call("UNSUBSCRIBE", "news"));
            assertEquals("PONG", sub.call("PING"));
            assertEquals(0L, pub.call("PUBLISH", "news", "gone"));
        }
    }

    @Test
    void quitAndProtocolErrorsCloseTheConnection() throws Exception {
        try (RespClient c = new RespClient(address)) {
            assertEquals("OK", c.call("QUIT"));
            assertTrue(c.closedByServer());
        }
        try (RespClient c = new RespClient(address)) {
            c.sendRaw("PING\r\n*1\r\n$abc\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals("PONG", c.read());
            assertEquals(new RespClient.Error("ERR Protocol error: invalid bulk length"), c.read());
            assertTrue(c.closedByServer());
        }
        try (RespClient c = new RespClient(address)) {
            assertEquals("PONG", c.call("PING"), "the server is still serving others");
        }
    }

    @Test
    void closingTheServerEndsConnections() throws Exception {
        try (RespClient c = new RespClient(address)) {
            assertEquals("PONG", c.call("PING"));
            server.close();
            assertTrue(c.closedByServer());
        }
    }
}
