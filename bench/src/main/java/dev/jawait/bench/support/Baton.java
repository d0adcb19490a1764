package dev.jawait.bench.support;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A turn passed back and forth between two tasks: the smallest possible "wake the other task"
 * hand-off, so a ping-pong benchmark measures the runtime's wake-and-reschedule path and not a
 * synchronisation library.
 *
 * <pre>{@code
 * Baton baton = new Baton();              // side 0 has the turn
 * // task A:                               // task B:
 * await(baton.turn(0)); baton.pass(1);    await(baton.turn(1)); baton.pass(0);
 * }</pre>
 *
 * <p>Lost-wake freedom: the waiter publishes its waker and then re-reads the turn; the passer
 * publishes the turn and then reads the waker (all volatile), so at least one of them sees the
 * other's write.
 */
public final class Baton {
    private static final VarHandle TURN;
    private static final VarHandle WAKER0;
    private static final VarHandle WAKER1;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TURN = lookup.findVarHandle(Baton.class, "turn", int.class);
            WAKER0 = lookup.findVarHandle(Baton.class, "waker0", Waker.class);
            WAKER1 = lookup.findVarHandle(Baton.class, "waker1", Waker.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through TURN
    private volatile int turn;
    @SuppressWarnings("unused") // accessed through WAKER0
    private volatile Waker waker0;
    @SuppressWarnings("unused") // accessed through WAKER1
    private volatile Waker waker1;

    private final Future<Void> side0 = cx -> pollTurn(0, cx);
    private final Future<Void> side1 = cx -> pollTurn(1, cx);

    /** A future ready when {@code side} (0 or 1) holds the turn; the same instance every time. */
    public Future<Void> turn(int side) {
        return side == 0 ? side0 : side1;
    }

    /** Hands the turn to {@code side} and wakes its task if it is waiting. */
    public void pass(int side) {
        TURN.setVolatile(this, side);
        Waker w = (Waker) (side == 0 ? WAKER0 : WAKER1).getVolatile(this);
        if (w != null) {
            w.wake();
        }
    }

    private Poll<Void> pollTurn(int side, Context cx) {
        if ((int) TURN.getVolatile(this) == side) {
            return Poll.ready(null);
        }
        (side == 0 ? WAKER0 : WAKER1).setVolatile(this, cx.waker());
        if ((int) TURN.getVolatile(this) == side) {
            return Poll.ready(null);
        }
        return Poll.pending();
    }
}
