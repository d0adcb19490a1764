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
 *
 * <p>Offsets are kept relative to the start of the frame, so a multi-bulk frame that arrives in
 * pieces is parsed once, not again from its start at every read: when the parser stops inside
 * one, the arguments read so far stay here with where to resume ({@link #suspend}), and the next
 * call — given the same frame again, wherever the connection's buffer now holds it, with more
 * bytes after — goes on from there ({@link #isSuspended}, {@link #rebase}). A frame of a million
 * small arguments arriving 64 KB at a time would otherwise be parsed about a hundred times over.
 */
public final class Command extends AbstractList<byte[]> implements RandomAccess {
    private byte[] array = new byte[0];
    /** Where the frame starts in {@code array}: offsets are relative to it. */
    private int base;
    private int[] offsets = new int[8];
    private int[] lengths = new int[8];
    private int count;
    /** The argument count of the multi-bulk frame being parsed in pieces, or -1. */
    private long suspendedArgs = -1;
    /** Where (relative to the frame) the next argument of that frame starts. */
    private int resumeAt;
    private final Key probe = Key.probe();

    /** Starts a new command whose arguments are ranges of {@code source} from {@code frameStart}. */
    void reset(byte[] source, int frameStart) {
        array = source;
        base = frameStart;
        count = 0;
        suspendedArgs = -1;
    }

    /** The frame parsed in part before now lies in {@code source} from {@code frameStart}. */
    void rebase(byte[] source, int frameStart) {
        array = source;
        base = frameStart;
    }

    /**
     * The parser stopped inside a multi-bulk frame of {@code args} arguments: the {@link #size()}
     * arguments read so far stay, and the next argument starts at {@code nextArgument}, relative
     * to the frame.
     */
    void suspend(long args, int nextArgument) {
        suspendedArgs = args;
        resumeAt = nextArgument;
    }

    /** Whether a multi-bulk frame was parsed in part ({@link #suspend}) and not finished since. */
    boolean isSuspended() {
        return suspendedArgs >= 0;
    }

    /** The argument count of the frame parsed in part. */
    long suspendedArgs() {
        return suspendedArgs;
    }

    /** Where its next argument starts, relative to the frame. */
    int resumeAt() {
        return resumeAt;
    }

    /** The frame parsed in part is complete: this is a whole command now. */
    void finish() {
        suspendedArgs = -1;
    }

    /** Forgets a frame parsed in part (before parsing a different buffer with this command). */
    void abandon() {
        count = 0;
        suspendedArgs = -1;
    }

    /** Appends the argument at {@code offset} (relative to the frame) of {@code length} bytes. */
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
        int from = base + offsets[i];
        return Arrays.copyOfRange(array, from, from + lengths[i]);
    }

    /** The array holding the arguments' bytes. */
    byte[] array() {
        return array;
    }

    /** Where argument {@code i} starts in {@link #array()}. */
    int offset(int i) {
        check(i);
        return base + offsets[i];
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
        return probe.point(array, base + offsets[i], lengths[i]);
    }

    /** Whether argument {@code i} equals {@code lowerAscii} ignoring ASCII case (Redis' strcasecmp). */
    boolean is(int i, String lowerAscii) {
        check(i);
        int n = lengths[i];
        if (n != lowerAscii.length()) {
            return false;
        }
        int at = base + offsets[i];
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
