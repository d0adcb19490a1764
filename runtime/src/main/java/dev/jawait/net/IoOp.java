package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;

/**
 * The shape of every socket operation: try the system call first (the fast path completes
 * without touching the driver), and only when it would block register interest and the task's
 * waker, then return pending. Cancelling drops the waker and the interest and returns
 * {@code false} (a leaf future). It is {@link ChannelHandle#call}'s idiom (refuse once closed,
 * report a failure that raced with close as "socket closed") in a future's shape.
 *
 * <p>Each operation has a name, and its {@code toString()} says what it waits for, on which
 * endpoint, so a task dump reads {@code read on /127.0.0.1:6379} or
 * {@code accept on /127.0.0.1:8080}.
 *
 * <pre>{@code
 * return new IoOp<Integer>(handle, SelectionKey.OP_READ, "read") {
 *     Poll<Integer> attempt() throws IOException {
 *         int n = channel.read(dst);
 *         return n == 0 && dst.hasRemaining() ? null : Poll.ready(n);   // null: would block
 *     }
 * };
 * }</pre>
 */
abstract class IoOp<T> implements TryFuture<T, IOException> {
    private final ChannelHandle handle;
    private final int op;
    private final String name;
    private boolean armed;

    /** {@code name}: what the operation does, as task dumps show it ({@code "read"}, {@code "accept"}). */
    IoOp(ChannelHandle handle, int op, String name) {
        this.handle = handle;
        this.op = op;
        this.name = name;
    }

    /** One non-blocking attempt: the result, or {@code null} when it would block. */
    abstract Poll<T> attempt() throws IOException;

    @Override
    public final Poll<T> poll(Context cx) {
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // budget spent: the task was woken to run again after others
        }
        try {
            handle.ensureOpen();
            Poll<T> result = attempt();
            if (result != null) {
                return result;
            }
            handle.arm(op, cx.waker());
            armed = true;
            return Poll.pending();
        } catch (IOException e) {
            throw Failures.sneaky(handle.translate(e));
        }
    }

    @Override
    public final boolean cancel() {
        if (armed) {
            handle.disarm(op);
            armed = false;
        }
        return false;
    }

    /** The operation and its endpoint: {@code "read on /127.0.0.1:6379"}. */
    @Override
    public String toString() {
        return name + " on " + handle.endpoint();
    }
}
