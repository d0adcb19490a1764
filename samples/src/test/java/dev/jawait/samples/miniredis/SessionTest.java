package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The whole command set through {@link Session#process}, no sockets. */
@Timeout(30)
class SessionTest {
    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private final ServerState state = new ServerState(clock::get, 6379);

    /**
     * An outbox that records what it is given (as if sent at once: nothing stays queued),
     * refusing beyond {@code limit} frames, and the output limit of each offer.
     */
    static final class RecordingOutbox implements Session.Outbox {
        final List<String> frames = new ArrayList<>();
        final List<OutputLimit> limits = new ArrayList<>();
        final int limit;
        boolean aborted;

        RecordingOutbox(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized boolean offer(byte[] bytes, OutputLimit outputLimit) {
            if (frames.size() >= limit) {
                return false;
            }
            frames.add(new String(bytes, ISO_8859_1));
            limits.add(outputLimit);
            return true;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public synchronized void abort() {
            aborted = true;
        }

        synchronized String joined() {
            return String.join("", frames);
        }
    }

    private final RecordingOutbox outbox = new RecordingOutbox(1000);
    private final Session session = state.newSession(() -> outbox);

    /** Sends RESP-encoded commands (each a list of arguments) and returns the replies' text. */
    private String send(Session s, String... args) {
        StringBuilder frame = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) {
            frame.append('$').append(a.getBytes(ISO_8859_1).length).append("\r\n").append(a).append("\r\n");
        }
        return raw(s, frame.toString());
    }

    private String send(String... args) {
        return send(session, args);
    }

    private static String raw(Session s, String bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes.getBytes(ISO_8859_1));
        RespEncoder out = new RespEncoder();
        s.process(in, out);
        return out.toString();
    }

    @Test
    void pingEchoAndInline() {
        assertEquals("+PONG\r\n", send("PING"));
        assertEquals("$2\r\nhi\r\n", send("ping", "hi"));
        assertEquals("$5\r\nhello\r\n", send("ECHO", "hello"));
        assertEquals("+PONG\r\n+PONG\r\n", raw(session, "PING\r\nPING\n"));
    }

    @Test
    void pipelinedBatchGivesAllRepliesInOrderAndKeepsTheTail() {
        ByteBuffer in = ByteBuffer.wrap("*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n*2\r\n$4\r\nINCR\r\n$1\r\na\r\n*2\r\n$3\r\nGET\r\n$1\r\na\r\n*2\r\n$3\r\nGE"
                .getBytes(ISO_8859_1));
        RespEncoder out = new RespEncoder();
        session.process(in, out);
        assertEquals("+OK\r\n:2\r\n$1\r\n2\r\n", out.toString());
        assertEquals("*2\r\n$3\r\nGE", ISO_8859_1.decode(in).toString(), "incomplete frame stays");
    }

    @Test
    void setOptions() {
        assertEquals("+OK\r\n", send("SET", "k", "v"));
        assertEquals("$-1\r\n", send("SET", "k", "w", "NX"));
        assertEquals("+OK\r\n", send("SET", "k", "w", "XX"));
        assertEquals("$-1\r\n", send("SET", "new", "w", "XX"));
        assertEquals("$1\r\nw\r\n", send("SET", "k", "x", "GET"));
        assertEquals("+OK\r\n", send("SET", "k", "x", "EX", "10"));
        assertEquals(":10\r\n", send("TTL", "k"));
        assertEquals("+OK\r\n", send("SET", "k", "x", "px", "1500"));
        assertEquals(":1500\r\n", send("PTTL", "k"));
        assertEquals(":2\r\n", send("TTL", "k"));
        clock.addAndGet(1500);
        assertEquals("$-1\r\n", send("GET", "k"));
        assertEquals("-ERR syntax error\r\n", send("SET", "k", "v", "NX", "XX"));
        assertEquals("-ERR syntax error\r\n", send("SET", "k", "v", "EX", "1", "PX", "5"));
        assertEquals("-ERR syntax error\r\n", send("SET", "k", "v", "EX"));
        assertEquals("-ERR syntax error\r\n", send("SET", "k", "v", "BOGUS"));
        assertEquals("-ERR value is not an integer or out of range\r\n", send("SET", "k", "v", "EX", "x"));
        assertEquals("-ERR invalid expire time in 'set' command\r\n", send("SET", "k", "v", "EX", "0"));
        assertEquals("-ERR invalid expire time in 'set' command\r\n", send("SET", "k", "v", "EX", "9223372036854775807"));
    }

    @Test
    void keyspaceCommands() {
        assertEquals("+OK\r\n", send("MSET", "a", "1", "b", "2", "c", "3"));
        assertEquals("*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n3\r\n", send("MGET", "a", "nope", "c"));
        assertEquals(":3\r\n", send("EXISTS", "a", "a", "b"));
        assertEquals(":2\r\n", send("DEL", "a", "b", "zz"));
        assertEquals(":0\r\n", send("EXISTS", "a"));
        assertEquals(":-2\r\n", send("TTL", "a"));
        assertEquals(":-1\r\n", send("TTL", "c"));
        assertEquals(":1\r\n", send("EXPIRE", "c", "100"));
        assertEquals(":100\r\n", send("TTL", "c"));
        assertEquals(":0\r\n", send("EXPIRE", "missing", "100"));
        assertEquals(":1\r\n", send("EXPIRE", "c", "-1"));
        assertEquals(":0\r\n", send("EXISTS", "c"));
        send("MSET", "user:1", "x", "user:2", "y", "item:1", "z");
        String keys = send("KEYS", "user:*");
        assertTrue(keys.startsWith("*2\r\n") && keys.contains("user:1") && keys.contains("user:2"), keys);
        assertEquals(":3\r\n", send("DBSIZE"));
        assertEquals("+string\r\n", send("TYPE", "user:1"));
        assertEquals("+OK\r\n", send("FLUSHALL"));
        assertEquals("*0\r\n", send("KEYS", "*"));
        assertEquals("-ERR wrong number of arguments for 'mset' command\r\n", send("MSET", "a", "1", "b"));
    }

    /** Issue 19's EXPIRE cases (ExpiryConformanceTest compares all combinations with a real redis-server). */
    @Test
    void expireOverflowAndOptionCombinationsAsRedis7() {
        assertEquals("+OK\r\n", send("SET", "foo", "bar"));
        assertEquals("-ERR invalid expire time in 'expire' command\r\n", send("EXPIRE", "foo", "-9223372036854776"));
        assertEquals("-ERR invalid expire time in 'pexpire' command\r\n",
                send("PEXPIRE", "foo", "9223372036854775807"), "+ now overflows");
        assertEquals("-ERR invalid expire time in 'expireat' command\r\n",
                send("EXPIREAT", "foo", "9223372036854776"));
        assertEquals("$3\r\nbar\r\n", send("GET", "foo"), "an invalid time deletes nothing");
        assertEquals(":0\r\n", send("EXPIRE", "foo", "100", "GT", "XX"), "no TTL yet: XX fails");
        assertEquals(":1\r\n", send("EXPIRE", "foo", "100"));
        assertEquals(":1\r\n", send("EXPIRE", "foo", "200", "GT", "XX"));
        assertEquals(":200\r\n", send("TTL", "foo"));
        assertEquals("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n",
                send("EXPIRE", "foo", "100", "NX", "GT"));
        assertEquals("-ERR GT and LT options at the same time are not compatible\r\n",
                send("EXPIRE", "foo", "100", "GT", "LT"));
        assertEquals("-ERR Unsupported option FOO\r\n", send("EXPIRE", "foo", "abc", "FOO"), "options come first");
        assertEquals(":1\r\n", send("PEXPIREAT", "foo", Long.toString(clock.get() + 5000)));
        assertEquals(":5000\r\n", send("PTTL", "foo"));
        assertEquals(":1\r\n", send("EXPIREAT", "foo", "1"), "a past time deletes");
        assertEquals(":0\r\n", send("EXISTS", "foo"));
    }

    /** Backpressure: a batch stops before a command once the replies reach the mark, and resumes. */
    @Test
    void processStopsAtTheBackpressureMarkAndGoesOnWithTheRest() {
        int pings = 20_000; // 140 KB of +PONG
        int perBatch = (Session.BACKPRESSURE_BYTES + 6) / 7; // +PONG\r\n is 7 bytes
        ByteBuffer in = ByteBuffer.wrap("PING\r\n".repeat(pings).getBytes(ISO_8859_1));
        RespEncoder out = new RespEncoder();
        int replies = 0;
        int stops = 0;
        while (session.process(in, out)) {
            stops++;
            assertTrue(out.size() >= Session.BACKPRESSURE_BYTES && out.size() < Session.BACKPRESSURE_BYTES + 7);
            assertTrue(in.hasRemaining(), "the commands after the mark wait in the buffer");
            replies += out.size() / 7;
            out.reset();
        }
        replies += out.size() / 7;
        assertEquals((pings - 1) / perBatch, stops);
        assertEquals(pings, replies);
        assertFalse(in.hasRemaining());
    }

    @Test
    void counters() {
        assertEquals(":1\r\n", send("INCR", "n"));
        assertEquals(":0\r\n", send("DECR", "n"));
        assertEquals(":10\r\n", send("INCRBY", "n", "10"));
        assertEquals(":7\r\n", send("DECRBY", "n", "3"));
        send("SET", "s", "abc");
        assertEquals("-ERR value is not an integer or out of range\r\n", send("INCR", "s"));
        send("SET", "max", "9223372036854775807");
        assertEquals("-ERR increment or decrement would overflow\r\n", send("INCR", "max"));
        assertEquals("$19\r\n9223372036854775807\r\n", send("GET", "max"));
    }

    @Test
    void errorsKeepTheConnection() {
        assertEquals("-ERR unknown command 'FOO', with args beginning with: 'a' 'b' \r\n", send("FOO", "a", "b"));
        assertEquals("-ERR unknown command 'HELLO', with args beginning with: '3' \r\n", send("HELLO", "3"));
        assertEquals("-ERR wrong number of arguments for 'get' command\r\n", send("GET"));
        assertEquals("-ERR wrong number of arguments for 'get' command\r\n", send("GET", "a", "b"));
        assertFalse(session.closeAfterReply());
        assertEquals("+PONG\r\n", send("PING"));
    }

    @Test
    void protocolErrorRepliesAfterEarlierCommandsThenCloses() {
        String replies = raw(session, "PING\r\n*1\r\n:x\r\nPING\r\n");
        assertEquals("+PONG\r\n-ERR Protocol error: expected '$', got ':'\r\n", replies);
        assertTrue(session.closeAfterReply());
    }

    @Test
    void quitRepliesOkAndStopsProcessing() {
        assertEquals("+OK\r\n", raw(session, "QUIT\r\nPING\r\n"));
        assertTrue(session.closeAfterReply());
    }

    @Test
    void whatClientsSendOnConnect() {
        assertEquals("*2\r\n$4\r\nsave\r\n$0\r\n\r\n", send("CONFIG", "GET", "save"));
        assertEquals("*2\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", send("CONFIG", "GET", "appendonly"));
        assertEquals("*0\r\n", send("CONFIG", "GET", "no-such-thing"));
        assertEquals("*0\r\n", send("COMMAND"));
        assertEquals("*0\r\n", send("COMMAND", "DOCS"));
        assertEquals("+OK\r\n", send("CLIENT", "SETNAME", "bench"));
        assertEquals("$5\r\nbench\r\n", send("CLIENT", "GETNAME"));
        assertEquals("+OK\r\n", send("SELECT", "0"));
        assertEquals("-ERR DB index is out of range\r\n", send("SELECT", "3"));
        assertTrue(send("INFO").contains("redis_version:"));
    }

    @Test
    void pubSubThroughOutboxInRedisOrder() {
        RecordingOutbox otherBox = new RecordingOutbox(1000);
        Session publisher = state.newSession(() -> otherBox);
        assertEquals(":0\r\n", send(publisher, "PUBLISH", "news", "nobody"));

        // Replies before SUBSCRIBE in the same batch reach the outbox before the confirmation.
        String direct = raw(session, "PING\r\n*3\r\n$9\r\nSUBSCRIBE\r\n$4\r\nnews\r\n$5\r\nsport\r\n");
        assertEquals("", direct, "once subscribed, output goes through the outbox");
        assertEquals("+PONG\r\n*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n",
                outbox.joined());
        assertEquals(":1\r\n", send(publisher, "PUBLISH", "news", "hello"));
        assertTrue(outbox.joined().endsWith("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"));

        int before = outbox.frames.size();
        send("GET", "x");
        assertEquals("-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
                outbox.frames.get(before));
        send("PING");
        assertEquals("*2\r\n$4\r\npong\r\n$0\r\n\r\n", outbox.frames.get(before + 1));
        send("UNSUBSCRIBE");
        assertEquals("*3\r\n$11\r\nunsubscribe\r\n$4\r\nnews\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$5\r\nsport\r\n:0\r\n",
                outbox.frames.get(before + 2));
        assertEquals(":0\r\n", send(publisher, "PUBLISH", "news", "gone"));
        send("GET", "x");
        assertEquals("$-1\r\n", outbox.frames.get(before + 3), "normal commands again after the last UNSUBSCRIBE");
        session.close();
        publisher.close();
        assertEquals(0, state.hub().channelCount());
    }

    @Test
    void slowSubscriberIsEvictedAndPublishersGoOn() {
        RecordingOutbox tiny = new RecordingOutbox(3);
        Session slow = state.newSession(() -> tiny);
        send(slow, "SUBSCRIBE", "c");
        send(session, "SUBSCRIBE", "c");
        Session publisher = state.newSession(() -> null);
        assertEquals(":2\r\n", send(publisher, "PUBLISH", "c", "1"));
        assertEquals(":2\r\n", send(publisher, "PUBLISH", "c", "2"));
        assertEquals(":1\r\n", send(publisher, "PUBLISH", "c", "3"));
        assertTrue(tiny.aborted);
        assertTrue(slow.closeAfterReply());
        slow.close();
        assertEquals(1, state.hub().subscriberCount("c"));
        assertNull(publisher.outbox());
    }
}
