package dev.jawait.samples.miniredis;

import java.nio.charset.StandardCharsets;

/**
 * Strict integer conversions between RESP byte strings and longs, as Redis' string2ll.
 *
 * <pre>{@code
 * long n = Numbers.parseLong("42".getBytes());    // 42
 * long bad = Numbers.parseLong(" 42".getBytes()); // Long.MIN_VALUE: not an integer
 * }</pre>
 */
final class Numbers {
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private Numbers() {}

    /**
     * The value of a decimal with no sign other than a leading '-', no blanks and no leading
     * zeros; {@code Long.MIN_VALUE} when it is not one (check {@link #isMinLong} to tell apart).
     */
    static long parseLong(byte[] s) {
        int n = s.length;
        if (n == 0 || n > 20) {
            return Long.MIN_VALUE;
        }
        if (n == 1 && s[0] == '0') {
            return 0;
        }
        boolean negative = s[0] == '-';
        int i = negative ? 1 : 0;
        if (i == n || s[i] == '0') {
            return Long.MIN_VALUE;
        }
        boolean mayOverflow = n - i > 18; // 18 digits always fit: skip the division per digit
        long value = 0; // accumulated negatively so Long.MIN_VALUE itself parses
        for (; i < n; i++) {
            int d = s[i] - '0';
            if (d < 0 || d > 9 || (mayOverflow && value < (Long.MIN_VALUE + d) / 10)) {
                return Long.MIN_VALUE;
            }
            value = value * 10 - d;
        }
        if (negative) {
            return value;
        }
        return value == Long.MIN_VALUE ? Long.MIN_VALUE : -value;
    }

    static boolean isMinLong(byte[] s) {
        return java.util.Arrays.equals(s, MIN_LONG);
    }

    /** Parses an argument that must be an integer, else the Redis error. */
    static long requireLong(byte[] s) {
        long v = parseLong(s);
        if (v == Long.MIN_VALUE && !isMinLong(s)) {
            throw new CommandError(CommandError.NOT_AN_INTEGER);
        }
        return v;
    }

    static byte[] toBytes(long n) {
        return Long.toString(n).getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] latin1(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String key(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
