package dev.jawait.samples.miniredis;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.RandomAccess;

/**
 * The arguments of one parsed command, as byte ranges of the connection's read buffer: the
 * parser ({@link RespParser#next(java.nio.ByteBuffer, Command)}) refills the same object for
 * every command of a connection, so parsing and dispatching allocate nothing. Valid until the
 * next command is parsed or the buffer is compacted.
 *
 * <p>As a {@code List<byte[]>}, {@link #get} returns a fresh copy of an argument (handlers that
 * keep a value, like SET, need their own bytes anyway); hot handlers read ranges in place with
 * {@link #key}, {@link #is} and {@link #array}/{@link #offset}/{@link #length}.
 *
 * <pre>{@code
 * Command cmd = new Command();
 * while (RespParser.next(in, cmd)) {
 *     if (cmd.is(0, "get")) reply(store.get(cmd.key(1)));   // no copy, no String
 * }
 * }</pre>
 */
public final class Command extends AbstractList<byte[]> implements RandomAccess {
    private byte[] array = new byte[0];
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int count;
    private final Key probe = Key.probe();

    /** Starts a new command whose arguments are ranges of {@code source}. */
    void reset(byte[] source) {
        array = source;
        count = 0;
    }

    /** Appends the argument {@code array[offset, offset + length)}. */
    void add(int offset, int length) {
        if (count == offsets.length) {
            offsets = Arrays.copyOf(offsets, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        offsets[count] = offset;
        lengths[count] = length;
        count++;
    }

    @Override
    public int size() {
        return count;
    }

    /** A copy of argument {@code i}. */
    @Override
    public byte[] get(int i) {
        check(i);
        return Arrays.copyOfRange(array, offsets[i], offsets[i] + lengths[i]);
    }

    /** The array holding the arguments' bytes. */
    byte[] array() {
        return array;
    }

    int offset(int i) {
        check(i);
        return offsets[i];
    }

    int length(int i) {
        check(i);
        return lengths[i];
    }

    /**
     * Argument {@code i} as a key, through this command's one reusable probe: valid until the next
     * call of {@code key} (the keyspace copies it when it must keep it).
     */
    Key key(int i) {
        check(i);
        return probe.point(array, offsets[i], lengths[i]);
    }

    /** Whether argument {@code i} equals {@code lowerAscii} ignoring ASCII case (Redis' strcasecmp). */
    boolean is(int i, String lowerAscii) {
        check(i);
        int n = lengths[i];
        if (n != lowerAscii.length()) {
            return false;
        }
        int at = offsets[i];
        for (int j = 0; j < n; j++) {
            if (lower(array[at + j]) != lowerAscii.charAt(j)) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case of a byte, other bytes unchanged. */
    static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b & 0xff;
    }

    private void check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("argument " + i + " of " + count);
        }
    }
}
