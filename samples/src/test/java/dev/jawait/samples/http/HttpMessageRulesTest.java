package dev.jawait.samples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hello server's request parsing against RFC 9112, section by section: each case is the
 * bytes a client sends, the statuses the server answers, and whether it keeps the connection.
 * Every case runs twice — all bytes in one read, and one byte per read — and must come out the
 * same. A refused request is answered once and then the connection closes: nothing after it
 * (a smuggled second request) is ever answered.
 *
 * <p>The timeout is a hang guard, not a speed limit: one byte per read, the parser reads an
 * incomplete head again from its start (by design, heads are at most 8 KiB), so the 8 KiB cases
 * take some 10^7 byte reads: 2.2 s at load 20 on 2 cores, past the former 10 s at load 28.
 */
@Timeout(60)
class HttpMessageRulesTest {
    static final String GET = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

    /** What the server made of the input: the statuses it answered and whether it stays open. */
    record Outcome(List<Integer> statuses, boolean open) {}

    static Arguments served(String description, String input, Integer... statuses) {
        return Arguments.of(description, input, new Outcome(List.of(statuses), true));
    }

    static Arguments closed(String description, String input, Integer... statuses) {
        return Arguments.of(description, input, new Outcome(List.of(statuses), false));
    }

    /** One responder, all the input in one read. */
    static Outcome whole(String input) {
        HelloResponder responder = new HelloResponder();
        HelloResponder.Output out = new HelloResponder.Output();
        boolean open = responder.respond(ByteBuffer.wrap(HttpReplies.bytes(input)), out);
        return new Outcome(HttpReplies.statuses(out.toString(ISO_8859_1)), open);
    }

    /** One responder, one byte per read; unconsumed bytes stay for the next read, as in a session. */
    static Outcome byteByByte(String input) {
        HelloResponder responder = new HelloResponder();
        HelloResponder.Output out = new HelloResponder.Output();
        byte[] bytes = HttpReplies.bytes(input);
        ByteBuffer in = ByteBuffer.allocate(bytes.length);
        boolean open = true;
        for (int i = 0; i < bytes.length && open; i++) {
            in.put(bytes[i]).flip();
            open = responder.respond(in, out);
            in.compact();
        }
        return new Outcome(HttpReplies.statuses(out.toString(ISO_8859_1)), open);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"messageParsing", "requestLine", "host", "fieldSyntax", "connection", "bodyLength",
        "chunked", "expectContinue"})
    void inOneRead(String description, String input, Outcome expected) {
        assertEquals(expected, whole(input), HttpReplies.printable(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"messageParsing", "requestLine", "host", "fieldSyntax", "connection", "bodyLength",
        "chunked", "expectContinue"})
    void oneBytePerRead(String description, String input, Outcome expected) {
        assertEquals(expected, byteByByte(input), HttpReplies.printable(input));
    }

    /** RFC 9112 section 2.2: line endings, empty lines before the request, bare CR. */
    static Stream<Arguments> messageParsing() {
        return Stream.of(
                served("empty lines before the request line are ignored", "\r\n\r\n\n" + GET, 200),
                served("a bare LF ends a line too", "GET / HTTP/1.1\nHost: a\n\n", 200),
                closed("bare CR in the request line", "GET /\r HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("bare CR in a field value", "GET / HTTP/1.1\r\nHost: a\rX: b\r\n\r\n" + GET, 400),
                closed("CR CR LF", "GET / HTTP/1.1\r\nHost: a\r\r\n\r\n" + GET, 400),
                closed("whitespace between the start-line and the first field",
                        "GET / HTTP/1.1\r\n Host: a\r\nHost: a\r\n\r\n" + GET, 400));
    }

    /** RFC 9112 section 3: method SP request-target SP HTTP-version, nothing else. */
    static Stream<Arguments> requestLine() {
        return Stream.of(
                served("origin-form with a query", "GET /a/b?c=d&e=%20f HTTP/1.1\r\nHost: a\r\n\r\n", 200),
                served("absolute-form", "GET http://a/b?c HTTP/1.1\r\nHost: a\r\n\r\n", 200),
                served("asterisk-form for OPTIONS", "OPTIONS * HTTP/1.1\r\nHost: a\r\n\r\n", 405),
                served("authority-form for CONNECT", "CONNECT a:443 HTTP/1.1\r\nHost: a:443\r\n\r\n", 405),
                served("a method is any token", "M-SEARCH! / HTTP/1.1\r\nHost: a\r\n\r\n", 405),
                closed("a method that is not a token", "G@T / HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("an empty method", " / HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("two spaces", "GET  / HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a tab as separator", "GET\t/ HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a space after the version", "GET / HTTP/1.1 \r\nHost: a\r\n\r\n" + GET, 400),
                closed("no request-target", "GET HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a space inside the target", "GET /a b HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a quote in the target", "GET /a\"b HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a fragment in the target", "GET /a#b HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a non-ASCII byte in the target", "GET /\u00e9 HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a NUL in the target", "GET /a\0 HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("% not followed by two hex digits", "GET /%zz HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("% cut short", "GET /%4 HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("asterisk-form for GET", "GET * HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("neither a path nor an absolute URI", "GET a.b/c HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("CONNECT without a port", "CONNECT a HTTP/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("the version is case-sensitive", "GET / http/1.1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("a two-digit minor version", "GET / HTTP/1.10\r\nHost: a\r\n\r\n" + GET, 400),
                closed("no minor version", "GET / HTTP/1\r\nHost: a\r\n\r\n" + GET, 400),
                closed("HTTP/2.0", "GET / HTTP/2.0\r\nHost: a\r\n\r\n" + GET, 505),
                closed("HTTP/0.9", "GET / HTTP/0.9\r\nHost: a\r\n\r\n" + GET, 505),
                served("a later HTTP/1.x minor version is answered as HTTP/1.1",
                        "GET / HTTP/1.2\r\nHost: a\r\n\r\n" + GET, 200, 200),
                closed("a request-target over the limit",
                        "GET /" + "a".repeat(HttpRequestParser.MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: a\r\n\r\n", 414),
                closed("a request line over the limit, still arriving",
                        "GET /" + "a".repeat(HttpRequestParser.MAX_REQUEST_LINE), 414),
                closed("a header section over the limit",
                        "GET / HTTP/1.1\r\nHost: a\r\nX: " + "a".repeat(HttpRequestParser.MAX_HEAD) + "\r\n\r\n", 431),
                closed("a header section over the limit, still arriving",
                        "GET / HTTP/1.1\r\nHost: a\r\n" + "X: a\r\n".repeat(HttpRequestParser.MAX_HEAD / 6 + 1), 431));
    }

    /** RFC 9112 section 3.2: exactly one valid Host in HTTP/1.1 (and never two). */
    static Stream<Arguments> host() {
        return Stream.of(
                served("a name and port", "GET / HTTP/1.1\r\nHost: example.com:8080\r\n\r\n", 200),
                served("an IPv6 literal", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n", 200),
                served("an IPv4 address", "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n", 200),
                served("an empty host", "GET / HTTP/1.1\r\nHost:\r\n\r\n", 200),
                served("an empty port", "GET / HTTP/1.1\r\nHost: a:\r\n\r\n", 200),
                served("a percent-encoded name", "GET / HTTP/1.1\r\nhost: b%C3%BC\r\n\r\n", 200),
                closed("HTTP/1.0 needs none", "GET / HTTP/1.0\r\n\r\n" + GET, 200),
                closed("HTTP/1.1 without Host", "GET / HTTP/1.1\r\n\r\n" + GET, 400),
                closed("two Host lines", "GET / HTTP/1.1\r\nHost: a\r\nHost: a\r\n\r\n" + GET, 400),
                closed("two Host lines in HTTP/1.0", "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n" + GET, 400),
                closed("a space in the host", "GET / HTTP/1.1\r\nHost: a b\r\n\r\n" + GET, 400),
                closed("a path in the host", "GET / HTTP/1.1\r\nHost: a/b\r\n\r\n" + GET, 400),
                closed("userinfo in the host", "GET / HTTP/1.1\r\nHost: u@a\r\n\r\n" + GET, 400),
                closed("a list of hosts", "GET / HTTP/1.1\r\nHost: a, b\r\n\r\n" + GET, 400),
                closed("an unclosed IPv6 literal", "GET / HTTP/1.1\r\nHost: [::1\r\n\r\n" + GET, 400),
                closed("a port that is not digits", "GET / HTTP/1.1\r\nHost: a:8x\r\n\r\n" + GET, 400));
    }

    /** RFC 9112 section 5 and RFC 9110 section 5.5: field-name ":" OWS field-value OWS. */
    static Stream<Arguments> fieldSyntax() {
        return Stream.of(
                served("tabs, obs-text and OWS in values",
                        "GET / HTTP/1.1\r\nHost: \t a \t\r\nX-Y: caf\u00e9\t!\r\n\r\n", 200),
                closed("a space before the colon", "GET / HTTP/1.1\r\nHost : a\r\n\r\n" + GET, 400),
                closed("a space before the colon of Transfer-Encoding",
                        "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding : chunked\r\nContent-Length: 3\r\n\r\nabc" + GET,
                        400),
                closed("a tab before the colon", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length\t: 0\r\n\r\n" + GET, 400),
                closed("a field name that is not a token", "GET / HTTP/1.1\r\nHost: a\r\nX@Y: z\r\n\r\n" + GET, 400),
                closed("an empty field name", "GET / HTTP/1.1\r\nHost: a\r\n: z\r\n\r\n" + GET, 400),
                closed("a line without a colon", "GET / HTTP/1.1\r\nHost: a\r\nX-Y\r\n\r\n" + GET, 400),
                closed("obs-fold", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n c\r\n\r\n" + GET, 400),
                closed("obs-fold with a tab", "GET / HTTP/1.1\r\nHost: a\r\nX: b\r\n\tc\r\n\r\n" + GET, 400),
                closed("a NUL in a value", "GET / HTTP/1.1\r\nHost: a\r\nX: b\0c\r\n\r\n" + GET, 400),
                closed("a control character in a value", "GET / HTTP/1.1\r\nHost: a\r\nX: b\u0001\r\n\r\n" + GET, 400),
                closed("DEL in a value", "GET / HTTP/1.1\r\nHost: a\r\nX: \u007f\r\n\r\n" + GET, 400));
    }

    /** RFC 9112 section 9.3 and RFC 9110 section 7.6.1: Connection is a list of tokens. */
    static Stream<Arguments> connection() {
        return Stream.of(
                closed("close", "GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n" + GET, 200),
                closed("close in any case, in a list, with OWS",
                        "GET / HTTP/1.1\r\nHost: a\r\nConnection: keep-alive ,\tCLOSE \r\n\r\n" + GET, 200),
                closed("close on a second Connection line",
                        "GET / HTTP/1.1\r\nHost: a\r\nConnection: upgrade\r\nConnection: close\r\n\r\n" + GET, 200),
                served("a token that merely contains close",
                        "GET / HTTP/1.1\r\nHost: a\r\nConnection: x-close, closed\r\n\r\n" + GET, 200, 200),
                served("HTTP/1.0 with keep-alive", "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n" + GET, 200, 200),
                closed("HTTP/1.0 with a token that merely contains keep-alive",
                        "GET / HTTP/1.0\r\nConnection: no-keep-alive\r\n\r\n" + GET, 200));
    }

    /** RFC 9112 section 6.3 (and RFC 9110 section 8.6): how long the body is, or a 400 and close. */
    static Stream<Arguments> bodyLength() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\n";
        return Stream.of(
                served("a body is skipped", post + "Content-Length: 5\r\n\r\nhello" + GET, 405, 200),
                served("Content-Length with OWS", post + "Content-Length: \t5 \r\n\r\nhello" + GET, 405, 200),
                served("Content-Length with leading zeros", post + "Content-Length: 0005\r\n\r\nhello" + GET, 405, 200),
                served("identical Content-Length lines", post + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello" + GET,
                        405, 200),
                served("an identical Content-Length list", post + "Content-Length: 5, 5\r\n\r\nhello" + GET, 405, 200),
                served("a GET with a body", "GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 3\r\n\r\nabc" + GET, 200, 200),
                served("a body larger than any buffer is still arriving",
                        post + "Content-Length: 9000000000\r\n\r\n" + "x".repeat(100)),
                closed("two Content-Length lines that differ (the second would smuggle a GET)",
                        post + "Content-Length: " + GET.length() + "\r\nContent-Length: 0\r\n\r\n" + GET, 400),
                closed("a Content-Length list that differs", post + "Content-Length: 0, 5\r\n\r\nhello" + GET, 400),
                closed("a Content-Length list with an empty element", post + "Content-Length: 5,\r\n\r\nhello" + GET, 400),
                closed("a Content-Length list with a blank element", post + "Content-Length: 0, \t ,0\r\n\r\n" + GET, 400),
                closed("a Content-Length that is not digits", post + "Content-Length: 5a\r\n\r\nhello" + GET, 400),
                closed("a signed Content-Length", post + "Content-Length: +5\r\n\r\nhello" + GET, 400),
                closed("a negative Content-Length", post + "Content-Length: -1\r\n\r\n" + GET, 400),
                closed("a hex Content-Length", post + "Content-Length: 0x5\r\n\r\nhello" + GET, 400),
                closed("an empty Content-Length", post + "Content-Length:\r\n\r\n" + GET, 400),
                closed("a Content-Length with inner space", post + "Content-Length: 1 5\r\n\r\n" + GET, 400),
                closed("a Content-Length beyond a long", post + "Content-Length: 9223372036854775808\r\n\r\n" + GET,
                        400),
                closed("Transfer-Encoding with Content-Length",
                        post + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n" + GET, 400),
                closed("Content-Length with Transfer-Encoding",
                        post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + GET, 400),
                closed("Transfer-Encoding without chunked last", post + "Transfer-Encoding: gzip\r\n\r\n" + GET, 400),
                closed("Transfer-Encoding with chunked twice",
                        post + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n" + GET, 400),
                closed("Transfer-Encoding with parameters on chunked",
                        post + "Transfer-Encoding: chunked;q=1\r\n\r\n0\r\n\r\n" + GET, 400),
                closed("an empty Transfer-Encoding", post + "Transfer-Encoding:\r\n\r\n" + GET, 400),
                closed("Transfer-Encoding in HTTP/1.0",
                        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + GET, 400),
                closed("an unknown coding before chunked",
                        post + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n" + GET, 501),
                closed("an unknown coding on an earlier line",
                        post + "Transfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + GET, 501));
    }

    /** RFC 9112 section 7.1: chunk-size [chunk-ext] CRLF chunk-data CRLF ... last-chunk trailer-section CRLF. */
    static Stream<Arguments> chunked() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n";
        return Stream.of(
                served("chunks are skipped", post + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n" + GET, 405, 200),
                served("chunked in any case", post.replace("chunked", "Chunked") + "0\r\n\r\n" + GET, 405, 200),
                served("hex sizes in both cases, leading zeros", post + "A\r\n0123456789\r\n000b\r\nabcdefghijk\r\n0\r\n\r\n"
                        + GET, 405, 200),
                served("extensions", post + "5;a=b;c;d=\"q\\\"t;\\\\\"\r\nhello\r\n0;last\r\n\r\n" + GET, 405, 200),
                served("extensions with BWS", post + "5 ;\ta = b\r\nhello\r\n0\r\n\r\n" + GET, 405, 200),
                served("trailers", post + "0\r\nX-Sum: 12\r\nX-Empty:\r\n\r\n" + GET, 405, 200),
                served("a chunk bigger than any buffer is still arriving", post + "7fffffffffffffff\r\n" + "x".repeat(100)),
                closed("a chunk size beyond a long", post + "8000000000000000\r\n" + GET, 400),
                closed("a chunk size of 17 hex digits", post + "10000000000000000\r\n" + GET, 400),
                closed("an empty chunk size", post + "\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("a chunk size that is not hex", post + "g\r\n" + GET, 400),
                closed("a signed chunk size", post + "+5\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("a 0x chunk size", post + "0x5\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("a space after the size", post + "5 \r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("an empty extension name", post + "5;\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("an extension without value", post + "5;a=\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("an unterminated quoted extension", post + "5;a=\"b\r\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("a bare LF after the size", post + "5\nhello\r\n0\r\n\r\n" + GET, 400),
                closed("a bare CR after the size", post + "5\rhello\r\n0\r\n\r\n" + GET, 400),
                closed("data longer than its size", post + "5\r\nhelloX\r\n0\r\n\r\n" + GET, 400),
                closed("a bare LF after the data", post + "5\r\nhello\n0\r\n\r\n" + GET, 400),
                closed("a trailer that is not a field", post + "0\r\nnot a field\r\n\r\n" + GET, 400),
                closed("a space before a trailer's colon", post + "0\r\nX : v\r\n\r\n" + GET, 400),
                closed("a folded trailer", post + "0\r\nX: v\r\n w\r\n\r\n" + GET, 400),
                closed("a control character in a trailer", post + "0\r\nX: \u0001\r\n\r\n" + GET, 400),
                closed("a bare LF ending the trailers", post + "0\r\n\n" + GET, 400),
                served("a size line at the limit", post + "1;e=" + "x".repeat(HttpRequestParser.MAX_REQUEST_LINE - 5)
                        + "\r\nx\r\n0\r\n\r\n" + GET, 405, 200),
                closed("a size line over the limit (extensions)",
                        post + "1;e=" + "x".repeat(HttpRequestParser.MAX_REQUEST_LINE - 4) + "\r\nx\r\n0\r\n\r\n" + GET, 400),
                closed("a size line over the limit (leading zeros)",
                        post + "0".repeat(HttpRequestParser.MAX_REQUEST_LINE + 1), 400),
                closed("a trailer section over the limit",
                        post + "0\r\n" + "X: a\r\n".repeat(HttpRequestParser.MAX_HEAD / 6 + 1) + "\r\n", 431));
    }

    /** RFC 9110 section 10.1.1: a client waiting for 100 (Continue) gets it before it sends the body. */
    static Stream<Arguments> expectContinue() {
        String post = "POST / HTTP/1.1\r\nHost: a\r\nExpect: 100-continue\r\n";
        return Stream.of(
                served("100 before the final status", post + "Content-Length: 5\r\n\r\nhello" + GET, 100, 405, 200),
                served("in any case, for chunked too",
                        post.replace("100-continue", "100-Continue") + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
                                + GET, 100, 405, 200),
                served("none without a body", post + "Content-Length: 0\r\n\r\n" + GET, 405, 200),
                closed("none in HTTP/1.0", "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\nhello",
                        405));
    }
}
