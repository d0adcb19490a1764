package dev.jawait.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parses HTTP/1.x request heads from a byte buffer, one complete request at a time, so a
 * connection answers every pipelined request it has received in one batch. Stateless: a request
 * whose head or body is not complete yet leaves the buffer untouched. A request body announced by
 * {@code Content-Length} is skipped (the hello server ignores it); chunked bodies are refused
 * with 501.
 *
 * <pre>{@code
 * HttpRequest r;
 * while ((r = HttpRequestParser.next(in)) != null) {
 *     respond(r, out);
 * }
 * }</pre>
 */
public final class HttpRequestParser {
    /** Longest accepted request head (431 beyond). */
    public static final int MAX_HEAD = 8 * 1024;
    /** Largest accepted request body (413 beyond). */
    public static final int MAX_BODY = 1024 * 1024;

    private HttpRequestParser() {}

    /**
     * The next complete request, position moved past it (body included), or {@code null} with
     * the position unchanged when the buffer does not hold all of it yet.
     *
     * @throws HttpParseException for a request the server will not handle
     */
    public static HttpRequest next(ByteBuffer in) throws HttpParseException {
        int start = in.position();
        int limit = in.limit();
        // Tolerate empty lines before a request line (RFC 9112 section 2.2).
        while (start < limit && (in.get(start) == '\r' || in.get(start) == '\n')) {
            start++;
        }
        int headEnd = findHeadEnd(in, start, limit);
        if (headEnd < 0) {
            if (limit - start > MAX_HEAD) {
                throw new HttpParseException(431, "Request Header Fields Too Large");
            }
            if (start != in.position() && start == limit) {
                in.position(start); // only blank lines so far: drop them
            }
            return null;
        }
        if (headEnd - start > MAX_HEAD) {
            throw new HttpParseException(431, "Request Header Fields Too Large");
        }
        int lineEnd = indexOf(in, '\n', start, headEnd);
        int requestLineEnd = lineEnd > start && in.get(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        int sp1 = indexOf(in, ' ', start, requestLineEnd);
        int sp2 = sp1 < 0 ? -1 : indexOf(in, ' ', sp1 + 1, requestLineEnd);
        if (sp1 <= start || sp2 <= sp1 + 1) {
            throw new HttpParseException(400, "Bad Request");
        }
        boolean http10;
        if (matches(in, sp2 + 1, requestLineEnd, "HTTP/1.1")) {
            http10 = false;
        } else if (matches(in, sp2 + 1, requestLineEnd, "HTTP/1.0")) {
            http10 = true;
        } else if (ascii(in, sp2 + 1, requestLineEnd).startsWith("HTTP/")) {
            throw new HttpParseException(505, "HTTP Version Not Supported");
        } else {
            throw new HttpParseException(400, "Bad Request");
        }
        // The common values need no allocation: a keep-alive hello exchange allocates nothing here.
        String method = matches(in, start, sp1, "GET") ? "GET" : matches(in, start, sp1, "HEAD") ? "HEAD"
                : ascii(in, start, sp1);
        String target = matches(in, sp1 + 1, sp2, "/") ? "/" : ascii(in, sp1 + 1, sp2);

        boolean close = false;
        boolean keepAlive = false;
        long contentLength = 0;
        int line = lineEnd + 1;
        while (line < headEnd) {
            int end = indexOf(in, '\n', line, headEnd);
            int valueEnd = end > line && in.get(end - 1) == '\r' ? end - 1 : end;
            if (valueEnd == line) {
                break; // the empty line ending the head
            }
            int colon = indexOf(in, ':', line, valueEnd);
            if (colon <= line) {
                throw new HttpParseException(400, "Bad Request");
            }
            int valueStart = colon + 1;
            while (valueStart < valueEnd && (in.get(valueStart) == ' ' || in.get(valueStart) == '\t')) {
                valueStart++;
            }
            if (nameIs(in, line, colon, "connection")) {
                String value = ascii(in, valueStart, valueEnd).toLowerCase(java.util.Locale.ROOT);
                close |= value.contains("close");
                keepAlive |= value.contains("keep-alive");
            } else if (nameIs(in, line, colon, "content-length")) {
                contentLength = parseLength(in, valueStart, valueEnd);
            } else if (nameIs(in, line, colon, "transfer-encoding")) {
                throw new HttpParseException(501, "Not Implemented");
            }
            line = end + 1;
        }
        if (contentLength > MAX_BODY) {
            throw new HttpParseException(413, "Content Too Large");
        }
        int bodyEnd = headEnd + (int) contentLength;
        if (bodyEnd > limit) {
            return null;
        }
        in.position(bodyEnd);
        return new HttpRequest(method, target, http10, http10 ? keepAlive && !close : !close);
    }

    /** Index just past the blank line ending the head ("\r\n\r\n" or "\n\n"), or -1. */
    private static int findHeadEnd(ByteBuffer in, int from, int limit) {
        for (int i = from; i < limit; i++) {
            if (in.get(i) == '\n') {
                if (i + 1 < limit && in.get(i + 1) == '\n') {
                    return i + 2;
                }
                if (i + 2 < limit && in.get(i + 1) == '\r' && in.get(i + 2) == '\n') {
                    return i + 3;
                }
            }
        }
        return -1;
    }

    private static int indexOf(ByteBuffer in, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static boolean nameIs(ByteBuffer in, int from, int to, String lowerName) {
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if ((in.get(from + i) | 0x20) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static long parseLength(ByteBuffer in, int from, int to) throws HttpParseException {
        while (to > from && (in.get(to - 1) == ' ' || in.get(to - 1) == '\t')) {
            to--;
        }
        if (from == to || to - from > 18) {
            throw new HttpParseException(400, "Bad Request");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = in.get(i) - '0';
            if (d < 0 || d > 9) {
                throw new HttpParseException(400, "Bad Request");
            }
            n = n * 10 + d;
        }
        return n;
    }

    /** Whether {@code in[from, to)} is exactly the ASCII text {@code s}. */
    private static boolean matches(ByteBuffer in, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (in.get(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(ByteBuffer in, int from, int to) {
        byte[] b = new byte[to - from];
        in.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }
}
