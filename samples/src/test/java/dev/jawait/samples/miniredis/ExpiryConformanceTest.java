package dev.jawait.samples.miniredis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * SET with every combination of its options, EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT with every
 * combination of NX / XX / GT / LT and with negative, overflowing and malformed times, SETNX and
 * PERSIST — each from every starting state of the key (absent, no TTL, a short and a long TTL) —
 * sent to mini-redis and to a real redis-server, followed by GET / EXISTS / TTL / PTTL. Every reply
 * must be the same bytes, except that TTL and PTTL may differ by the time between the two runs
 * (1 s and 1000 ms, plus what the two runs took on a loaded machine; the times used are far
 * apart, so no comparison sits on an edge). Skipped where no redis-server can be had
 * ({@link RealRedis}).
 */
@Timeout(600)
class ExpiryConformanceTest {
    private static final String[] KEY_STATES_SETUP = {"DEL k", "SET k old", "SET k old EX 50", "SET k old EX 5000"};

    private static final List<Throwable> failures = TestRuntimes.failureList();
    private static RealRedis redis;
    private static AsyncRuntime runtime;
    private static MiniRedis miniRedis;
    private static RespClient real;
    private static RespClient mini;
    private static int compared;

    @BeforeAll
    static void start() throws Exception {
        redis = RealRedis.startOrSkip();
        runtime = TestRuntimes.twoWorkers(failures);
        miniRedis = MiniRedis.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        real = new RespClient(redis.address());
        mini = new RespClient(miniRedis.address());
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (mini != null) {
                mini.close();
                real.close();
                miniRedis.close();
                runtime.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
        assertEquals(List.of(), failures, "no task failed unhandled");
    }

    @Test
    void setWithEveryCombinationOfOptions() throws Exception {
        long nowSeconds = System.currentTimeMillis() / 1000;
        List<String> options = List.of("NX", "XX", "GET", "KEEPTTL", "EX 1000", "PX 1000000",
                "EXAT " + (nowSeconds + 2000), "PXAT " + (nowSeconds + 3000) * 1000);
        List<String> combinations = new ArrayList<>();
        for (String a : options) {
            combinations.add(a);
            for (String b : options) {
                combinations.add(a + " " + b);
                for (String c : options) {
                    combinations.add(a + " " + b + " " + c);
                }
            }
        }
        for (String unit : List.of("EX", "PX", "EXAT", "PXAT")) {
            for (String time : edgeTimes()) {
                combinations.add(unit + " " + time);
            }
            if (unit.endsWith("AT")) {
                combinations.add(unit + " 1"); // long past: set, and expired at once
            }
            combinations.add(unit);                           // no time
            combinations.add(unit + " 100 " + unit + " 200");  // repeated: the last wins
            combinations.add(unit + " abc NX XX");             // options are checked before the time
            combinations.add(unit + " 0 BOGUS");
            combinations.add(unit.toLowerCase() + " 100 nx get");
        }
        combinations.addAll(List.of("BOGUS", "GET GET", "NX NX", "XX XX", "KEEPTTL KEEPTTL", "EX 10 PX 10",
                "KEEPTTL EX 10", "EX 10 KEEPTTL", "EX 0 PX 0", "PXAT 1 GET", "EXAT 1 XX GET"));
        for (String setup : KEY_STATES_SETUP) {
            for (String combination : combinations) {
                compare(setup, "SET k new " + combination, "GET k", "TTL k", "PTTL k");
            }
        }
        for (String setup : KEY_STATES_SETUP) {
            compare(setup, "SETNX k new", "GET k", "TTL k");
            compare(setup, "PERSIST k", "TTL k", "PERSIST k");
        }
        compare("SET", "SET k", "SET k v EX", "TTL", "TTL a b", "PTTL", "PERSIST");
        assertTrue(compared > 10_000, "compared " + compared + " replies");
    }

    @Test
    void expireFamilyWithEveryCombinationOfOptionsAndTimes() throws Exception {
        long nowSeconds = System.currentTimeMillis() / 1000;
        List<String> flags = List.of("NX", "XX", "GT", "LT");
        List<String> optionLists = new ArrayList<>(List.of("", "FOO", "gt xx", "NX FOO", "XX GT LT", "GT XX NX",
                "LT LT XX", "GT GT"));
        for (String a : flags) {
            optionLists.add(a);
            for (String b : flags) {
                optionLists.add(a + " " + b);
            }
        }
        String[][] commands = {
            {"EXPIRE", "1000"},
            {"PEXPIRE", "1000000"},
            {"EXPIREAT", Long.toString(nowSeconds + 2000)},
            {"PEXPIREAT", Long.toString((nowSeconds + 3000) * 1000)},
        };
        for (String[] command : commands) {
            List<String> times = new ArrayList<>(edgeTimes());
            times.add(command[1]); // a time in the future, far from the setup's 50 s and 5000 s
            if (command[0].endsWith("AT")) {
                times.add("1"); // long past
            }
            for (String setup : KEY_STATES_SETUP) {
                for (String time : times) {
                    for (String options : optionLists) {
                        String expire = (command[0] + " k " + time + " " + options).trim();
                        compare(setup, expire, "EXISTS k", "TTL k", "PTTL k");
                    }
                }
            }
            compare("SET k v", command[0] + " k", command[0], command[0] + " nokey 10", command[0] + " nokey abc",
                    command[0] + " nokey -9223372036854776", command[0] + " nokey 10 FOO");
        }
        // The report of issue 19, literally: an overflowing time is an error and the key stays.
        compare("SET foo bar", "EXPIRE foo -9223372036854776", "GET foo", "EXPIRE foo 100 GT XX",
                "EXPIRE foo 100 GT LT", "EXPIRE foo 100 NX GT", "TTL foo");
        assertTrue(compared > 10_000, "compared " + compared + " replies");
    }

    @BeforeEach
    void emptyBothServers() throws Exception {
        compare("FLUSHALL");
    }

    /**
     * Times at and around every edge: zero, negative, the overflow of * 1000 and of + now, not
     * integers. No small positive time: as a relative time it would expire while the test looks.
     */
    private static List<String> edgeTimes() {
        return List.of("0", "-1", "abc", "1.5", "", "9223372036854775", "9223372036854776",
                "-9223372036854775", "-9223372036854776", "9223372036854775807", "9223372036854774807",
                "-9223372036854775808", "9223372036854775808");
    }

    /**
     * Runs the commands (space-separated words; no quoting needed here) on both servers, pipelined,
     * and compares the replies. The first command sets the key's state.
     */
    private static void compare(String... commands) throws Exception {
        List<String[]> parsed = new ArrayList<>();
        for (String c : commands) {
            parsed.add(c.split(" ", -1));
        }
        long start = System.nanoTime();
        List<String> expected = run(real, parsed);
        List<String> actual = run(mini, parsed);
        // Two servers' TTLs of one absolute time differ by the time between their reads, which a
        // loaded machine can stretch past a second: that time is allowed on top.
        long tookNanos = System.nanoTime() - start;
        for (int i = 0; i < commands.length; i++) {
            String where = String.join(" | ", Arrays.copyOf(commands, i + 1));
            String[] words = parsed.get(i);
            if (isTimeToLive(words) && isNonNegativeInteger(expected.get(i)) && isNonNegativeInteger(actual.get(i))) {
                long tolerance = words[0].equalsIgnoreCase("TTL")
                        ? 1 + TimeUnit.NANOSECONDS.toSeconds(tookNanos)
                        : 1000 + TimeUnit.NANOSECONDS.toMillis(tookNanos);
                long difference = Math.abs(integer(expected.get(i)) - integer(actual.get(i)));
                assertTrue(difference <= tolerance, where + ": redis " + expected.get(i) + " mini-redis " + actual.get(i));
            } else {
                assertEquals(expected.get(i), actual.get(i), where);
            }
            compared++;
        }
    }

    private static List<String> run(RespClient client, List<String[]> commands) throws Exception {
        for (String[] c : commands) {
            client.send(c);
        }
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            replies.add(client.readRaw());
        }
        return replies;
    }

    private static boolean isTimeToLive(String[] words) {
        return words.length == 2 && (words[0].equalsIgnoreCase("TTL") || words[0].equalsIgnoreCase("PTTL"));
    }

    private static boolean isNonNegativeInteger(String reply) {
        return reply.startsWith(":") && !reply.startsWith(":-");
    }

    private static long integer(String reply) {
        return Long.parseLong(reply.substring(1, reply.length() - 2));
    }
}
