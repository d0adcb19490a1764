package dev.jawait.samples.handwritten;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.Registration;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A hand-written future, no {@code @Async}: writes a whole buffer to a non-blocking socket and
 * completes with the number of bytes written. When the socket's send buffer is full it does not
 * spin: it asks the reactor to wake its task when the socket becomes writable
 * ({@link Registration#arm arm(OP_WRITE, waker)}) and returns pending.
 *
 * <pre>{@code
 * SocketChannel ch = SocketChannel.open(address);
 * ch.configureBlocking(false);
 * long sent = runtime.blockOn(new SocketWriteFuture(ch, ByteBuffer.wrap(data)));
 * }</pre>
 *
 * <p>On its first poll the future registers the channel with the driver of the runtime polling
 * it ({@link IoDriver#current()}), and it drops that registration when it completes or is
 * cancelled; the channel itself stays open and belongs to the caller. (For a socket used many
 * times, {@code dev.jawait.net.TcpStream} keeps one registration for its whole life.)
 */
public final class SocketWriteFuture implements TryFuture<Long, IOException> {
    private final SocketChannel channel;
    private final ByteBuffer data;
    private Registration registration;
    private long written;
    private int suspensions;

    /** Writes {@code data} (from its position to its limit) to the non-blocking {@code channel}. */
    public SocketWriteFuture(SocketChannel channel, ByteBuffer data) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be non-blocking");
        }
        this.channel = channel;
        this.data = data;
    }

    @Override
    public Poll<Long> poll(Context cx) {
        try {
            while (data.hasRemaining()) {
                int n = channel.write(data);
                if (n == 0) {
                    // Send buffer full: sleep until the selector reports the socket writable.
                    if (registration == null) {
                        registration = IoDriver.current().register(channel);
                    }
                    registration.arm(SelectionKey.OP_WRITE, cx.waker());
                    suspensions++;
                    return Poll.pending();
                }
                written += n;
            }
            release();
            return Poll.ready(written);
        } catch (IOException e) {
            release();
            throw Failures.sneaky(e);
        }
    }

    /** A leaf future: stop waiting for writability and let the caller drop us. */
    @Override
    public boolean cancel() {
        release();
        return false;
    }

    /** How many times the write had to wait for the socket to become writable. */
    public int suspensions() {
        return suspensions;
    }

    private void release() {
        if (registration != null) {
            registration.close();
            registration.releaseChannel();
            registration = null;
        }
    }

    @Override
    public String toString() {
        return "SocketWriteFuture[" + written + " written, " + data.remaining() + " left]";
    }
}
