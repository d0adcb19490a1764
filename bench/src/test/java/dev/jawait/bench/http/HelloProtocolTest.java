package dev.jawait.bench.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HelloProtocolTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void findsEachPipelinedRequestAndWaitsForIncompleteOnes() {
        byte[] buf = bytes("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\nHost: a\r\n\r\nGET /c HTTP/1.1\r\nHo");
        int first = HelloProtocol.requestEnd(buf, 0, buf.length);
        assertEquals("GET / HTTP/1.1\r\nHost: a\r\n\r\n".length(), first);
        int second = HelloProtocol.requestEnd(buf, first, buf.length);
        assertEquals(first + "GET /b HTTP/1.1\r\nHost: a\r\n\r\n".length(), second);
        assertEquals(-1, HelloProtocol.requestEnd(buf, second, buf.length));
        // a terminator cut by the read boundary is found once the rest arrives
        byte[] cut = bytes("GET / HTTP/1.1\r\n\r");
        assertEquals(-1, HelloProtocol.requestEnd(cut, 0, cut.length));
    }

    @Test
    void connectionCloseInAnyCaseOnlyWithinTheRequest() {
        byte[] close = bytes("GET / HTTP/1.1\r\nCONNECTION: Close\r\n\r\n");
        assertTrue(HelloProtocol.wantsClose(close, 0, close.length));
        byte[] keep = bytes("GET / HTTP/1.1\r\nConnection: keep-alive\r\n\r\nGET / HTTP/1.1\r\nConnection: close\r\n\r\n");
        int end = HelloProtocol.requestEnd(keep, 0, keep.length);
        assertFalse(HelloProtocol.wantsClose(keep, 0, end));
        assertTrue(HelloProtocol.wantsClose(keep, end, keep.length));
    }

    @Test
    void responseIsTheSamplesExactBytes() {
        assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!",
                new String(HelloProtocol.RESPONSE, StandardCharsets.US_ASCII));
    }
}
