package dev.jawait.samples.miniredis;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.net.TlsConfig;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import dev.jawait.samples.tls.TlsKeys;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * mini-redis over TLS (with Jedis, a client nobody here wrote, trusting the test's self-signed
 * certificate; and {@code redis-cli --tls} where the installed build has TLS) and over a Unix
 * domain socket ({@code --unixsocket}: a raw RESP exchange, and {@code redis-cli -s} when
 * installed), with the same keyspace behind both listeners.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MiniRedisTlsAndUnixTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    static Path keysDir;
    private static TlsKeys keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keys = TlsKeys.selfSigned(keysDir);
    }

    private static Jedis tlsClient(MiniRedis server, SSLContext trust) {
        return new Jedis(new HostAndPort("localhost", server.address().getPort()),
                DefaultJedisClientConfig.builder().timeoutMillis(10_000).ssl(true)
                        .sslSocketFactory(trust.getSocketFactory()).build());
    }

    @Test
    void jedisSpeaksTlsToMiniRedis() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime, ANY_LOCAL, TlsConfig.of(keys.serverContext()), null)) {
            SSLContext trust = TlsKeys.trusting(keys.certificatePem());
            try (Jedis jedis = tlsClient(server, trust)) {
                assertEquals("PONG", jedis.ping());
                assertEquals("OK", jedis.set("greeting", "hello over tls"));
                assertEquals("hello over tls", jedis.get("greeting"));
                // A value spanning many TLS records (16 KiB each), both ways.
                String big = "x".repeat(1 << 20);
                assertEquals("OK", jedis.set("big", big));
                assertEquals(big, jedis.get("big"));
                assertEquals(1L << 20, jedis.strlen("big"));
                // Pipelined: every reply of one batch comes back, in order.
                var pipeline = jedis.pipelined();
                List<redis.clients.jedis.Response<Long>> replies = new ArrayList<>();
                for (int i = 0; i < 1000; i++) {
                    replies.add(pipeline.incr("counter"));
                }
                pipeline.sync();
                for (int i = 0; i < 1000; i++) {
                    assertEquals(i + 1, replies.get(i).get());
                }
            }
            // A client that does not trust the certificate is refused in the handshake, and the
            // server goes on serving the others.
            JedisConnectionException refused = assertThrows(JedisConnectionException.class, () -> {
                try (Jedis untrusting = tlsClient(server, SSLContext.getDefault())) { // connects, handshakes
                    untrusting.ping();
                }
            });
            assertTrue(String.valueOf(refused.getMessage()).contains("PKIX"), refused.toString());
            try (Jedis jedis = tlsClient(server, trust)) {
                assertEquals("hello over tls", jedis.get("greeting"));
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void redisCliSpeaksTlsToMiniRedis() throws Exception {
        assumeTrue(onPath("redis-cli"), "redis-cli is not installed");
        assumeTrue(run(List.of("redis-cli", "--help")).contains("--tls"), "this redis-cli was built without TLS");
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime, ANY_LOCAL, TlsConfig.of(keys.serverContext()), null)) {
            List<String> cli = List.of("redis-cli", "--tls", "--cacert", keys.certificatePem().toString(),
                    "-h", "localhost", "-p", Integer.toString(server.address().getPort()));
            assertEquals("PONG", run(concat(cli, "PING")).strip());
            assertEquals("OK", run(concat(cli, "SET", "k", "v")).strip());
            assertEquals("v", run(concat(cli, "GET", "k")).strip());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void unixSocketServesTheSameKeyspace() throws Exception {
        Path socket = dir.resolve("redis.sock");
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime, ANY_LOCAL, null, socket)) {
            assertEquals(socket, server.unixSocket());
            try (SocketChannel unix = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                assertEquals("+OK\r\n", exchange(unix, "*3\r\n$3\r\nSET\r\n$4\r\nfrom\r\n$4\r\nunix\r\n", 5));
                assertEquals("+PONG\r\n+PONG\r\n", exchange(unix, "PING\r\nPING\r\n", 14), "pipelined inline commands");
            }
            try (Jedis tcp = new Jedis(new HostAndPort("127.0.0.1", server.address().getPort()),
                    DefaultJedisClientConfig.builder().timeoutMillis(10_000).build())) {
                assertEquals("unix", tcp.get("from"), "one keyspace behind both listeners");
            }
            if (onPath("redis-cli")) {
                List<String> cli = List.of("redis-cli", "-s", socket.toString());
                assertEquals("unix", run(concat(cli, "GET", "from")).strip());
                assertEquals("OK", run(concat(cli, "SET", "k", "v", "PX", "60000")).strip());
                assertEquals("v", run(concat(cli, "GET", "k")).strip());
            }
        }
        assertFalse(Files.exists(socket), "closing the server deletes the socket file");
        assertEquals(List.of(), failures);
    }

    /** Issue 22's check: {@code redis-benchmark -s PATH -P 16 -n 100000} finishes with no error. */
    @Test
    void redisBenchmarkOverTheUnixSocketFinishesWithoutErrors() throws Exception {
        assumeTrue(onPath("redis-benchmark"), "redis-benchmark is not installed");
        Path socket = dir.resolve("bench.sock");
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime, ANY_LOCAL, null, socket)) {
            Process bench = new ProcessBuilder("redis-benchmark", "-s", socket.toString(),
                    "-t", "ping,set,get,incr,mset", "-n", "100000", "-P", "16", "-q")
                    .redirectErrorStream(true).start();
            try {
                String out = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(bench.waitFor(5, TimeUnit.MINUTES), "redis-benchmark finishes");
                assertEquals(0, bench.exitValue(), out);
                String lines = out.replace('\r', '\n');
                assertFalse(lines.toLowerCase(java.util.Locale.ROOT).contains("error"), out);
                for (String test : List.of("PING_INLINE", "SET", "GET", "INCR", "MSET")) {
                    assertTrue(lines.contains(test), test + " ran: " + out);   // "SET: ...", "MSET (10 keys): ..."
                }
            } finally {
                bench.destroyForcibly(); // the one process this test started (no-op once it exited)
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aUnixSocketPathInUseFailsClearlyAndLeaksNoTcpListener() throws Exception {
        Path socket = dir.resolve("taken.sock");
        Files.writeString(socket, "not a socket");
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(1).build()) {
            BindException e = assertThrows(BindException.class, () -> MiniRedis.start(runtime, ANY_LOCAL, null, socket));
            assertTrue(e.getMessage().contains(socket.toString()), e.getMessage());
            assertNull(runtime.taskDump().tasks().stream().findAny().orElse(null), "no accept loop left behind");
        }
    }

    private static String exchange(SocketChannel channel, String request, int replyLength) throws Exception {
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        ByteBuffer reply = ByteBuffer.allocate(replyLength);
        while (reply.hasRemaining() && channel.read(reply) >= 0) {
            // until the whole reply is here (the test's timeout bounds it)
        }
        assertArrayEquals(new byte[0], new byte[reply.remaining()], "the reply ended early");
        return new String(reply.array(), StandardCharsets.US_ASCII);
    }

    private static List<String> concat(List<String> a, String... b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(List.of(b));
        return all;
    }

    /** Runs a command (bounded), returning its stdout and stderr together. */
    private static String run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), () -> command + " finishes");
            return out;
        } finally {
            p.destroyForcibly(); // the one process this call started (no-op once it exited)
        }
    }
}
