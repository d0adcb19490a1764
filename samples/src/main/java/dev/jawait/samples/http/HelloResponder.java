package dev.jawait.samples.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The hello server's protocol for one connection, socket-free: answers every complete request
 * in the read buffer, appending the responses to one output so a pipelined batch leaves in one
 * write. Every {@code GET} or {@code HEAD}, whatever its path, gets {@code Hello, World!}; other
 * methods get 405. Request bodies are read past as they arrive and never kept, so a connection
 * holds no more than an incomplete head however large the bodies are. A request the parser
 * refuses gets its error status, and nothing after it is answered: the connection must close.
 *
 * <pre>{@code
 * HelloResponder responder = new HelloResponder();   // one per connection
 * boolean open = responder.respond(in, out);          // false: close after writing out
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
    private static final byte[] NOT_ALLOWED = bytes(
            "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n\r\n");
    private static final byte[] NOT_ALLOWED_CLOSE = bytes(
            "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    private static final byte[] NOT_ALLOWED_HTTP10_KEEP_ALIVE = bytes(
            "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\nConnection: keep-alive\r\n\r\n");
    /** RFC 9110 section 15.2.1: the go-ahead a client sending {@code Expect: 100-continue} waits for. */
    private static final byte[] CONTINUE = bytes("HTTP/1.1 100 Continue\r\n\r\n");

    private final HttpRequestParser parser = new HttpRequestParser();
    private final ChunkedBodySkipper chunkedBody = new ChunkedBodySkipper();
    /** The reply to the request whose body is being skipped; null between requests. */
    private byte[] pendingReply;
    private int pendingReplyLength;
    private boolean pendingKeepAlive;
    private boolean pendingChunked;
    /** Content-Length body bytes still to skip. */
    private long bodyLeft;
    private long bodyBytesSkipped;

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

    /** Whether no request is under way: its head and body, if any, are all consumed. */
    public boolean betweenRequests() {
        return pendingReply == null;
    }

    /**
     * Answers every complete request at the buffer's position, skipping bodies; an incomplete
     * head stays in the buffer for the next call, while a body's bytes are consumed as they come
     * (it may end in a later call). Returns whether the connection stays open after {@code out}
     * is written; once it returns false, nothing more may be read as a request.
     */
    public boolean respond(ByteBuffer in, Output out) {
        try {
            while (true) {
                if (pendingReply != null) {
                    if (!skipBody(in)) {
                        return true;
                    }
                    out.write(pendingReply, 0, pendingReplyLength);
                    pendingReply = null;
                    if (!pendingKeepAlive) {
                        return false;
                    }
                }
                if (!parser.parseHead(in)) {
                    return true;
                }
                byte[] reply = reply(parser);
                int length = parser.method().equals("HEAD") ? reply.length - BODY_LENGTH : reply.length;
                if (parser.hasBody()) {
                    // Answered once the body is over, so that a malformed body still gets its 400.
                    if (parser.expectContinue()) {
                        out.writeBytes(CONTINUE);
                    }
                    startBody(parser, reply, length);
                } else {
                    out.write(reply, 0, length);
                    if (!parser.keepAlive()) {
                        return false;
                    }
                }
            }
        } catch (HttpParseException e) {
            out.writeBytes(error(e));
            return false;
        }
    }

    /**
     * Body bytes skipped since the last call (and resets the count): what a gauge of body
     * traffic adds up.
     */
    public long takeBodyBytesSkipped() {
        long n = bodyBytesSkipped;
        bodyBytesSkipped = 0;
        return n;
    }

    private static byte[] reply(HttpRequestParser request) {
        boolean hello = request.method().equals("GET") || request.method().equals("HEAD");
        if (!request.keepAlive()) {
            return hello ? HELLO_CLOSE : NOT_ALLOWED_CLOSE;
        }
        if (request.http10()) {
            return hello ? HELLO_HTTP10_KEEP_ALIVE : NOT_ALLOWED_HTTP10_KEEP_ALIVE;
        }
        return hello ? HELLO : NOT_ALLOWED;
    }

    private void startBody(HttpRequestParser request, byte[] reply, int length) {
        pendingReply = reply;
        pendingReplyLength = length;
        pendingKeepAlive = request.keepAlive();
        pendingChunked = request.chunked();
        bodyLeft = request.contentLength();
        if (pendingChunked) {
            chunkedBody.start();
        }
    }

    /** Consumes the body's bytes in {@code in}; true once the body is over. */
    private boolean skipBody(ByteBuffer in) throws HttpParseException {
        int before = in.position();
        boolean over;
        if (pendingChunked) {
            over = chunkedBody.skip(in);
        } else {
            int n = (int) Math.min(bodyLeft, in.remaining());
            in.position(before + n);
            bodyLeft -= n;
            over = bodyLeft == 0;
        }
        bodyBytesSkipped += in.position() - before;
        return over;
    }

    /** The refusal: status, a one-line explanation, and the connection closes. */
    private static byte[] error(HttpParseException e) {
        String detail = e.getMessage() + "\n";
        return bytes("HTTP/1.1 " + e.status() + " " + e.reasonPhrase() + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + detail.length() + "\r\nConnection: close\r\n\r\n" + detail);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
