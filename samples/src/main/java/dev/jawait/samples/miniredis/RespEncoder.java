package dev.jawait.samples.miniredis;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Appends RESP2 replies to one growable byte array, so every reply produced for a batch of
 * pipelined commands leaves in a single socket write.
 *
 * <pre>{@code
 * RespEncoder out = new RespEncoder();
 * out.simple("OK").integer(42).bulk("hi".getBytes()).nullBulk();
 * await(socket.writeAll(out.asBuffer()));   // "+OK\r\n:42\r\n$2\r\nhi\r\n$-1\r\n"
 * out.reset();
 * }</pre>
 */
public final class RespEncoder {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] OK = "+OK\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_BULK = "$-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL_ARRAY = "*-1\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_ARRAY = "*0\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MESSAGE = "message".getBytes(StandardCharsets.US_ASCII);
    /** A buffer that grew past this is dropped at reset so one huge reply doesn't pin memory. */
    private static final int RETAINED_CAPACITY = 1 << 20;
    private static final int INITIAL_CAPACITY = 4096;

    /** {@link #limit(long)} when there is none. */
    public static final long UNLIMITED = Long.MAX_VALUE;
    /** The largest array the JVM reliably allocates. */
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

    private byte[] bytes = new byte[INITIAL_CAPACITY];
    private int size;
    private long limit = UNLIMITED;
    /** The view {@link #asBuffer} returns, reused while {@code bytes} stays the same array. */
    private ByteBuffer view = ByteBuffer.wrap(bytes);

    /** Bytes appended since the last {@link #reset}. */
    public int size() {
        return size;
    }

    /** Whether nothing was appended since the last {@link #reset}. */
    public boolean isEmpty() {
        return size == 0;
    }

    /**
     * From now on, an append that would bring the content to {@code bytes} or more (Redis' hard
     * limit is reached at equality) throws {@link OutputLimitException} and appends nothing;
     * {@link #UNLIMITED} for none. Kept across {@link #reset}.
     */
    public void limit(long bytes) {
        this.limit = bytes;
    }

    /** Forgets the content (after it was written). */
    public void reset() {
        size = 0;
        if (bytes.length > RETAINED_CAPACITY) {
            bytes = new byte[INITIAL_CAPACITY];
        }
    }

    /** A buffer over the content, positioned at 0; valid until the next append, reset or asBuffer (one view is reused). */
    public ByteBuffer asBuffer() {
        if (view.array() != bytes) {
            view = ByteBuffer.wrap(bytes);
        }
        return view.limit(size).position(0);
    }

    /** A copy of the content, after which the encoder is empty. */
    public byte[] drain() {
        byte[] copy = Arrays.copyOf(bytes, size);
        reset();
        return copy;
    }

    /** The content as text, for tests and logs (bytes are mapped one to one to chars). */
    @Override
    public String toString() {
        return new String(bytes, 0, size, StandardCharsets.ISO_8859_1);
    }

    /** {@code +OK}. */
    public RespEncoder ok() {
        return raw(OK);
    }

    /** A simple string {@code +text}; {@code text} must not contain CR or LF. */
    public RespEncoder simple(String text) {
        return put((byte) '+').ascii(text).raw(CRLF);
    }

    /** An error {@code -text}, e.g. {@code error("ERR syntax error")}. */
    public RespEncoder error(String text) {
        // CR/LF would end the error line early, as Redis we replace them by spaces.
        return put((byte) '-').ascii(text.replace('\r', ' ').replace('\n', ' ')).raw(CRLF);
    }

    /** An integer {@code :n}. */
    public RespEncoder integer(long n) {
        return put((byte) ':').decimal(n).raw(CRLF);
    }

    /** A bulk string {@code $len\r\nbytes}. */
    public RespEncoder bulk(byte[] value) {
        int n = value.length;
        ensure(n + 16); // "$" + up to 10 digits + 2 CRLFs: one capacity check for the whole reply
        bytes[size++] = '$';
        decimal(n);
        bytes[size++] = '\r';
        bytes[size++] = '\n';
        System.arraycopy(value, 0, bytes, size, n);
        size += n;
        bytes[size++] = '\r';
        bytes[size++] = '\n';
        return this;
    }

    /** A bulk string of text, bytes taken as ISO-8859-1 (one byte per char). */
    public RespEncoder bulk(String value) {
        return bulk(value.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The null bulk string {@code $-1}, RESP2's "no value". */
    public RespEncoder nullBulk() {
        return raw(NULL_BULK);
    }

    /** The header of an array of {@code count} replies that follow. */
    public RespEncoder arrayHeader(int count) {
        return count == 0 ? raw(EMPTY_ARRAY) : put((byte) '*').decimal(count).raw(CRLF);
    }

    /** The null array {@code *-1}. */
    public RespEncoder nullArray() {
        return raw(NULL_ARRAY);
    }

    /** Appends already-encoded bytes. */
    public RespEncoder raw(byte[] encoded) {
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
        return this;
    }

    /** The pub/sub push {@code ["message", channel, payload]}, encoded once per PUBLISH. */
    public static byte[] message(byte[] channel, byte[] payload) {
        RespEncoder out = new RespEncoder();
        out.arrayHeader(3).bulk(MESSAGE).bulk(channel).bulk(payload);
        return Arrays.copyOf(out.bytes, out.size);
    }

    private RespEncoder put(byte b) {
        ensure(1);
        bytes[size++] = b;
        return this;
    }

    private RespEncoder ascii(String text) {
        int n = text.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** Appends the decimal digits of {@code n}, without making a String. */
    private RespEncoder decimal(long n) {
        if (n >= 0 && n < 10) {
            return put((byte) ('0' + n));
        }
        if (n == Long.MIN_VALUE) {
            return ascii(Long.toString(n));
        }
        ensure(20);
        if (n < 0) {
            bytes[size++] = '-';
            n = -n;
        }
        int digits = 1;
        for (long rest = n / 10; rest != 0; rest /= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + n % 10);
            n /= 10;
        }
        size += digits;
        return this;
    }

    private void ensure(int extra) {
        long needed = (long) size + extra;
        if (needed >= limit || needed > MAX_CAPACITY) {
            throw new OutputLimitException(needed, Math.min(limit, MAX_CAPACITY));
        }
        if (needed > bytes.length) {
            // Double, but never past what the limit lets the content reach.
            long capacity = Math.max(needed, Math.min(2L * bytes.length, Math.min(limit - 1, MAX_CAPACITY)));
            bytes = Arrays.copyOf(bytes, (int) capacity);
        }
    }
}
