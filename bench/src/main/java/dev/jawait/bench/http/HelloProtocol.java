package dev.jawait.bench.http;

import java.nio.charset.StandardCharsets;

/**
 * The one HTTP exchange every server in the HTTP comparison speaks: any request (headers only)
 * gets the same fixed hello response, keep-alive by default, {@code Connection: close} honoured,
 * pipelined requests answered in order. Every peer uses this same minimal scanner so the
 * comparison measures the I/O runtime, not the HTTP parser.
 *
 * <pre>{@code
 * int end = HelloProtocol.requestEnd(buf, start, limit);   // -1: need more bytes
 * if (end > 0 && HelloProtocol.wantsClose(buf, start, end)) closeAfterReply = true;
 * }</pre>
 */
public final class HelloProtocol {
    /** The exact response bytes of the jawait HTTP sample. */
    public static final byte[] RESPONSE =
            ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!")
                    .getBytes(StandardCharsets.US_ASCII);

    /** A request with no {@code Connection} header, as wrk sends it. */
    public static final byte[] SAMPLE_REQUEST =
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private static final byte[] CLOSE_HEADER = "\r\nconnection: close".getBytes(StandardCharsets.US_ASCII);

    private HelloProtocol() {}

    /**
     * The index just past the first {@code \r\n\r\n} in {@code buf[from, to)}, or -1 when the
     * headers are not complete yet.
     */
    public static int requestEnd(byte[] buf, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (buf[i + 3] == '\n' && buf[i] == '\r' && buf[i + 1] == '\n' && buf[i + 2] == '\r') {
                return i + 4;
            }
        }
        return -1;
    }

    /** Whether the request in {@code buf[from, end)} carries {@code Connection: close} (any case). */
    public static boolean wantsClose(byte[] buf, int from, int end) {
        outer:
        for (int i = from; i + CLOSE_HEADER.length <= end; i++) {
            for (int j = 0; j < CLOSE_HEADER.length; j++) {
                byte b = buf[i + j];
                if (b >= 'A' && b <= 'Z') {
                    b += 'a' - 'A';
                }
                if (b != CLOSE_HEADER[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
