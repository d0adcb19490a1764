package dev.jawait.samples.miniredis;

/**
 * Redis' glob matching (util.c stringmatchlen) for {@code KEYS}, {@code CONFIG GET}: {@code *},
 * {@code ?}, {@code [abc]}, {@code [^a]}, {@code [a-z]} and {@code \} to escape.
 *
 * <pre>{@code
 * Glob.matches("user:*".getBytes(), "user:42".getBytes());   // true
 * Glob.matches("h[ae]llo".getBytes(), "hillo".getBytes());   // false
 * }</pre>
 */
public final class Glob {
    private Glob() {}

    /** Whether {@code text} matches {@code pattern} (case-sensitive). */
    public static boolean matches(byte[] pattern, byte[] text) {
        return match(pattern, 0, text, 0, 0);
    }

    private static boolean match(byte[] p, int pi, byte[] s, int si, int depth) {
        if (depth > 1000) {
            return false; // like Redis, refuse pathological patterns instead of recursing forever
        }
        while (pi < p.length && si <= s.length) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int k = si; k <= s.length; k++) {
                        if (match(p, pi + 1, s, k, depth + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si == s.length) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si == s.length) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean found = false;
                    while (pi < p.length && p[pi] != ']') {
                        if (p[pi] == '\\' && pi + 1 < p.length) {
                            pi++;
                            found |= p[pi] == s[si];
                        } else if (pi + 2 < p.length && p[pi + 1] == '-' && p[pi + 2] != ']') {
                            int lo = p[pi] & 0xff;
                            int hi = p[pi + 2] & 0xff;
                            if (lo > hi) {
                                int t = lo;
                                lo = hi;
                                hi = t;
                            }
                            int c = s[si] & 0xff;
                            found |= c >= lo && c <= hi;
                            pi += 2;
                        } else {
                            found |= p[pi] == s[si];
                        }
                        pi++;
                    }
                    if (found == not) {
                        return false;
                    }
                    si++;
                }
                case '\\' -> {
                    if (pi + 1 < p.length) {
                        pi++;
                    }
                    if (si == s.length || p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (si == s.length || p[pi] != s[si]) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        return pi == p.length && si == s.length;
    }
}
