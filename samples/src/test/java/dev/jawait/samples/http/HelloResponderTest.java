package dev.jawait.samples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class HelloResponderTest {
    static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
    private final HelloResponder responder = new HelloResponder();

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    @Test
    void exactBytesForKeepAliveRequest() {
        assertEquals(HELLO, new String(HelloResponder.HELLO, ISO_8859_1));
        HelloResponder.Output out = new HelloResponder.Output();
        assertTrue(responder.respond(buf("GET / HTTP/1.1\r\nHost: x\r\n\r\n"), out));
        assertEquals(HELLO, out.toString(ISO_8859_1));
    }

    @Test
    void pipelinedRequestsAnsweredInOneBatchAndTailKept() {
        String req = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\nAccept: text/plain\r\n\r\n";
        ByteBuffer in = buf(req.repeat(16) + "GET / HTTP/1.1\r\nHo");
        HelloResponder.Output out = new HelloResponder.Output();
        assertTrue(responder.respond(in, out));
        assertEquals(HELLO.repeat(16), out.toString(ISO_8859_1));
        assertEquals("GET / HTTP/1.1\r\nHo", ISO_8859_1.decode(in).toString());
    }

    @Test
    void connectionCloseHonouredAndLaterRequestsIgnored() {
        HelloResponder.Output out = new HelloResponder.Output();
        assertFalse(responder.respond(buf("GET / HTTP/1.1\r\nconnection: Close\r\n\r\nGET / HTTP/1.1\r\n\r\n"), out));
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!",
                out.toString(ISO_8859_1));
    }

    @Test
    void http10ClosesUnlessKeepAlive() {
        HelloResponder.Output out = new HelloResponder.Output();
        assertFalse(responder.respond(buf("GET / HTTP/1.0\r\n\r\n"), out));
        out.reset();
        assertTrue(responder.respond(buf("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), out));
        assertTrue(out.toString(ISO_8859_1).contains("Connection: keep-alive\r\n"));
    }

    @Test
    void headHasNoBodyAndBodiesAreSkipped() {
        HelloResponder.Output out = new HelloResponder.Output();
        assertTrue(responder.respond(buf("HEAD / HTTP/1.1\r\n\r\nPOST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nabcdeGET / HTTP/1.1\r\n\r\n"), out));
        assertEquals(HELLO.substring(0, HELLO.length() - 13)
                + "HTTP/1.1 405 Method Not Allowed\r\nAllow: GET, HEAD\r\nContent-Length: 0\r\n\r\n" + HELLO,
                out.toString(ISO_8859_1));
    }

    @Test
    void incompleteBodyWaits() throws Exception {
        ByteBuffer in = buf("POST / HTTP/1.1\r\nContent-Length: 10\r\n\r\nabc");
        assertNull(HttpRequestParser.next(in));
        assertEquals(0, in.position());
    }

    @Test
    void malformedRequestsGetAnErrorAndClose() {
        HelloResponder.Output out = new HelloResponder.Output();
        assertFalse(responder.respond(buf("NONSENSE\r\n\r\n"), out));
        assertTrue(out.toString(ISO_8859_1).startsWith("HTTP/1.1 400 Bad Request\r\n"));
        out.reset();
        assertFalse(responder.respond(buf("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), out));
        assertTrue(out.toString(ISO_8859_1).startsWith("HTTP/1.1 501 "));
        out.reset();
        assertFalse(responder.respond(buf("GET / HTTP/2.0\r\n\r\n"), out));
        assertTrue(out.toString(ISO_8859_1).startsWith("HTTP/1.1 505 "));
        assertEquals(431, assertThrows(HttpParseException.class,
                () -> HttpRequestParser.next(buf("GET / HTTP/1.1\r\nX: " + "a".repeat(9000)))).status());
    }

    @Test
    void requestFieldsParsed() throws Exception {
        HttpRequest r = HttpRequestParser.next(buf("\r\nDELETE /a?b=c HTTP/1.1\nHost: h\n\n"));
        assertEquals(new HttpRequest("DELETE", "/a?b=c", false, true), r);
    }
}
