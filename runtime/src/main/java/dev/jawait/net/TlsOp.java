package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.runtime.Coop;
import java.io.IOException;

/**
 * The shape of every {@link TlsStream} operation, like {@link IoOp} for {@code TcpStream}: try
 * the step first, and only when it would block wait for the socket readiness it needs —
 * readable for the read side, writable for the write side — then try again. Cancelling drops
 * the interest (a leaf future); the connection keeps any partial record, so nothing is lost.
 *
 * <pre>{@code
 * return new TlsOp<Integer>(conn.tcp.readable()) {
 *     Poll<Integer> attempt(Context cx) throws IOException {
 *         int n = conn.read(dst);
 *         return n == 0 && dst.hasRemaining() ? null : Poll.ready(n);   // null: wait
 *     }
 * };
 * }</pre>
 */
abstract class TlsOp<T> implements TryFuture<T, IOException> {
    private final TryFuture<Void, IOException> readiness;
    private boolean waiting;

    TlsOp(TryFuture<Void, IOException> readiness) {
        this.readiness = readiness;
    }

    /**
     * One non-blocking step: the result, or {@code null} when it must wait — only after a socket
     * call would block (or came up short), which clears the cached readiness so the wait is real.
     * A step may also yield: wake {@code cx}'s waker and return {@link Poll#pending()}.
     */
    abstract Poll<T> attempt(Context cx) throws IOException;

    @Override
    public final Poll<T> poll(Context cx) {
        if (!Coop.proceed(cx)) {
            return Poll.pending(); // budget spent: woken to run again after the others
        }
        try {
            while (true) {
                Poll<T> result = attempt(cx);
                if (result != null) {
                    waiting = false;
                    return result;
                }
                if (readiness.poll(cx).isPending()) {
                    waiting = true;
                    return Poll.pending();
                }
            }
        } catch (IOException e) {
            waiting = false;
            throw Failures.sneaky(e);
        }
    }

    /**
     * Spends cooperative budget for the crypto work of {@code bytes} (one unit per 4 KiB, on top
     * of the unit every poll costs): a loop of TLS reads and writes then yields its worker after
     * about half a mebibyte, as a loop of plain socket operations does after 128 of them.
     * Returns false once the budget is gone (the task has been woken to run again after others).
     */
    static boolean spend(Context cx, int bytes) {
        for (int units = bytes >> 12; units > 0; units--) {
            if (!Coop.proceed(cx)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public final boolean cancel() {
        if (waiting) {
            readiness.cancel();
            waiting = false;
        }
        return false;
    }
}
