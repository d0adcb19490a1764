package dev.jawait.samples.miniredis;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A binary-safe Redis key: a byte range with its hash, compared by content. The keyspace holds
 * immutable keys ({@link #copyOf}); a connection looks keys up with one reusable <em>probe</em>
 * ({@link #probe()}, {@link #point}) aimed straight at the bytes of its read buffer, so a GET
 * copies and allocates nothing. A probe must never be stored: {@link Store} inserts
 * {@link #immutable()} copies only.
 *
 * <pre>{@code
 * Key probe = Key.probe();
 * byte[] v = store.get(probe.point(readBuffer, offset, length));   // no allocation
 * Key stored = probe.immutable();                                   // safe to keep
 * }</pre>
 */
final class Key implements Comparable<Key> {
    private byte[] bytes;
    private int offset;
    private int length;
    private int hash;
    private final boolean mutable;

    private Key(byte[] bytes, int offset, int length, boolean mutable) {
        this.mutable = mutable;
        set(bytes, offset, length);
    }

    /** An immutable key holding its own copy of {@code bytes[offset, offset + length)}. */
    static Key copyOf(byte[] bytes, int offset, int length) {
        return new Key(Arrays.copyOfRange(bytes, offset, offset + length), 0, length, false);
    }

    /** An immutable key of a whole array (taken over, not copied: the caller gives it up). */
    static Key wrap(byte[] bytes) {
        return new Key(bytes, 0, bytes.length, false);
    }

    /** An immutable key of a text, one byte per char (ISO-8859-1). */
    static Key of(String text) {
        return wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** A reusable, re-aimable lookup key; empty until {@link #point} is called. */
    static Key probe() {
        return new Key(new byte[0], 0, 0, true);
    }

    /** Aims this probe at {@code bytes[offset, offset + length)}, without copying; returns it. */
    Key point(byte[] bytes, int offset, int length) {
        if (!mutable) {
            throw new IllegalStateException("only a probe can be re-aimed");
        }
        set(bytes, offset, length);
        return this;
    }

    /** This key if it is immutable, else an immutable copy (what the keyspace may keep). */
    Key immutable() {
        return mutable ? copyOf(bytes, offset, length) : this;
    }

    /** Whether the key matches a glob pattern (no copy). */
    boolean matches(Glob pattern) {
        return pattern.matches(bytes, offset, length);
    }

    private void set(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + bytes[i];
        }
        this.hash = h;
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Key k && k.hash == hash && k.length == length
                && Arrays.equals(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
    }

    /** Unsigned byte order, as Redis' memcmp (consistent with {@link #equals}). */
    @Override
    public int compareTo(Key k) {
        return Arrays.compareUnsigned(bytes, offset, offset + length, k.bytes, k.offset, k.offset + k.length);
    }

    /** The key as text, one char per byte. */
    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}
