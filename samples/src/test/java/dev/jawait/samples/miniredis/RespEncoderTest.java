package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RespEncoderTest {

    @Test
    void encodesEveryReplyType() {
        RespEncoder out = new RespEncoder();
        out.ok().simple("PONG").error("ERR bad\r\nthing").integer(-12).integer(7)
                .bulk("héllo").nullBulk().arrayHeader(2).bulk(new byte[0]).nullArray().arrayHeader(0);
        assertEquals("+OK\r\n+PONG\r\n-ERR bad  thing\r\n:-12\r\n:7\r\n$5\r\nh\u00e9llo\r\n$-1\r\n"
                + "*2\r\n$0\r\n\r\n*-1\r\n*0\r\n", out.toString());
    }

    @Test
    void growsAndDrains() {
        RespEncoder out = new RespEncoder();
        byte[] big = new byte[100_000];
        out.bulk(big).bulk(big);
        assertEquals(2 * (100_000 + "$100000\r\n\r\n".length()), out.size());
        ByteBuffer view = out.asBuffer();
        assertEquals(out.size(), view.remaining());
        byte[] drained = out.drain();
        assertEquals(0, out.size());
        assertEquals("$100000\r\n", new String(drained, 0, 9, ISO_8859_1));
    }

    @Test
    void integersOfEveryWidthWithoutStrings() {
        RespEncoder out = new RespEncoder();
        long[] values = {0, 9, 10, -1, -10, 99, 100, 123456789, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
        StringBuilder expected = new StringBuilder();
        for (long v : values) {
            out.integer(v);
            expected.append(':').append(v).append("\r\n");
        }
        out.bulk(new byte[12345]);
        assertEquals(expected + "$12345\r\n", out.toString().substring(0, expected.length() + 8));
    }

    @Test
    void asBufferReusesOneViewAndFollowsGrowth() {
        RespEncoder out = new RespEncoder();
        out.ok();
        ByteBuffer first = out.asBuffer();
        assertEquals(5, first.remaining());
        first.position(5); // as a write would leave it
        out.reset();
        out.integer(42);
        ByteBuffer second = out.asBuffer();
        assertEquals(0, second.position());
        assertEquals(":42\r\n", ISO_8859_1.decode(second.duplicate()).toString());
        out.bulk(new byte[50_000]); // grows the array: the view must follow it
        assertEquals(out.size(), out.asBuffer().remaining());
        assertEquals(':', out.asBuffer().get(0));
    }

    @Test
    void messagePushFrame() {
        assertEquals("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$2\r\nhi\r\n",
                new String(RespEncoder.message("news".getBytes(ISO_8859_1), "hi".getBytes(ISO_8859_1)), ISO_8859_1));
    }
}
