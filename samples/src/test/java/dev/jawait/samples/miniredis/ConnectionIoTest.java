package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TaskDumps;
import dev.jawait.samples.TestRuntimes;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The connection's read/write cycle ({@link ConnectionIo}) over real sockets: frames cut at every
 * possible place, a frame larger than the per-thread buffer, replies larger than the socket takes.
 */
@Timeout(60)
class ConnectionIoTest {
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
    void framesArrivingInTinyPiecesAreReassembled() throws Exception {
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        int count = 300;
        for (int i = 0; i < count; i++) {
            pipeline.writeBytes(RespClient.encode("SET", "k" + i, "value-" + i));
            pipeline.writeBytes(("GET k" + i + "\r\n").getBytes(ISO_8859_1)); // inline, too
        }
        byte[] bytes = pipeline.toByteArray();
        Random random = new Random(7);
        try (RespClient c = new RespClient(address)) {
            for (int at = 0; at < bytes.length; ) {
                int n = Math.min(1 + random.nextInt(7), bytes.length - at);
                byte[] piece = new byte[n];
                System.arraycopy(bytes, at, piece, 0, n);
                c.sendRaw(piece); // flushed: the server sees many partial frames
                at += n;
            }
            for (int i = 0; i < count; i++) {
                assertEquals("OK", c.read());
                assertEquals("value-" + i, c.read());
            }
            assertEquals("PONG", c.call("PING"));
        }
    }

    @Test
    void frameLargerThanTheReadBufferThenSmallOnes() throws Exception {
        String big = "y".repeat(ConnectionIo.READ_BUFFER * 5 + 17);
        ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
        pipeline.writeBytes(RespClient.encode("SET", "small", "1"));
        pipeline.writeBytes(RespClient.encode("SET", "big", big));
        pipeline.writeBytes(RespClient.encode("INCR", "small"));
        try (RespClient c = new RespClient(address)) {
            c.sendRaw(pipeline.toByteArray());
            assertEquals("OK", c.read());
            assertEquals("OK", c.read());
            assertEquals(2L, c.read());
            assertEquals((long) big.length(), c.call("STRLEN", "big"));
            assertEquals(big, c.call("GET", "big"));
        }
    }

    @Test
    void repliesLargerThanTheSocketTakesAllArriveInOrder() throws Exception {
        String value = "z".repeat(256 * 1024);
        int gets = 48; // 12 MB of replies to one pipelined batch: the server must wait for the reader
        try (RespClient c = new RespClient(address)) {
            assertEquals("OK", c.call("SET", "v", value));
            ByteArrayOutputStream pipeline = new ByteArrayOutputStream();
            for (int i = 0; i < gets; i++) {
                pipeline.writeBytes(RespClient.encode("GET", "v"));
                pipeline.writeBytes(RespClient.encode("INCR", "n"));
            }
            c.sendRaw(pipeline.toByteArray());
            // Read only once the server filled the socket and waits for writability.
            String writing = TaskDumps.suspendedAt(Path.of("src/main/java/dev/jawait/samples/miniredis/RedisConnection.java"),
                    "serve", "await(socket.writeAll(unsent))");
            TaskDumps.await(runtime, dump -> TaskDumps.count(dump, writing) == 1, "the connection waiting to write");
            for (long i = 1; i <= gets; i++) {
                assertEquals(value, c.read());
                assertEquals(i, c.read());
            }
            assertEquals("PONG", c.call("PING"));
        }
    }

    @Test
    void anIncompleteCommandOverTheQueryBufferLimitClosesTheConnectionWithoutAReply() throws Exception {
        int limit = 4 * ConnectionIo.READ_BUFFER;
        server.state().queryBufferLimit(limit);
        String fits = "f".repeat(limit - 100);
        try (RespClient big = new RespClient(address); RespClient other = new RespClient(address)) {
            assertEquals("OK", big.call("SET", "fits", fits), "a command under the limit is served");
            // Announce 1 MB, send a bit more than the limit of it: Redis closes such a client.
            big.sendRaw("*3\r\n$3\r\nSET\r\n$4\r\nhuge\r\n$1048576\r\n".getBytes(ISO_8859_1));
            try {
                big.sendRaw(new byte[limit + 1]);
            } catch (java.net.SocketException closedWhileWriting) {
                // the server may close as the last bytes go out: that is the outcome under test
            }
            assertTrue(big.closedByServer(), "closed, and nothing was answered");
            assertEquals(fits, other.call("GET", "fits"), "the other connection goes on");
            assertEquals(0L, other.call("EXISTS", "huge"));
        }
    }
}
