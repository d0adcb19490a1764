package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Unknown commands and malformed input get Redis' reply byte for byte, and the connection
 * survives exactly when Redis' does. The table was recorded from redis-server 7.0.15; where a
 * {@code redis-server} can be had ({@link RealRedis}), the same table also runs against a real
 * one (started here on a free port of 127.0.0.1 and stopped by its process handle), so it cannot
 * drift from Redis.
 *
 * <p>Two deliberate differences are left out: {@code HELLO} is an unknown command (mini-redis
 * speaks RESP2 only, as a Redis 2 server would), and a NUL byte in an inline command is a blank
 * (Redis' C-string scan stops at it and waits for a newline that it never sees).
 */
@Timeout(120)
class RedisConformanceTest {
    /** What happens to the connection once the reply was read. */
    enum After {
        /** Still serving: a following command is answered. */
        OPEN,
        /** Closed by the server. */
        CLOSED,
        /** Waiting for the rest of an incomplete command: no reply, no close. */
        WAITING
    }

    /** One input, Redis' reply to it and what happens next. */
    record Case(String name, String input, String reply, After after) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final String ECHO_ALIVE = "*2\r\n$4\r\nECHO\r\n$5\r\nalive\r\n";
    private static final String ALIVE = "$5\r\nalive\r\n";

    static List<Case> cases() {
        return List.of(
                new Case("unknown command", "*2\r\n$4\r\nNOPE\r\n$1\r\nx\r\n",
                        "-ERR unknown command 'NOPE', with args beginning with: 'x' \r\n", After.OPEN),
                new Case("unknown inline command", "NOPE a b\r\n",
                        "-ERR unknown command 'NOPE', with args beginning with: 'a' 'b' \r\n", After.OPEN),
                new Case("empty command name", "*1\r\n$0\r\n\r\n",
                        "-ERR unknown command '', with args beginning with: \r\n", After.OPEN),
                new Case("wrong arity", "GET\r\nMSET a\r\n",
                        "-ERR wrong number of arguments for 'get' command\r\n"
                        + "-ERR wrong number of arguments for 'mset' command\r\n", After.OPEN),
                new Case("bad arguments", "SET k v FOO\r\nSET k v EX 0\r\nSET k v NX XX\r\nSET s abc\r\nINCR s\r\n",
                        "-ERR syntax error\r\n-ERR invalid expire time in 'set' command\r\n-ERR syntax error\r\n"
                        + "+OK\r\n-ERR value is not an integer or out of range\r\n", After.OPEN),
                new Case("frames without a command are ignored", "*0\r\n*-1\r\n*-5\r\n\r\n\n   \r\nPING\r\n",
                        "+PONG\r\n", After.OPEN),
                new Case("inline commands may end with LF alone", "PING\nPING\n", "+PONG\r\n+PONG\r\n", After.OPEN),
                new Case("inline quoting", "ECHO \"\\x41\\x42\\tc\"\r\nECHO 'it\\'s'\r\n",
                        "$4\r\nAB\tc\r\n$4\r\nit's\r\n", After.OPEN),
                new Case("a line that is not a frame is an inline command", "$4\r\nPING\r\n",
                        "-ERR unknown command '$4', with args beginning with: \r\n+PONG\r\n", After.OPEN),
                new Case("bulk data is not checked for its CRLF", "*1\r\n$4\r\nPINGxx*1\r\n$4\r\nPING\r\n",
                        "+PONG\r\n+PONG\r\n", After.OPEN),
                new Case("command refused while subscribed", "SUBSCRIBE c\r\nGET x\r\nPING\r\nUNSUBSCRIBE\r\n",
                        "*3\r\n$9\r\nsubscribe\r\n$1\r\nc\r\n:1\r\n"
                        + "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET"
                        + " are allowed in this context\r\n"
                        + "*2\r\n$4\r\npong\r\n$0\r\n\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nc\r\n:0\r\n", After.OPEN),
                new Case("multibulk length not a number", "*abc\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length with a sign", "*+1\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length with a blank", "* 1\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length with a leading zero", "*01\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length -0", "*-0\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length 00", "*00\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("multibulk length over INT_MAX", "*2147483648\r\n",
                        "-ERR Protocol error: invalid multibulk length\r\n", After.CLOSED),
                new Case("more than a million arguments are allowed", "*1048577\r\nPING\r\n",
                        "-ERR Protocol error: expected '$', got 'P'\r\n", After.CLOSED),
                new Case("INT_MAX arguments: waits for them", "*2147483647\r\n", "", After.WAITING),
                new Case("bulk length not a number, after a good command", "PING\r\n*1\r\n$abc\r\n",
                        "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk length with a leading zero", "*1\r\n$04\r\n",
                        "-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk length 00", "*1\r\n$00\r\n", "-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk length -0", "*1\r\n$-0\r\n", "-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk length -1", "*1\r\n$-1\r\n", "-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk over 512 MB", "*1\r\n$536870913\r\n",
                        "-ERR Protocol error: invalid bulk length\r\n", After.CLOSED),
                new Case("bulk of exactly 512 MB: waits for it", "*1\r\n$536870912\r\n", "", After.WAITING),
                new Case("argument that is not a bulk string", "*1\r\nfoo\r\n",
                        "-ERR Protocol error: expected '$', got 'f'\r\n", After.CLOSED),
                new Case("multibulk with LF line ends: waits for a CR", "*1\n$4\nPING\n", "", After.WAITING),
                new Case("incomplete frame: waits", "*1\r\n$4\r\nPI", "", After.WAITING),
                new Case("unbalanced double quote", "SET \"a b\r\n",
                        "-ERR Protocol error: unbalanced quotes in request\r\n", After.CLOSED),
                new Case("unbalanced single quote", "SET 'a b\r\n",
                        "-ERR Protocol error: unbalanced quotes in request\r\n", After.CLOSED),
                new Case("closing quote not followed by a blank", "SET \"a\"b c\r\n",
                        "-ERR Protocol error: unbalanced quotes in request\r\n", After.CLOSED),
                new Case("inline command over 64 KB", "A".repeat(70_000),
                        "-ERR Protocol error: too big inline request\r\n", After.CLOSED),
                new Case("multibulk header over 64 KB", "*" + "1".repeat(70_000),
                        "-ERR Protocol error: too big mbulk count string\r\n", After.CLOSED),
                new Case("bulk header over 64 KB", "*1\r\n$" + "1".repeat(70_000),
                        "-ERR Protocol error: too big bulk count string\r\n", After.CLOSED),
                new Case("QUIT answers, then closes; later commands are not run", "PING\r\nQUIT\r\nPING\r\n",
                        "+PONG\r\n+OK\r\n", After.CLOSED));
    }

    private static AsyncRuntime runtime;
    private static MiniRedis miniRedis;
    private static final List<Throwable> failures = TestRuntimes.failureList();
    private static RealRedis redisServer;

    @BeforeAll
    static void start() throws Exception {
        runtime = TestRuntimes.twoWorkers(failures);
        miniRedis = MiniRedis.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterAll
    static void stop() throws Exception {
        miniRedis.close();
        runtime.close();
        if (redisServer != null) {
            redisServer.close(); // the one process we started, by its handle
        }
        assertEquals(List.of(), failures, "no task failed unhandled");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void miniRedisAnswersAsRedis(Case c) throws Exception {
        check(miniRedis.address(), c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theTableIsWhatARealRedisAnswers(Case c) throws Exception {
        check(realRedis(), c);
    }

    @Test
    void everyCaseHasADistinctName() {
        assertEquals(cases().size(), cases().stream().map(Case::name).distinct().count());
    }

    /** Sends the input, reads exactly the expected reply, then checks the connection's fate. */
    private static void check(InetSocketAddress address, Case c) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(address, 5000);
            s.setSoTimeout(10_000);
            s.getOutputStream().write(c.input().getBytes(ISO_8859_1));
            InputStream in = s.getInputStream();
            assertEquals(c.reply(), new String(readUpTo(in, c.reply().length()), ISO_8859_1), c.name());
            switch (c.after()) {
                case OPEN -> {
                    s.getOutputStream().write(ECHO_ALIVE.getBytes(ISO_8859_1));
                    assertEquals(ALIVE, new String(readUpTo(in, ALIVE.length()), ISO_8859_1),
                            c.name() + ": the connection goes on");
                }
                case CLOSED -> assertEquals(-1, readOrReset(in), c.name() + ": closed after the reply");
                case WAITING -> {
                    s.setSoTimeout(300);
                    assertThrows(SocketTimeoutException.class, in::read, c.name() + ": still waiting for input");
                }
            }
        }
    }

    /** Up to {@code n} bytes: fewer only if the server closed first. */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] got = new byte[n];
        int at = 0;
        while (at < n) {
            int r;
            try {
                r = in.read(got, at, n - at);
            } catch (SocketException reset) {
                r = -1;
            }
            if (r < 0) {
                return java.util.Arrays.copyOf(got, at);
            }
            at += r;
        }
        return got;
    }

    /** -1 at end of stream or on a reset (a close with unread input), else the next byte. */
    private static int readOrReset(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (SocketException reset) {
            return -1;
        }
    }

    /** A redis-server of our own on a free port ({@link RealRedis}), or the test is skipped. */
    private static synchronized InetSocketAddress realRedis() throws Exception {
        if (redisServer == null) {
            redisServer = RealRedis.startOrSkip();
        }
        return redisServer.address();
    }
}
