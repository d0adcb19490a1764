package dev.jawait.samples.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The hello server's protocol, socket-free: answers every complete request in the read buffer,
 * appending the responses to one output so a pipelined batch leaves in one write. Every
 * {@code GET} or {@code HEAD}, whatever its path, gets {@code Hello, World!}; other methods get 405.
 *
 * <pre>{@code
 * HelloResponder responder = new HelloResponder();
 * boolean open = responder.respond(in, out);   // false: close after writing out
 * }</pre>
 */
public final class HelloResponder {
    /** The exact keep-alive response; benchmarks compare servers on these bytes. */
    public static final byte[] HELLO = bytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!");
    private static final byte[] HELLO_CLOSE = bytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!");
    private static final byte[] HELLO_HTTP10_KEEP_ALIVE = bytes(
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: keep-alive\r\n\r\nHello, World!");
    private static final int BODY_LENGTH = 13;

    /** Growable output the responses are appended to. */
    public static final class Output extends ByteArrayOutputStream {
        private ByteBuffer view;

        /**
         * The content as a buffer positioned at 0 (valid until the next write or reset); the same
         * view object is reused while the backing array stays the same, so a long-lived output
         * (one per thread) allocates nothing per exchange.
         */
        public ByteBuffer asBuffer() {
            ByteBuffer v = view;
            if (v == null || v.array() != buf) {
                view = v = ByteBuffer.wrap(buf);
            }
            return v.limit(count).position(0);
        }
    }

    /**
     * Answers every complete request at the buffer's position; an incomplete one stays for the
     * next read. Returns whether the connection stays open after {@code out} is written.
     */
    public boolean respond(ByteBuffer in, Output out) {
        while (true) {
            HttpRequest request;
            try {
                request = HttpRequestParser.next(in);
            } catch (HttpParseException e) {
                out.writeBytes(error(e.status(), e.getMessage()));
                return false;
            }
            if (request == null) {
                return true;
            }
            boolean head = request.method().equals("HEAD");
            if (head || request.method().equals("GET")) {
                byte[] response = !request.keepAlive() ? HELLO_CLOSE
                        : request.http10() ? HELLO_HTTP10_KEEP_ALIVE : HELLO;
                out.write(response, 0, head ? response.length - BODY_LENGTH : response.length);
            } else {
                out.writeBytes(bytes("HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\n"
                        + "Content-Length: 0\r\n" + (request.keepAlive() ? "" : "Connection: close\r\n") + "\r\n"));
            }
            if (!request.keepAlive()) {
                return false;
            }
        }
    }

    private static byte[] error(int status, String reason) {
        return bytes("HTTP/1.1 " + status + " " + reason + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
