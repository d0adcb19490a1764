package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GlobTest {

    @ParameterizedTest
    @CsvSource({
        // stringmatchlen never matches an empty text against a non-empty pattern (checked with
        // redis-server 7.0.15: KEYS ** does not list the key ""); KEYS * does list it, because
        // KEYS does not match at all for a lone *, and neither does Store.keys.
        "*, '', false",
        "'', '', true",
        "user:*, user:42, true",
        "user:*, use:42, false",
        "h?llo, hello, true",
        "h?llo, hllo, false",
        "h*llo, heeeello, true",
        "h[ae]llo, hallo, true",
        "h[ae]llo, hillo, false",
        "h[^e]llo, hallo, true",
        "h[^e]llo, hello, false",
        "h[a-c]llo, hbllo, true",
        "h[a-c]llo, hdllo, false",
        "h[c-a]llo, hbllo, true",
        "a\\*b, a*b, true",
        "a\\*b, axb, false",
        "*a*b*, xxaxxbxx, true",
        "*a*b*, xxbxxaxx, false",
        "abc, abcd, false",
        "abc*, abc, true",
        "a**?, ab, true",
        "a*?, a, false",
        "*b, ab, true",
        "*b, abc, false",
        // Redis' quirks, as redis-server answers them:
        "a[a-], a], true",       // [a-] is the range a..]
        "a[a-], ab, false",
        "a[a-]], a], true",      // the range takes the first ], the second closes the class
        "ab[c, abc, true",       // a class without ] runs to the end of the pattern
        "'[^', x, true",
        "'[', x, false",
        "a[\\, a\\, true",       // a backslash ending a class is literal
        "a[\\]], a], true",      // an escaped ] inside a class
        "\\, \\, true",          // a backslash ending the pattern is literal
        "a\\, a\\, true",
    })
    void matchesLikeRedis(String pattern, String text, boolean expected) {
        assertEquals(expected, Glob.matches(pattern.getBytes(ISO_8859_1), text.getBytes(ISO_8859_1)));
    }

    @Test
    void rangesCompareBytesAsSignedCharsLikeRedisOnX86() {
        byte[] pattern = {'[', 'a', '-', (byte) 0xff, ']'}; // 0xff is -1: swapped to -1..'a'
        assertTrue(Glob.matches(pattern, new byte[] {(byte) 0xff}));
        assertTrue(Glob.matches(pattern, new byte[] {0}));
        assertTrue(Glob.matches(pattern, new byte[] {'A'}));
        assertFalse(Glob.matches(pattern, new byte[] {(byte) 0xf0}), "-16 is below -1");
        assertFalse(Glob.matches(pattern, new byte[] {'z'}));
    }

    @Test
    void moreThanAThousandNestedStarsMatchNothingAsInRedis() {
        byte[] text = "a".repeat(1001).getBytes(ISO_8859_1);
        assertTrue(Glob.matches("*a".repeat(1000).getBytes(ISO_8859_1), text));
        assertFalse(Glob.matches("*a".repeat(1001).getBytes(ISO_8859_1), text));
        assertTrue(Glob.matches(("a*".repeat(1001)).getBytes(ISO_8859_1), text), "trailing stars are never nested");
    }

    /** The pattern that kept a worker busy for seconds (issue 19) answers at once. */
    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void pathologicalPatternsAreLinear() {
        byte[] text = "a".repeat(40).getBytes(ISO_8859_1);
        assertFalse(Glob.matches(("a*".repeat(20) + "b").getBytes(ISO_8859_1), text));
        byte[] longText = "a".repeat(100_000).getBytes(ISO_8859_1);
        assertFalse(Glob.matches(("*a".repeat(500) + "*b").getBytes(ISO_8859_1), longText));
        assertTrue(Glob.matches(("*a".repeat(500) + "*").getBytes(ISO_8859_1), longText));
    }

    /** KEYS through a served mini-redis: the same pattern over a real connection. */
    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void keysWithThePathologicalPatternAnswersAtOnce() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                RespClient c = new RespClient(server.address())) {
            assertEquals("OK", c.call("SET", "a".repeat(40), "v"));
            assertEquals(List.of(), c.call("KEYS", "a*".repeat(20) + "b"));
            assertEquals(List.of("a".repeat(40)), c.call("KEYS", "a*".repeat(20)));
        }
        assertEquals(List.of(), failures);
    }

    /**
     * The same keys and patterns through KEYS on mini-redis and on a real redis-server: the same
     * keys must come back (the order of KEYS is unspecified, so both are sorted). Patterns are
     * hand-picked edge cases plus random ones over a small alphabet rich in glob syntax.
     */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void keysMatchesWhatARealRedisMatches() throws Exception {
        List<String> keys = new ArrayList<>(List.of("", "a", "b", "ab", "abc", "a]", "a\\", "a-b", "a^", "x*y",
                "[", "]", "\\", "-", "^", "aaa", "aab", "a?c", "abcabc", "A", "\u00f0", "a\u00f0", "a".repeat(40)));
        List<String> patterns = new ArrayList<>(List.of("*", "**", "?", "??", "?*", "*?", "a*", "*a", "a*a*a*a*b",
                "[a-]", "a[a-]", "a[a-]]", "a[]]", "a[^]]", "[^", "[", "[]", "[\\]]", "a[\\", "\\", "a\\", "\\*",
                "[a-c]*", "[c-a]*", "[^a-c]*", "*[\u00f0]", "[a-\u00ff]", "a[a-\u00ff]", "a-*", "*^", "x\\*y", "x*y",
                "*]", "a*".repeat(20) + "b", "*a".repeat(1000), "*a".repeat(1001), ""));
        Random random = new Random(19);
        String alphabet = "ab*?[]^-\\";
        for (int i = 0; i < 300; i++) {
            StringBuilder p = new StringBuilder();
            for (int j = random.nextInt(7); j >= 0; j--) {
                p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            patterns.add(p.toString());
        }
        for (int i = 0; i < 60; i++) {
            StringBuilder k = new StringBuilder();
            for (int j = random.nextInt(6); j > 0; j--) {
                k.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            keys.add(k.toString());
        }
        List<Throwable> failures = TestRuntimes.failureList();
        try (RealRedis redis = RealRedis.startOrSkip();
                AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                MiniRedis server = MiniRedis.start(runtime,
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                RespClient real = new RespClient(redis.address());
                RespClient mini = new RespClient(server.address())) {
            for (String k : keys) {
                assertEquals(real.call("SET", k, "v"), mini.call("SET", k, "v"));
            }
            for (String p : patterns) {
                assertEquals(sorted(real.call("KEYS", p)), sorted(mini.call("KEYS", p)), () -> "KEYS " + p);
            }
        }
        assertEquals(List.of(), failures);
    }

    private static TreeSet<String> sorted(Object keysReply) {
        TreeSet<String> set = new TreeSet<>();
        for (Object k : (List<?>) keysReply) {
            set.add((String) k);
        }
        return set;
    }
}
