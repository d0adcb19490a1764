package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Waker;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.Registration;
import dev.jawait.runtime.driver.SocketClosedException;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/**
 * What every jawait socket holds: its non-blocking channel, its registration with a driver
 * (made lazily, on the first operation that would block, with the driver current then — and kept
 * with that driver for good), and the closed flag that turns any later use into a clear
 * {@link SocketClosedException} ("socket closed").
 *
 * <p>Every operation on the socket follows one idiom: refuse once closed, make the system call,
 * and report a failure that raced with {@link #close()} as "socket closed" rather than the
 * JDK's incidental {@code ClosedChannelException} or {@code EBADF}. {@link #call} and
 * {@link #callInt} are that idiom for a direct call; {@link IoOp} is it in a future's shape.
 *
 * <pre>{@code
 * ChannelHandle handle = new ChannelHandle(channel);    // channel already non-blocking
 * int n = handle.callInt(channel, buf, SocketChannel::read);
 * if (n == 0) handle.arm(SelectionKey.OP_READ, cx.waker());
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
        return new SocketClosedException();
    }

    /** A system call on the socket, for {@link #call}. */
    @FunctionalInterface
    interface IoCall<R> {
        R run() throws IOException;
    }

    /**
     * An int-valued system call on {@code channel} with one argument, for {@link #callInt}: a
     * non-capturing method reference ({@code SocketChannel::read}), so the hot path allocates
     * nothing.
     */
    @FunctionalInterface
    interface IntIoCall<C, A> {
        int run(C channel, A arg) throws IOException;
    }

    /** Runs {@code io} on the open socket: the idiom of the class comment. */
    <R> R call(IoCall<R> io) throws IOException {
        ensureOpen();
        try {
            return io.run();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** {@link #call} for an int-valued call, such as a read or write into a buffer. */
    <C, A> int callInt(C channel, A arg, IntIoCall<C, A> io) throws IOException {
        ensureOpen();
        try {
            return io.run(channel, arg);
        } catch (IOException e) {
            throw translate(e);
        }
    }

    /** Failures of a syscall racing with close() become the clear "socket closed". */
    IOException translate(IOException failure) {
        if (closed && !(failure instanceof SocketClosedException)) {
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

    /**
     * Where the socket's operations go, for what task dumps show ({@code "read on
     * /127.0.0.1:6379"}): a connected socket's peer, else its own address (a listener, an
     * unconnected datagram socket, an accepted Unix socket whose peer is unnamed). Asked only
     * when a dump is taken, so no socket holds a string for it.
     */
    String endpoint() {
        try {
            SocketAddress peer = null;
            if (channel instanceof SocketChannel) {
                peer = ((SocketChannel) channel).getRemoteAddress();
            } else if (channel instanceof DatagramChannel) {
                peer = ((DatagramChannel) channel).getRemoteAddress();
            }
            if (peer != null && !peer.toString().isEmpty()) {
                return peer.toString();
            }
            SocketAddress local = null;
            if (channel instanceof NetworkChannel) {
                local = ((NetworkChannel) channel).getLocalAddress();
            }
            return local != null && !local.toString().isEmpty() ? local.toString() : "an unnamed socket";
        } catch (IOException e) {
            return "a closed socket";
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
