package dev.jawait.samples.http;

/**
 * The byte classes HTTP/1.1 messages are made of, as one lookup table: tokens (RFC 9110
 * section 5.6.2), field-value characters (RFC 9110 section 5.5), the characters of a URI
 * (RFC 3986 section 2) and hex digits.
 *
 * <pre>{@code
 * if (!HttpSyntax.isTchar(b)) throw new HttpParseException(400, "invalid method");
 * }</pre>
 */
final class HttpSyntax {
    private static final int TCHAR = 1;
    /** VCHAR and obs-text: a field value's characters other than SP and HTAB. */
    private static final int FIELD_VCHAR = 2;
    /** unreserved / sub-delims / gen-delims without '#': a request-target's characters besides "%" HEXDIG HEXDIG. */
    private static final int TARGET = 4;
    /** unreserved / sub-delims: a reg-name's characters besides "%" HEXDIG HEXDIG (RFC 3986 section 3.2.2). */
    private static final int REG_NAME = 8;
    private static final int HEX = 16;
    private static final int DIGIT = 32;
    private static final byte[] CLASSES = new byte[256];

    static {
        String alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        mark(alnum + "!#$%&'*+-.^_`|~", TCHAR);
        for (int c = 0x21; c <= 0xFF; c++) {
            if (c != 0x7F) {
                CLASSES[c] |= FIELD_VCHAR; // VCHAR is 0x21-0x7E, obs-text is 0x80-0xFF
            }
        }
        String unreserved = alnum + "-._~";
        String subDelims = "!$&'()*+,;=";
        mark(unreserved + subDelims, REG_NAME);
        mark(unreserved + subDelims + ":/?[]@", TARGET);
        mark("0123456789abcdefABCDEF", HEX);
        mark("0123456789", DIGIT);
    }

    private HttpSyntax() {}

    private static void mark(String chars, int bit) {
        for (int i = 0; i < chars.length(); i++) {
            CLASSES[chars.charAt(i)] |= bit;
        }
    }

    private static boolean is(byte b, int bit) {
        return (CLASSES[b & 0xFF] & bit) != 0;
    }

    /** tchar: a character of a token (methods, field names, transfer codings). */
    static boolean isTchar(byte b) {
        return is(b, TCHAR);
    }

    /** A field value's character other than SP and HTAB: VCHAR or obs-text. */
    static boolean isFieldVchar(byte b) {
        return is(b, FIELD_VCHAR);
    }

    /** SP or HTAB: the OWS and BWS of RFC 9110 section 5.6.3. */
    static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t';
    }

    /** A request-target character other than '%' (which starts a pct-encoded triplet). */
    static boolean isTargetChar(byte b) {
        return is(b, TARGET);
    }

    /** A reg-name character other than '%'. */
    static boolean isRegNameChar(byte b) {
        return is(b, REG_NAME);
    }

    static boolean isDigit(byte b) {
        return is(b, DIGIT);
    }

    static boolean isHexDigit(byte b) {
        return is(b, HEX);
    }

    /** The value of a hex digit ({@link #isHexDigit} must hold). */
    static int hexValue(byte b) {
        return b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10;
    }
}
