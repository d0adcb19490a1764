package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RespParserTest {

    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    private static List<String> strings(List<byte[]> args) {
        List<String> out = new ArrayList<>();
        for (byte[] a : args) {
            out.add(new String(a, ISO_8859_1));
        }
        return out;
    }

    @Test
    void parsesMultiBulkAndInlineFramesInOneBuffer() throws Exception {
        ByteBuffer in = buf("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nv\r\nxy\r\nPING\r\n  echo  \"a b\"  'c d'\n");
        assertEquals(List.of("SET", "k", "v\r\nxy"), strings(RespParser.next(in)));
        assertEquals(List.of("PING"), strings(RespParser.next(in)));
        assertEquals(List.of("echo", "a b", "c d"), strings(RespParser.next(in)));
        assertNull(RespParser.next(in));
        assertEquals(in.limit(), in.position());
    }

    @Test
    void incompleteFrameLeavesBufferUntouchedAtEverySplitPoint() throws Exception {
        String frame = "*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n";
        for (int cut = 0; cut < frame.length(); cut++) {
            ByteBuffer in = buf(frame.substring(0, cut));
            assertNull(RespParser.next(in), "cut at " + cut);
            assertEquals(0, in.position(), "cut at " + cut);
        }
        assertEquals(List.of("ECHO", "hello world"), strings(RespParser.next(buf(frame))));
    }

    @Test
    void randomlyChunkedPipelineYieldsEveryCommandInOrder() throws Exception {
        Random random = new Random(7);
        StringBuilder stream = new StringBuilder();
        List<List<String>> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String value = "v" + i + "\r\n".repeat(random.nextInt(3));
            stream.append("*3\r\n$3\r\nSET\r\n$").append(("k" + i).length()).append("\r\nk").append(i)
                    .append("\r\n$").append(value.length()).append("\r\n").append(value).append("\r\n");
            expected.add(List.of("SET", "k" + i, value));
        }
        byte[] bytes = stream.toString().getBytes(ISO_8859_1);
        ByteBuffer in = ByteBuffer.allocate(bytes.length);
        List<List<String>> got = new ArrayList<>();
        int fed = 0;
        while (fed < bytes.length) { // feed random chunks like socket reads, compacting as a server does
            int n = Math.min(bytes.length - fed, 1 + random.nextInt(40));
            in.put(bytes, fed, n);
            fed += n;
            in.flip();
            List<byte[]> args;
            while ((args = RespParser.next(in)) != null) {
                got.add(strings(args));
            }
            in.compact();
        }
        assertEquals(expected, got);
    }

    @Test
    void binarySafeBulkStrings() throws Exception {
        byte[] payload = new byte[256];
        for (int i = 0; i < 256; i++) {
            payload[i] = (byte) i;
        }
        ByteBuffer in = ByteBuffer.allocate(300);
        in.put("*1\r\n$256\r\n".getBytes(ISO_8859_1)).put(payload).put("\r\n".getBytes(ISO_8859_1)).flip();
        List<byte[]> args = RespParser.next(in);
        assertEquals(1, args.size());
        assertTrue(java.util.Arrays.equals(payload, args.get(0)));
    }

    @Test
    void emptyFramesAreEmptyCommands() throws Exception {
        ByteBuffer in = buf("*0\r\n*-1\r\n\r\n   \n");
        for (int i = 0; i < 4; i++) {
            assertEquals(List.of(), RespParser.next(in));
        }
        assertNull(RespParser.next(in));
    }

    @Test
    void protocolErrorsUseRedisWording() throws Exception {
        assertEquals("Protocol error: expected '$', got ':'",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*1\r\n:1\r\n"))).getMessage());
        assertEquals("Protocol error: invalid multibulk length",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*x\r\n"))).getMessage());
        assertEquals("Protocol error: invalid multibulk length",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*2147483648\r\n"))).getMessage());
        for (String notADecimal : new String[] {"*01\r\n", "*-0\r\n", "*+1\r\n", "* 1\r\n"}) {
            assertEquals("Protocol error: invalid multibulk length", assertThrows(RespProtocolException.class,
                    () -> RespParser.next(buf(notADecimal)), notADecimal).getMessage());
        }
        assertNull(RespParser.next(buf("*2000000\r\n$1\r\nx\r\n")), "Redis 7 allows more than 1M arguments");
        assertEquals("Protocol error: invalid bulk length",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*1\r\n$04\r\n"))).getMessage());
        assertEquals("Protocol error: invalid bulk length",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*1\r\n$-5\r\n"))).getMessage());
        assertEquals("Protocol error: invalid bulk length",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("*1\r\n$999999999999\r\n"))).getMessage());
        assertEquals("Protocol error: unbalanced quotes in request",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("SET \"k v\r\n"))).getMessage());
        assertEquals("Protocol error: unbalanced quotes in request",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf("SET \"k\"v\r\n"))).getMessage());
        String huge = "A".repeat(RespParser.MAX_INLINE_LENGTH + 1);
        assertEquals("Protocol error: too big inline request",
                assertThrows(RespProtocolException.class, () -> RespParser.next(buf(huge))).getMessage());
    }

    @Test
    void inlineQuotingEscapes() throws Exception {
        assertEquals(List.of("SET", "k", "a\nb\"\u00ff", "it's"),
                strings(RespParser.next(buf("SET k \"a\\nb\\\"\\xff\" 'it\\'s'\r\n"))));
    }

    /**
     * A multi-bulk frame arriving in pieces is parsed once: after each piece the arguments read
     * so far stay in the command with where the next one starts, and the next call resumes there
     * even though the connection's buffer moved (here: a new array, the frame at another offset).
     */
    @Test
    void anIncompleteFrameIsResumedWhereItStoppedEvenWhenTheBufferMoved() throws Exception {
        StringBuilder frame = new StringBuilder("*1000\r\n");
        List<Integer> argumentStarts = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            argumentStarts.add(frame.length());
            String arg = "a" + i;
            frame.append('$').append(arg.length()).append("\r\n").append(arg).append("\r\n");
        }
        byte[] bytes = frame.toString().getBytes(ISO_8859_1);
        Command command = new Command();
        Random random = new Random(7);
        for (int have = 1; have < bytes.length; have += 1 + random.nextInt(40)) {
            int offset = random.nextInt(16); // the frame lands somewhere else in a new buffer
            byte[] moved = new byte[offset + have + 8];
            System.arraycopy(bytes, 0, moved, offset, have);
            ByteBuffer in = ByteBuffer.wrap(moved, offset, have);
            assertEquals(false, RespParser.next(in, command));
            assertEquals(offset, in.position(), "nothing consumed");
            if (command.isSuspended()) { // (not while the "*1000" line itself is incomplete)
                int firstIncomplete = command.size();
                assertEquals(argumentStarts.get(firstIncomplete), command.resumeAt(), "resumes at its start");
                int itsEnd = firstIncomplete + 1 < 1000 ? argumentStarts.get(firstIncomplete + 1) : bytes.length;
                assertTrue(itsEnd > have, "every argument that arrived whole was kept");
            }
        }
        ByteBuffer whole = ByteBuffer.wrap(bytes);
        assertTrue(RespParser.next(whole, command));
        assertEquals(1000, command.size());
        for (int i = 0; i < 1000; i++) {
            assertEquals("a" + i, new String(command.get(i), ISO_8859_1));
        }
        assertEquals(false, command.isSuspended());
    }

    @Test
    void aMalformedArgumentAfterAResumeFailsAndLeavesNothingToResume() throws Exception {
        Command command = new Command();
        assertEquals(false, RespParser.next(buf("*3\r\n$1\r\na\r\n$1"), command));
        assertTrue(command.isSuspended());
        assertEquals(1, command.size());
        assertThrows(RespProtocolException.class,
                () -> RespParser.next(buf("*3\r\n$1\r\na\r\n$1\r\nb\r\n:x\r\n"), command));
        assertEquals(false, command.isSuspended());
        assertTrue(RespParser.next(buf("*1\r\n$4\r\nPING\r\n"), command), "a new frame parses from its start");
        assertEquals(List.of("PING"), strings(command));
    }
}
