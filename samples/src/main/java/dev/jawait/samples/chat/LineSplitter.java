package dev.jawait.samples.chat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Cuts a byte stream into lines ({@code \n} or {@code \r\n} endings), keeping a partial line
 * between reads. Lines longer than the limit are cut at the limit, so a client cannot make the
 * server buffer without bound.
 *
 * <pre>{@code
 * LineSplitter lines = new LineSplitter(4096);
 * byte[] line;
 * while ((line = lines.next(readBuffer)) != null) handle(line);
 * }</pre>
 */
public final class LineSplitter {
    private final int maxLine;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    /** Lines are cut after {@code maxLine} bytes. */
    public LineSplitter(int maxLine) {
        this.maxLine = maxLine;
    }

    /**
     * The next complete line of the buffer (without its ending), or {@code null} once the buffer
     * is consumed; a trailing partial line is kept for the next call.
     */
    public byte[] next(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                byte[] line = partial.toByteArray();
                partial.reset();
                int n = line.length;
                return n > 0 && line[n - 1] == '\r' ? java.util.Arrays.copyOf(line, n - 1) : line;
            }
            partial.write(b);
            if (partial.size() >= maxLine) {
                byte[] line = partial.toByteArray();
                partial.reset();
                return line;
            }
        }
        return null;
    }
}
