package dev.jawait.samples.miniredis;

/**
 * Redis' glob matching (util.c {@code stringmatchlen}) for {@code KEYS} and {@code CONFIG GET}:
 * {@code *}, {@code ?}, {@code [abc]}, {@code [^a]}, {@code [a-z]} and {@code \} to escape — in
 * time linear in the pattern times the text, whatever the pattern.
 *
 * <pre>{@code
 * Glob.matches("user:*".getBytes(), "user:42".getBytes());   // true
 * Glob users = Glob.compile("user:*".getBytes());             // compile once, match many keys
 * users.matches("item:7".getBytes());                          // false
 * }</pre>
 *
 * <p>The pattern is compiled into tokens that each match exactly one byte of text ({@code ?}, a
 * class, a literal) or any run of bytes ({@code *}). Matching is the classic greedy algorithm with
 * backtracking to the <em>last</em> star only: when a token fails, the last star swallows one more
 * byte and matching resumes after it. Going back to an earlier star never helps, because the last
 * star can already absorb anything an earlier one would, so the work is at most
 * (text length + 1) × (token count) steps. Redis' recursive matcher, which tries every split at
 * every star, needed seconds for {@code a*a*...*b} against a long run of {@code a}s (it now stops
 * early, as this loop does by construction).
 *
 * <p>Redis' quirks are kept, each checked against a real redis-server ({@code GlobTest}):
 * <ul>
 *   <li>An empty text matches only the empty pattern ({@code stringmatchlen("*", "")} is 0;
 *       {@code KEYS *} lists an empty key only because KEYS skips matching for a lone {@code *}).
 *   <li>In a class, {@code x-y} is a range whenever two bytes follow {@code x}, even if the second
 *       is {@code ]}: {@code [a-]} is the range from {@code a} to {@code ]}. A reversed range is
 *       swapped. Bytes compare as C's signed {@code char} (x86), so in {@code [a-\xff]} the
 *       0xff is -1 and the range, swapped, holds 0xff and 0x00..'a' but not 0x80..0xfe.
 *   <li>A class without its {@code ]} runs to the end of the pattern; a {@code \} at the very end
 *       of the pattern, or of a class, is a literal backslash.
 *   <li>Redis gives up (no match) past 1000 nested stars: a pattern with more than 1000 star groups
 *       followed by anything but stars matches nothing.
 * </ul>
 */
public final class Glob {
    /** Redis' guard against abusive patterns: at most this many nested star groups. */
    static final int MAX_STAR_NESTING = 1000;

    private static final byte LITERAL = 0;
    private static final byte ANY = 1;
    private static final byte CLASS = 2;
    private static final byte STAR = 3;

    /** Token kinds, in pattern order; consecutive stars are one token. */
    private final byte[] kinds;
    /** The byte a LITERAL token matches. */
    private final byte[] literals;
    /** For a CLASS token, which of the 256 byte values (index {@code b & 0xff}) it matches. */
    private final boolean[][] classes;
    private final boolean emptyPattern;
    private final boolean matchesNothing;

    private Glob(byte[] kinds, byte[] literals, boolean[][] classes, boolean emptyPattern,
            boolean matchesNothing) {
        this.kinds = kinds;
        this.literals = literals;
        this.classes = classes;
        this.emptyPattern = emptyPattern;
        this.matchesNothing = matchesNothing;
    }

    /** Whether {@code text} matches {@code pattern} (case-sensitive). */
    public static boolean matches(byte[] pattern, byte[] text) {
        return compile(pattern).matches(text);
    }

    /** The pattern's tokens, to match many texts (KEYS compiles once per call). */
    public static Glob compile(byte[] p) {
        int m = p.length;
        byte[] kinds = new byte[m];
        byte[] literals = new byte[m];
        boolean[][] classes = new boolean[m][];
        int count = 0;
        int starGroups = 0;
        boolean pastNestingLimit = false; // a star group beyond the limit was seen...
        boolean matchesNothing = false;   // ...and something other than a star follows it
        int i = 0;
        while (i < m) {
            byte c = p[i];
            if (c == '*') {
                while (i < m && p[i] == '*') {
                    i++;
                }
                kinds[count++] = STAR;
                pastNestingLimit |= ++starGroups > MAX_STAR_NESTING;
                continue;
            }
            matchesNothing |= pastNestingLimit;
            if (c == '?') {
                kinds[count++] = ANY;
                i++;
            } else if (c == '[') {
                boolean[] members = new boolean[256];
                i = parseClass(p, i + 1, members);
                kinds[count] = CLASS;
                classes[count++] = members;
            } else {
                if (c == '\\' && i + 1 < m) { // escaped: the next byte is literal
                    i++;
                }
                kinds[count] = LITERAL;
                literals[count++] = p[i++];
            }
        }
        return new Glob(java.util.Arrays.copyOf(kinds, count), literals, classes, m == 0, matchesNothing);
    }

    /**
     * Reads a class body starting just after its {@code [}, marking the bytes it matches, and
     * returns the index after its closing {@code ]} (or the pattern's length when it has none).
     * The steps are Redis' own, in its order: escape, end of class, end of pattern, range, byte.
     */
    private static int parseClass(byte[] p, int i, boolean[] members) {
        int m = p.length;
        boolean negated = i < m && p[i] == '^';
        if (negated) {
            i++;
        }
        while (true) {
            if (i + 1 < m && p[i] == '\\') {
                members[p[i + 1] & 0xff] = true;
                i += 2;
            } else if (i < m && p[i] == ']') {
                i++;
                break;
            } else if (i >= m) {
                break; // unterminated: the class runs to the end of the pattern
            } else if (i + 2 < m && p[i + 1] == '-') {
                int start = p[i]; // signed, as C's char: 0x80..0xff sort below 0
                int end = p[i + 2];
                if (start > end) {
                    int t = start;
                    start = end;
                    end = t;
                }
                for (int b = start; b <= end; b++) {
                    members[b & 0xff] = true;
                }
                i += 3;
            } else {
                members[p[i] & 0xff] = true;
                i++;
            }
        }
        if (negated) {
            for (int b = 0; b < 256; b++) {
                members[b] = !members[b];
            }
        }
        return i;
    }

    /** Whether {@code text} matches this pattern. */
    public boolean matches(byte[] text) {
        return matches(text, 0, text.length);
    }

    /** Whether {@code text[offset, offset + length)} matches this pattern. */
    public boolean matches(byte[] text, int offset, int length) {
        int n = offset + length;
        if (length == 0) {
            return emptyPattern; // Redis' loop never starts on an empty text
        }
        if (matchesNothing) {
            return false;
        }
        int t = 0;          // next token
        int s = offset;     // next byte of text
        int star = -1;      // the last star token passed, -1 for none
        int starText = 0;   // where the text stood when that star was passed (it has absorbed up to here)
        while (s < n) {
            if (t < kinds.length && kinds[t] == STAR) {
                star = t++;
                starText = s; // the star starts by absorbing nothing
            } else if (t < kinds.length && matchesOne(t, text[s])) {
                t++;
                s++;
            } else if (star >= 0) {
                t = star + 1;      // retry the tokens after the last star...
                s = ++starText;    // ...with the star absorbing one more byte
            } else {
                return false;
            }
        }
        while (t < kinds.length && kinds[t] == STAR) { // trailing stars absorb nothing
            t++;
        }
        return t == kinds.length;
    }

    private boolean matchesOne(int token, byte b) {
        return switch (kinds[token]) {
            case ANY -> true;
            case LITERAL -> literals[token] == b;
            case CLASS -> classes[token][b & 0xff];
            default -> false; // STAR is handled by the caller
        };
    }
}
