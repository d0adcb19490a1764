package dev.jawait.samples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the bytes a server sent into responses, by their {@code Content-Length}, so a test can
 * say "answered 200 then 400, and nothing for what came after".
 *
 * <pre>{@code
 * List<Integer> statuses = HttpReplies.statuses(out.toString(ISO_8859_1));   // [200, 400]
 * }</pre>
 */
final class HttpReplies {
    private HttpReplies() {}

    /** One response: status, head as text (for asserting headers) and body. */
    record Reply(int status, String head, String body) {}

    /** Every complete response in {@code bytes}; fails on trailing bytes that are not one. */
    static List<Reply> parse(String bytes) {
        List<Reply> replies = new ArrayList<>();
        int at = 0;
        while (at < bytes.length()) {
            int headEnd = bytes.indexOf("\r\n\r\n", at);
            if (!bytes.startsWith("HTTP/1.1 ", at) || headEnd < 0) {
                throw new AssertionError("not a response at " + at + ": " + printable(bytes.substring(at)));
            }
            String head = bytes.substring(at, headEnd + 2);
            int status = Integer.parseInt(head.substring(9, 12));
            int length = 0;
            for (String line : head.split("\r\n")) {
                if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Integer.parseInt(line.substring(15).trim());
                }
            }
            int bodyStart = headEnd + 4;
            if (bodyStart + length > bytes.length()) {
                throw new AssertionError("truncated response: " + printable(bytes.substring(at)));
            }
            replies.add(new Reply(status, head, bytes.substring(bodyStart, bodyStart + length)));
            at = bodyStart + length;
        }
        return replies;
    }

    /** The status codes of {@link #parse}, in order. */
    static List<Integer> statuses(String bytes) {
        return parse(bytes).stream().map(Reply::status).toList();
    }

    static String printable(String s) {
        return s.replace("\r", "\\r").replace("\n", "\\n");
    }

    static byte[] bytes(String s) {
        return s.getBytes(ISO_8859_1);
    }
}
