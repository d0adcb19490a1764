package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The allocation-free request path: {@link Command} views, {@link Key} probes, byte dispatch. */
@Timeout(30)
class CommandTest {
    private static ByteBuffer buf(String s) {
        return ByteBuffer.wrap(s.getBytes(ISO_8859_1));
    }

    private static String arg(Command c, int i) {
        return new String(c.get(i), ISO_8859_1);
    }

    @Test
    void oneCommandObjectIsRefilledFrameAfterFrameWithoutCopying() throws Exception {
        ByteBuffer in = buf("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n*2\r\n$3\r\nget\r\n$1\r\nk\r\nPING x\r\n*0\r\n");
        Command c = new Command();
        assertTrue(RespParser.next(in, c));
        assertEquals(3, c.size());
        assertSame(in.array(), c.array(), "arguments are ranges of the read buffer");
        assertEquals("hello", new String(c.array(), c.offset(2), c.length(2), ISO_8859_1));
        assertTrue(c.is(0, "set"));
        assertFalse(c.is(0, "get"));
        assertTrue(RespParser.next(in, c));
        assertEquals(2, c.size());
        assertTrue(c.is(0, "get"), "case is ignored");
        assertEquals("k", arg(c, 1));
        assertTrue(RespParser.next(in, c)); // inline
        assertEquals(2, c.size());
        assertEquals("x", arg(c, 1));
        assertTrue(RespParser.next(in, c)); // *0: an empty command
        assertEquals(0, c.size());
        assertFalse(RespParser.next(in, c));
        assertThrows(IndexOutOfBoundsException.class, () -> c.get(0));
    }

    @Test
    void getCopiesSoTheValueSurvivesTheBuffer() throws Exception {
        ByteBuffer in = buf("*2\r\n$4\r\nECHO\r\n$2\r\nab\r\n");
        Command c = new Command();
        assertTrue(RespParser.next(in, c));
        byte[] copy = c.get(1);
        Arrays.fill(in.array(), (byte) 'z');
        assertEquals("ab", new String(copy, ISO_8859_1));
    }

    @Test
    void directAndOffsetBuffersParseAtTheRightPositions() throws Exception {
        byte[] frames = "*1\r\n$4\r\nPING\r\n*2\r\n$3\r\nGET\r\n$2\r\nkk\r\n".getBytes(ISO_8859_1);
        ByteBuffer direct = ByteBuffer.allocateDirect(64);
        direct.put(frames).flip();
        direct.position(14); // skip the first frame
        Command c = new Command();
        assertTrue(RespParser.next(direct, c));
        assertEquals("kk", arg(c, 1));
        assertEquals(frames.length, direct.position());

        byte[] padded = new byte[frames.length + 5];
        System.arraycopy(frames, 0, padded, 5, frames.length);
        ByteBuffer slice = ByteBuffer.wrap(padded, 5, frames.length).slice(); // arrayOffset 5
        assertTrue(RespParser.next(slice, c));
        assertEquals("PING", arg(c, 0));
        assertEquals(14, slice.position());
        assertTrue(RespParser.next(slice, c));
        assertEquals("kk", arg(c, 1));
    }

    @Test
    void probeKeysEqualStoredKeysAndAreCopiedWhenInserted() {
        byte[] request = "xxkey:1yy".getBytes(ISO_8859_1);
        Key probe = Key.probe().point(request, 2, 5);
        Key stored = Key.of("key:1");
        assertEquals(stored, probe);
        assertEquals(stored.hashCode(), probe.hashCode());
        assertEquals(0, stored.compareTo(probe));
        assertNotEquals(Key.of("key:2"), probe);
        assertNotSame(probe, probe.immutable());
        assertSame(stored, stored.immutable());
        assertThrows(IllegalStateException.class, () -> stored.point(request, 0, 1));

        Store store = new Store(new AtomicLong(1)::get);
        store.put(probe, "v".getBytes(ISO_8859_1));
        store.set(probe, "w".getBytes(ISO_8859_1), Store.SetCondition.IF_PRESENT, 0, false);
        store.incrementBy(Key.probe().point("n".getBytes(ISO_8859_1), 0, 1), 5);
        Arrays.fill(request, (byte) '?'); // the connection reuses its buffer
        probe.point(request, 0, 5);
        assertArrayEquals("w".getBytes(ISO_8859_1), store.get("key:1"), "the store kept its own copy of the key");
        assertNull(store.get(probe));
        assertEquals(6, store.incrementBy("n", 1));
        assertEquals(java.util.List.of("key:1", "n"), store.keys("*".getBytes(ISO_8859_1)).stream().sorted().toList());
    }

    @Test
    void decimalsAtTheEdgeOfLongAreCheckedForOverflow() {
        for (String count : new String[] {"9223372036854775808", "99999999999999999999", "18446744073709551617"}) {
            assertEquals("Protocol error: invalid multibulk length", assertThrows(RespProtocolException.class,
                    () -> RespParser.next(buf("*" + count + "\r\n"), new Command())).getMessage());
        }
        assertEquals("Protocol error: invalid bulk length", assertThrows(RespProtocolException.class,
                () -> RespParser.next(buf("*1\r\n$999999999999999999\r\n"), new Command())).getMessage());
        assertEquals(Long.MAX_VALUE, Numbers.requireLong("9223372036854775807".getBytes(ISO_8859_1)));
        assertEquals(Long.MIN_VALUE, Numbers.requireLong("-9223372036854775808".getBytes(ISO_8859_1)));
        assertEquals(123456789012345678L, Numbers.requireLong("123456789012345678".getBytes(ISO_8859_1)));
        for (String bad : new String[] {"9223372036854775808", "-9223372036854775809", "99999999999999999999"}) {
            assertThrows(CommandError.class, () -> Numbers.requireLong(bad.getBytes(ISO_8859_1)), bad);
        }
    }

    @Test
    void tableLooksNamesUpInAnyCaseWithoutStrings() {
        CommandTable table = CommandTable.standard();
        byte[] names = "xGeTmsetUNKNOWNset".getBytes(ISO_8859_1);
        assertEquals("GET", table.lookup(names, 1, 3).name());
        assertEquals("MSET", table.lookup(names, 4, 4).name());
        assertEquals("SET", table.lookup(names, 15, 3).name());
        assertNull(table.lookup(names, 8, 7));
        assertNull(table.lookup(names, 1, 2), "a prefix is not a command");
        assertTrue(table.size() > 30);
    }
}
