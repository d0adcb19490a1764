package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;

/**
 * The future of {@link TcpStream#readable()} / {@link TcpStream#writable()}: ready as soon as the
 * direction may be ready (Tokio's readiness cache), else pending until the selector reports it.
 * One instance per stream and direction is reused for every wait, so awaiting readiness
 * allocates nothing; a stream has one reader and one writer at a time, which makes the reuse
 * safe. Cancelling drops the waker and the interest (a leaf future).
 *
 * <pre>{@code
 * await(socket.readable());          // no buffer held while waiting
 * int n = socket.tryRead(borrowed);  // 0: it was a false positive, wait again
 * }</pre>
 */
final class Readiness implements TryFuture<Void, IOException> {
    private final ChannelHandle handle;
    private final int op;
    private boolean waiting;

    Readiness(ChannelHandle handle, int op) {
        this.handle = handle;
        this.op = op;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        try {
            if (handle.pollReady(op, cx)) {
                waiting = false;
                // A connection whose peer keeps sending would otherwise be ready forever and
                // keep its worker: spend the task's cooperative budget, as Tokio's I/O does.
                return Coop.proceed(cx) ? Poll.ready(null) : Poll.pending();
            }
            waiting = true;
            return Poll.pending();
        } catch (IOException e) {
            waiting = false;
            throw Failures.sneaky(handle.translate(e));
        }
    }

    @Override
    public boolean cancel() {
        if (waiting) {
            handle.disarm(op);
            waiting = false;
        }
        return false;
    }

    @Override
    public String toString() {
        String what = op == java.nio.channels.SelectionKey.OP_READ ? "readable" : "writable";
        return what + " on " + handle.endpoint();
    }
}
