package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Waker;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.Registration;
import java.io.IOException;
import java.nio.channels.SelectableChannel;

/**
 * What every jawait socket holds: its non-blocking channel, its registration with a driver
 * (made lazily, on the first operation that would block, with the driver current then — and kept
 * with that driver for good), and the closed flag that turns any later use into a clear
 * "socket closed" {@link IOException}.
 *
 * <pre>{@code
 * ChannelHandle handle = new ChannelHandle(channel);    // channel already non-blocking
 * handle.ensureOpen();
 * if (channel.read(buf) == 0) handle.arm(SelectionKey.OP_READ, cx.waker());
 * handle.close();                                       // wakes waiters, frees the descriptor
 * }</pre>
 */
final class ChannelHandle {
    private final SelectableChannel channel;
    private volatile Registration registration;
    private volatile boolean closed;

    ChannelHandle(SelectableChannel channel) {
        this.channel = channel;
    }

    boolean isOpen() {
        return !closed;
    }

    void ensureOpen() throws IOException {
        if (closed) {
            throw closedException();
        }
    }

    static IOException closedException() {
        return new IOException("socket closed");
    }

    /** Failures of a syscall racing with close() become the clear "socket closed". */
    IOException translate(IOException failure) {
        if (closed && !"socket closed".equals(failure.getMessage())) {
            IOException closedNow = closedException();
            closedNow.addSuppressed(failure);
            return closedNow;
        }
        return failure;
    }

    void arm(int op, Waker waker) throws IOException {
        registration().arm(op, waker);
    }

    /**
     * Whether {@code op} may be ready: true until an attempt would block (no registration yet, or
     * {@link #clearReady} not called since the selector last reported it); otherwise arms
     * {@code cx.waker()} for {@code op} and returns false.
     */
    boolean pollReady(int op, Context cx) throws IOException {
        ensureOpen();
        Registration r = registration;
        return r == null || r.pollReady(op, cx);
    }

    /** An attempt at {@code op} would block (or came up short): the next pollReady waits. */
    void clearReady(int op) throws IOException {
        registration().clearReady(op);
    }

    void disarm(int op) {
        Registration r = registration;
        if (r != null) {
            r.disarm(op);
        }
    }

    private Registration registration() throws IOException {
        Registration r = registration;
        if (r != null) {
            return r;
        }
        synchronized (this) {
            ensureOpen();
            r = registration;
            if (r == null) {
                registration = r = IoDriver.current().register(channel);
            }
            return r;
        }
    }

    /** Wakes waiters (they fail with "socket closed"), cancels the key, closes the channel. */
    void close() {
        Registration r;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            r = registration;
        }
        if (r != null) {
            r.close();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // The descriptor is released regardless; there is nothing useful to report.
        } finally {
            if (r != null) {
                r.releaseChannel();
            }
        }
    }
}
