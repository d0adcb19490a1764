package dev.jawait.bench.http;

import dev.jawait.net.TcpStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@link HelloConnection}'s work — same {@link HelloProtocol} scanner, same 4 KB read and one
 * write per read batch — for a readiness-based server: the buffers are borrowed per thread for
 * one non-waiting exchange instead of being owned per connection. Between requests a connection
 * keeps only the bytes of an incomplete request (usually none), which is what a reactor can do
 * and a blocking read (virtual threads) cannot: a thread blocked in {@code read} holds its buffer.
 *
 * <pre>{@code
 * ReadinessHelloConnection c = new ReadinessHelloConnection();
 * while (!c.closed()) {
 *     await(socket.readable());
 *     ByteBuffer unsent = c.exchange(socket);     // read, answer, write without waiting
 *     if (unsent != null) await(socket.writeAll(unsent));
 * }
 * }</pre>
 */
public final class ReadinessHelloConnection {
    private static final int INPUT = 4096;
    private static final int RESPONSE_LENGTH = HelloProtocol.RESPONSE.length;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** One thread's borrowed buffers (the sizes {@link HelloConnection} starts with). */
    private static final class Scratch {
        byte[] input = new byte[INPUT];
        ByteBuffer readView = ByteBuffer.wrap(input);
        byte[] output = new byte[RESPONSE_LENGTH * 16];
        ByteBuffer writeView = ByteBuffer.wrap(output);
    }

    private byte[] partial;
    private boolean close;

    /** Whether the peer ended the stream or asked to close (the reply then went out first). */
    public boolean closed() {
        return close;
    }

    /**
     * Reads what is there, answers every complete request and writes the replies as far as the
     * socket takes them now; returns {@code null}, or the replies left to write (owned by the
     * caller).
     */
    public ByteBuffer exchange(TcpStream socket) throws IOException {
        Scratch s = SCRATCH.get();
        int length = 0;
        if (partial != null) {
            if (partial.length == s.input.length) { // an oversized request: grow, as HelloConnection does
                s.input = Arrays.copyOf(s.input, s.input.length * 2);
                s.readView = ByteBuffer.wrap(s.input);
            }
            System.arraycopy(partial, 0, s.input, 0, partial.length);
            length = partial.length;
            partial = null;
        }
        ByteBuffer readView = s.readView;
        readView.limit(s.input.length).position(length);
        int n = socket.tryRead(readView);
        if (n < 0) {
            close = true;
            return null;
        }
        length += n;
        byte[] input = s.input;
        int start = 0;
        int answered = 0;
        int end;
        while (!close && (end = HelloProtocol.requestEnd(input, start, length)) > 0) {
            close = HelloProtocol.wantsClose(input, start, end);
            start = end;
            answered++;
        }
        if (start < length && !close) {
            partial = Arrays.copyOfRange(input, start, length);
        }
        if (answered == 0) {
            return null;
        }
        int bytes = answered * RESPONSE_LENGTH;
        if (s.output.length < bytes) {
            s.output = new byte[bytes];
            s.writeView = ByteBuffer.wrap(s.output);
        }
        for (int i = 0; i < answered; i++) {
            System.arraycopy(HelloProtocol.RESPONSE, 0, s.output, i * RESPONSE_LENGTH, RESPONSE_LENGTH);
        }
        ByteBuffer replies = s.writeView.limit(bytes).position(0);
        socket.tryWrite(replies);
        if (!replies.hasRemaining()) {
            return null;
        }
        ByteBuffer unsent = ByteBuffer.allocate(replies.remaining());
        unsent.put(replies).flip();
        return unsent;
    }
}
