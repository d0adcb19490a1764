package dev.jawait.samples.miniredis;

import static dev.jawait.samples.miniredis.MiniRedisFixture.awaitTrue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Output is limited in bytes, as Redis' {@code client-output-buffer-limit} (issue 19: the limit
 * counted frames, so a subscriber of 64 KB messages queued 260 MB before it was cut off, and a
 * subscriber flooding PING without reading drove the server to 2.9 GB), and a client whose
 * replies are not being read stops being read.
 */
@Timeout(120)
class OutputLimitTest {
    private static final long MB = 1 << 20;

    /**
     * Redis' default pub/sub limit is 32 MB: a subscriber that never reads is evicted once that
     * much is queued for it. The kernel's socket buffers take a few MB more before anything is
     * queued (here up to 4 MB of send buffer, tcp_wmem's maximum, plus the client's 16 KB), so the
     * published total must lie between 32 MB and 32 MB + 16 MB; the server itself never held 32 MB.
     */
    @Test
    void aSubscriberThatDoesNotReadIsEvictedAfterAbout32MbOf64KbMessages() throws Exception {
        try (MiniRedisFixture f = MiniRedisFixture.start();
                RespClient sub = new RespClient(f.address(), 16 * 1024);
                RespClient pub = new RespClient(f.address())) {
            assertEquals(List.of("subscribe", "news", 1L), sub.call("SUBSCRIBE", "news"));
            String message = "m".repeat(64 * 1024);
            long frame = RespEncoder.message(Numbers.latin1("news"), Numbers.latin1(message)).length;
            long delivered = 0;
            long mostQueued = 0;
            while ((Long) pub.call("PUBLISH", "news", message) == 1L) {
                delivered += frame;
                mostQueued = Math.max(mostQueued, f.state().queuedOutputBytes());
                assertTrue(delivered < 256 * MB, "still not evicted after 256 MB");
            }
            assertTrue(delivered >= 32 * MB - frame && delivered <= 48 * MB,
                    "evicted after " + delivered / MB + " MB published");
            assertTrue(mostQueued < 32 * MB && mostQueued > 16 * MB, "queued at most " + mostQueued);
            assertEquals(1, f.state().outputLimitDisconnections());
            assertTrue(((String) pub.call("INFO")).contains("client_output_buffer_limit_disconnections:1\r\n"));
            awaitTrue(() -> f.state().queuedOutputBytes() == 0, () -> "the evicted queue to be dropped");
            f.pingRoundTrip(Duration.ofSeconds(1));
        }
    }

    /**
     * A client that sends PING after PING and never reads: once {@link Session#BACKPRESSURE_BYTES}
     * of replies wait, the server stops reading it, so its flood stalls in its own socket and the
     * server holds at most the backpressure mark (plus one reply) of output and two read buffers
     * of input for it — as a normal client and as a subscriber (whose replies go through its
     * outbox). It is not evicted: stalling it costs nothing.
     */
    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aClientFloodingPingWithoutReadingIsNoLongerReadAndHoldsLittle(boolean subscribed) throws Exception {
        try (MiniRedisFixture f = MiniRedisFixture.start(); RespClient c = new RespClient(f.address(), 16 * 1024)) {
            if (subscribed) {
                assertEquals(List.of("subscribe", "news", 1L), c.call("SUBSCRIBE", "news"));
            }
            AtomicLong sent = new AtomicLong();
            Thread flood = MiniRedisFixture.floodPings(c, sent, 256 * MB);
            long mostQueued = 0;
            long mostBuffered = 0;
            // The flood stalls when the server stops reading: its sent count then stays put.
            long lastSent = -1;
            int stillFor = 0;
            while (stillFor < 50 && flood.isAlive()) {
                TimeUnit.MILLISECONDS.sleep(10);
                mostQueued = Math.max(mostQueued, f.state().queuedOutputBytes());
                mostBuffered = Math.max(mostBuffered, f.state().bufferedInputBytes());
                long now = sent.get();
                stillFor = now == lastSent ? stillFor + 1 : 0;
                lastSent = now;
            }
            assertTrue(flood.isAlive() && sent.get() < 256 * MB, "the server read the whole flood: " + sent.get());
            assertTrue(mostQueued <= Session.BACKPRESSURE_BYTES + 64, "queued " + mostQueued);
            assertTrue(mostBuffered <= 2L * ConnectionIo.READ_BUFFER, "buffered input " + mostBuffered);
            assertEquals(0, f.state().outputLimitDisconnections(), "not evicted");
            f.pingRoundTrip(Duration.ofSeconds(1));
            c.reset();
            flood.join(10_000);
            f.awaitNothingLeft();
        }
    }

    /** Normal clients: one reply reaching the hard limit closes the client without the reply. */
    @Test
    void aReplyReachingTheNormalLimitClosesTheClient() throws Exception {
        try (MiniRedisFixture f = MiniRedisFixture.start(); RespClient other = new RespClient(f.address())) {
            f.state().outputLimits(new OutputLimit(MB, 0, 0), OutputLimit.PUBSUB);
            String value = "v".repeat(300 * 1024);
            assertEquals("OK", other.call("SET", "big", value));
            try (RespClient c = new RespClient(f.address())) {
                assertEquals(List.of(value, value, value), c.call("MGET", "big", "big", "big"));
                c.send("MGET", "big", "big", "big", "big");
                assertTrue(c.closedByServer());
            }
            assertEquals(1, f.state().outputLimitDisconnections());
            assertEquals("PONG", other.call("PING"));
            f.pingRoundTrip(Duration.ofSeconds(1));
        }
    }

    /** Redis' soft limit: over 8 MB continuously for more than 60 s, checked at each addition. */
    @Test
    void theSoftLimitEvictsOnlyAfterItsTime() {
        ServerState server = new ServerState(() -> 0, 0);
        QueuedOutput queued = new QueuedOutput(server);
        OutputLimit limit = OutputLimit.PUBSUB;
        assertTrue(queued.tryAdd(8 * MB, limit, 1_000), "reaching the soft limit starts its clock");
        assertTrue(queued.tryAdd(MB, limit, 61_000), "60 s over it: not yet more than 60 s");
        queued.sent(5 * MB);
        assertTrue(queued.tryAdd(1, limit, 62_000), "under it again: the clock stops");
        assertTrue(queued.tryAdd(4 * MB, limit, 70_000), "over it again: a new clock");
        assertTrue(queued.tryAdd(1, limit, 130_000));
        assertFalse(queued.tryAdd(1, limit, 130_001), "more than 60 s over it");
        assertTrue(queued.isClosed());
        assertEquals(0, queued.bytes());
        assertEquals(1, server.outputLimitDisconnections());
        assertEquals(0, server.queuedOutputBytes(), "a closed queue holds nothing");
        assertFalse(queued.tryAdd(1, limit, 130_002), "closed: refuses everything");
    }

    @Test
    void theHardLimitIsReachedAtEquality() {
        ServerState server = new ServerState(() -> 0, 0);
        QueuedOutput queued = new QueuedOutput(server);
        OutputLimit limit = new OutputLimit(100, 0, 0);
        assertTrue(queued.tryAdd(99, limit, 0));
        assertEquals(99, server.queuedOutputBytes());
        assertFalse(queued.tryAdd(1, limit, 0), "100 reaches the limit of 100, as Redis' used >= hard");
        assertEquals(0, server.queuedOutputBytes());
        assertEquals(1, server.outputLimitDisconnections());
    }

    @Test
    void anEncoderWithALimitRefusesTheAppendThatWouldReachIt() {
        RespEncoder out = new RespEncoder();
        out.limit(20);
        out.bulk(Numbers.latin1("x")); // 7 bytes
        OutputLimitException e = assertThrows(OutputLimitException.class, () -> out.bulk(new byte[10]));
        assertTrue(e.getMessage().contains("the limit is 20"), e.getMessage());
        assertEquals("$1\r\nx\r\n", out.toString(), "nothing of the refused reply was appended");
        out.limit(RespEncoder.UNLIMITED);
        out.bulk(new byte[1 << 20]);
        assertEquals(7 + 1 + 7 + 2 + 2 + (1 << 20), out.size());
    }
}
