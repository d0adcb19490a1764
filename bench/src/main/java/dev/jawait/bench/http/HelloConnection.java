package dev.jawait.bench.http;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The per-connection state of the minimal hello servers (virtual threads and jawait), so both
 * do exactly the same work per connection and differ only in how they wait for I/O: a 4 KB
 * input buffer (grown only for oversized requests), replies for one read batch gathered into
 * one output buffer.
 *
 * <pre>{@code
 * HelloConnection c = new HelloConnection();
 * int n = channel.read(c.readBuffer());
 * c.received(n);                        // answers every complete request
 * channel.write(c.replies());           // one write per read batch
 * if (c.closeRequested()) channel.close();
 * }</pre>
 */
public final class HelloConnection {
    private static final int INITIAL_INPUT = 4096;
    private static final int RESPONSE_LENGTH = HelloProtocol.RESPONSE.length;

    private byte[] input = new byte[INITIAL_INPUT];
    private int length;
    private ByteBuffer readView = ByteBuffer.wrap(input);
    private byte[] output = new byte[RESPONSE_LENGTH * 16];
    private ByteBuffer writeView = ByteBuffer.wrap(output);
    private boolean close;

    /** The free part of the input buffer, for the next read (grows a full buffer first). */
    public ByteBuffer readBuffer() {
        if (length == input.length) {
            input = Arrays.copyOf(input, input.length * 2);
            readView = ByteBuffer.wrap(input);
        }
        readView.limit(input.length).position(length);
        return readView;
    }

    /** The input array, for blocking streams: read into {@code inputArray()[inputLength()..]}. */
    public byte[] inputArray() {
        readBuffer(); // grows if full
        return input;
    }

    /** How many unanswered bytes the input holds. */
    public int inputLength() {
        return length;
    }

    /**
     * Accounts {@code n} bytes just read, answers every complete request (stopping after one that
     * asks to close) and returns how many reply bytes {@link #replies()} now holds.
     */
    public int received(int n) {
        length += n;
        int start = 0;
        int answered = 0;
        int end;
        while (!close && (end = HelloProtocol.requestEnd(input, start, length)) > 0) {
            close = HelloProtocol.wantsClose(input, start, end);
            start = end;
            answered++;
        }
        System.arraycopy(input, start, input, 0, length - start);
        length -= start;
        int bytes = answered * RESPONSE_LENGTH;
        if (output.length < bytes) {
            output = new byte[bytes];
            writeView = ByteBuffer.wrap(output);
        }
        for (int i = 0; i < answered; i++) {
            System.arraycopy(HelloProtocol.RESPONSE, 0, output, i * RESPONSE_LENGTH, RESPONSE_LENGTH);
        }
        writeView.limit(bytes).position(0);
        return bytes;
    }

    /** The replies of the last {@link #received} batch, positioned for writing. */
    public ByteBuffer replies() {
        return writeView;
    }

    /** The output array (replies of the last batch start at 0). */
    public byte[] outputArray() {
        return output;
    }

    /** Whether a request asked to close: write the replies, then close. */
    public boolean closeRequested() {
        return close;
    }
}
