package dev.jawait.samples.miniredis;

import static dev.jawait.samples.miniredis.MiniRedisFixture.awaitTrue;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every task of a connection ends when the connection ends, however it ends (issue 19: a
 * subscriber that left with a TCP reset kept its writer task, stuck in {@code Receiver.recv()},
 * for ever). For each way a normal or a subscribed connection can end, the runtime's live tasks,
 * the server's clients and byte gauges and the hub's channels go back to where they were, and a
 * fresh client is still served.
 */
@Timeout(120)
class ConnectionLifetimeTest {
    private static final Duration SERVED_WITHIN = Duration.ofSeconds(1);
    private static final byte[] MESSAGE = new byte[64 * 1024];

    private MiniRedisFixture f;

    @BeforeEach
    void start() throws IOException {
        f = MiniRedisFixture.start();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    /** How a subscribed connection ends. */
    enum SubscriberEnd {
        RESET_WHILE_IDLE,
        RESET_WHILE_ITS_WRITER_IS_BLOCKED,
        RESET_WHILE_ITS_READER_WAITS_FOR_ROOM,
        CLOSE_WHILE_IDLE,
        QUIT,
        PROTOCOL_ERROR,
        EVICTED_OVER_ITS_OUTPUT_LIMIT,
        UNSUBSCRIBE_THEN_RESET,
    }

    @ParameterizedTest
    @EnumSource
    void bothTasksOfASubscribedConnectionEndWithIt(SubscriberEnd how) throws Exception {
        try (RespClient sub = new RespClient(f.address(), 8 * 1024); RespClient pub = new RespClient(f.address())) {
            assertEquals(List.of("subscribe", "news", 1L), sub.call("SUBSCRIBE", "news"));
            awaitTrue(() -> f.connectionTasks() == 3, () -> "reader and writer of the subscriber, reader of the publisher");
            switch (how) {
                case RESET_WHILE_IDLE -> sub.reset();
                case RESET_WHILE_ITS_WRITER_IS_BLOCKED -> {
                    publishUntilQueued(pub, 1 << 20); // more than the socket takes: the writer waits for the peer
                    sub.reset();
                }
                case RESET_WHILE_ITS_READER_WAITS_FOR_ROOM -> {
                    Thread flood = MiniRedisFixture.floodPings(sub, new AtomicLong(), 64 << 20);
                    awaitTrue(() -> f.state().queuedOutputBytes() >= Session.BACKPRESSURE_BYTES,
                            () -> "the replies to fill the outbox: " + f.state().queuedOutputBytes());
                    sub.reset();
                    flood.join(10_000);
                }
                case CLOSE_WHILE_IDLE -> sub.close();
                case QUIT -> {
                    assertEquals("OK", sub.call("QUIT"));
                    assertTrue(sub.closedByServer());
                }
                case PROTOCOL_ERROR -> {
                    sub.sendRaw("*1\r\n$x\r\n".getBytes(ISO_8859_1));
                    assertEquals(new RespClient.Error("ERR Protocol error: invalid bulk length"), sub.read());
                    assertTrue(sub.closedByServer());
                }
                case EVICTED_OVER_ITS_OUTPUT_LIMIT -> {
                    f.state().outputLimits(OutputLimit.NORMAL, new OutputLimit(256 * 1024, 0, 0));
                    int published = 0;
                    while ((Long) pub.call("PUBLISH", "news", new String(MESSAGE, ISO_8859_1)) == 1L) {
                        assertTrue(++published < 1000, "never evicted");
                    }
                    assertEquals(1, f.state().outputLimitDisconnections());
                }
                case UNSUBSCRIBE_THEN_RESET -> {
                    assertEquals(List.of("unsubscribe", "news", 0L), sub.call("UNSUBSCRIBE"));
                    assertEquals("PONG", sub.call("PING"));
                    sub.reset();
                }
            }
            awaitTrue(() -> f.connectionTasks() == 1, () -> "the subscriber's tasks to end\n" + f.runtime.dumpTasks());
        }
        f.awaitNothingLeft();
        f.pingRoundTrip(SERVED_WITHIN);
    }

    /** How a normal (never subscribed) connection ends. */
    enum NormalEnd {
        RESET_WHILE_IDLE,
        RESET_MID_COMMAND,
        RESET_WHILE_REPLIES_WAIT_FOR_THE_PEER,
        CLOSE_MID_COMMAND,
        QUIT,
        PROTOCOL_ERROR,
        OVER_THE_QUERY_BUFFER_LIMIT,
        OVER_THE_OUTPUT_LIMIT,
    }

    @ParameterizedTest
    @EnumSource
    void theTaskOfANormalConnectionEndsWithIt(NormalEnd how) throws Exception {
        try (RespClient c = new RespClient(f.address(), 8 * 1024)) {
            assertEquals("PONG", c.call("PING"));
            switch (how) {
                case RESET_WHILE_IDLE -> c.reset();
                case RESET_MID_COMMAND -> {
                    c.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$100000\r\nxyz".getBytes(ISO_8859_1));
                    awaitTrue(() -> f.state().bufferedInputBytes() > 0, () -> "the partial command to be read");
                    c.reset();
                }
                case RESET_WHILE_REPLIES_WAIT_FOR_THE_PEER -> {
                    assertEquals("OK", c.call("SET", "v", "x".repeat(1 << 20)));
                    for (int i = 0; i < 20; i++) {
                        c.send("GET", "v"); // 20 MB of replies nobody reads
                    }
                    awaitTrue(() -> f.state().queuedOutputBytes() > 0, () -> "replies the socket cannot take");
                    c.reset();
                }
                case CLOSE_MID_COMMAND -> {
                    c.sendRaw("*2\r\n$4\r\nECHO\r\n$10\r\nabc".getBytes(ISO_8859_1));
                    awaitTrue(() -> f.state().bufferedInputBytes() > 0, () -> "the partial command to be read");
                    c.close();
                }
                case QUIT -> {
                    assertEquals("OK", c.call("QUIT"));
                    assertTrue(c.closedByServer());
                }
                case PROTOCOL_ERROR -> {
                    c.sendRaw("*x\r\n".getBytes(ISO_8859_1));
                    assertEquals(new RespClient.Error("ERR Protocol error: invalid multibulk length"), c.read());
                    assertTrue(c.closedByServer());
                }
                case OVER_THE_QUERY_BUFFER_LIMIT -> {
                    f.state().queryBufferLimit(4 * ConnectionIo.READ_BUFFER);
                    try (RespClient big = new RespClient(f.address())) {
                        big.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1000000\r\n".getBytes(ISO_8859_1));
                        try {
                            big.sendRaw(new byte[5 * ConnectionIo.READ_BUFFER]);
                        } catch (IOException closedWhileWriting) {
                            // the server may close as the last bytes go out: the outcome under test
                        }
                        assertTrue(big.closedByServer());
                    }
                    assertEquals(1, f.state().queryBufferLimitDisconnections());
                    c.close();
                }
                case OVER_THE_OUTPUT_LIMIT -> {
                    f.state().outputLimits(new OutputLimit(1 << 20, 0, 0), OutputLimit.PUBSUB);
                    assertEquals("OK", c.call("SET", "v", "x".repeat(400 * 1024)));
                    assertEquals(2, ((List<?>) c.call("MGET", "v", "v")).size(), "800 KB: under the limit");
                    c.send("MGET", "v", "v", "v"); // 1.2 MB in one reply
                    assertTrue(c.closedByServer(), "closed without the reply");
                    assertEquals(1, f.state().outputLimitDisconnections());
                }
            }
        }
        f.awaitNothingLeft();
        f.pingRoundTrip(SERVED_WITHIN);
    }

    /** Redis' maxclients: one client more is told so and closed; room again once one leaves. */
    @Test
    void aClientPastMaxclientsIsTurnedAwayWithRedisError() throws Exception {
        f.state().maxClients(2);
        try (RespClient first = new RespClient(f.address()); RespClient second = new RespClient(f.address())) {
            assertEquals("PONG", first.call("PING"));
            assertEquals("PONG", second.call("PING"));
            try (RespClient third = new RespClient(f.address())) {
                assertEquals(new RespClient.Error("ERR max number of clients reached"), third.read());
                assertTrue(third.closedByServer());
            }
            assertEquals(1, f.state().rejectedConnections());
            assertTrue(((String) first.call("INFO")).contains("rejected_connections:1\r\n"));
        }
        f.awaitNothingLeft();
        f.pingRoundTrip(SERVED_WITHIN);
    }

    @Test
    void maxclientsFitsTheOpenFilesLimitAsRedisDoes() {
        assertEquals(10_000, MiniRedis.maxClientsFor(10_000, -1, 0), "limit unknown");
        assertEquals(10_000, MiniRedis.maxClientsFor(10_000, 20_000, 100));
        assertEquals(992, MiniRedis.maxClientsFor(10_000, 1024, 0), "Redis' own example: 1024 - 32");
        assertEquals(20, MiniRedis.maxClientsFor(10_000, 64, 12));
        assertEquals(1, MiniRedis.maxClientsFor(10_000, 16, 12), "at least one");
    }

    @Test
    void closingTheServerEndsEveryConnectionTask() throws Exception {
        try (RespClient sub = new RespClient(f.address()); RespClient idle = new RespClient(f.address());
                RespClient pub = new RespClient(f.address(), 8 * 1024)) {
            assertEquals(List.of("subscribe", "news", 1L), sub.call("SUBSCRIBE", "news"));
            assertEquals("PONG", idle.call("PING"));
            assertEquals("OK", pub.call("SET", "v", "x".repeat(1 << 20)));
            for (int i = 0; i < 20; i++) {
                pub.send("GET", "v"); // its reader waits in a write
            }
            awaitTrue(() -> f.state().queuedOutputBytes() > 0, () -> "replies the socket cannot take");
            f.server.close();
            awaitTrue(() -> f.runtime.liveTaskCount() == 0, () -> "every task to end\n" + f.runtime.dumpTasks());
            assertTrue(sub.closedByServer());
            assertTrue(idle.closedByServer());
        }
        assertEquals(0, f.state().queuedOutputBytes());
        assertEquals(0, f.state().connectedClients());
    }

    /** Publishes 64 KB messages until the server holds {@code bytes} for its subscribers. */
    private void publishUntilQueued(RespClient pub, long bytes) throws Exception {
        String message = new String(MESSAGE, ISO_8859_1);
        for (int i = 0; f.state().queuedOutputBytes() < bytes; i++) {
            assertTrue(i < 400, "the subscriber's queue never grew: " + f.state().queuedOutputBytes());
            assertEquals(1L, pub.call("PUBLISH", "news", message));
        }
    }
}
