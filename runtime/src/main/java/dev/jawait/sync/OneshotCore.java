package dev.jawait.sync;

import dev.jawait.Waker;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single slot shared by a {@link OneshotSender} and {@link OneshotReceiver}.
 *
 * <pre>{@code
 * OneshotCore<String> core = new OneshotCore<>();
 * core.send("v");
 * }</pre>
 */
final class OneshotCore<T> {
    static final int EMPTY = 0;
    static final int SENT = 1;
    static final int SENDER_CLOSED = 2;
    static final int RECEIVER_CLOSED = 3;
    static final int TAKEN = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private int state = EMPTY;
    private T value;
    private Waker receiverWaker;
    private Object receiverOwner;
    private Waker closeWaker;

    /** Returns false if the receiver is gone; throws if a value was already sent. */
    boolean send(T v) {
        Waker toWake;
        lock.lock();
        try {
            switch (state) {
                case EMPTY:
                    value = v;
                    state = SENT;
                    toWake = receiverWaker;
                    receiverWaker = null;
                    break;
                case RECEIVER_CLOSED:
                    return false;
                default:
                    throw new IllegalStateException("oneshot sender already used");
            }
        } finally {
            lock.unlock();
        }
        if (toWake != null) {
            toWake.wake();
        }
        return true;
    }

    void closeSender() {
        Waker toWake = null;
        lock.lock();
        try {
            if (state == EMPTY) {
                state = SENDER_CLOSED;
                toWake = receiverWaker;
                receiverWaker = null;
            }
        } finally {
            lock.unlock();
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    void closeReceiver() {
        Waker toWake = null;
        lock.lock();
        try {
            if (state == EMPTY || state == SENT) {
                state = RECEIVER_CLOSED;
                value = null;
                toWake = closeWaker;
                closeWaker = null;
            }
            receiverWaker = null;
        } finally {
            lock.unlock();
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    boolean isReceiverClosed() {
        lock.lock();
        try {
            return state == RECEIVER_CLOSED;
        } finally {
            lock.unlock();
        }
    }

    /** For the sender's closed() future: true once the receiver is gone, else registers. */
    boolean pollReceiverClosed(Waker waker) {
        lock.lock();
        try {
            if (state == RECEIVER_CLOSED) {
                return true;
            }
            closeWaker = waker;
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * {@link #SENT} with the value in {@code out[0]}, {@link #EMPTY} after registering
     * {@code waker} for {@code owner}, or the closed state.
     */
    int pollRecv(Waker waker, Object owner, Object[] out) {
        int result;
        lock.lock();
        try {
            result = state;
            if (state == SENT) {
                out[0] = value;
                value = null;
                state = TAKEN;
            } else if (state == EMPTY) {
                receiverWaker = waker;
                receiverOwner = owner;
            }
        } finally {
            lock.unlock();
        }
        return result;
    }

    void forgetReceiver(Object owner) {
        lock.lock();
        try {
            if (receiverOwner == owner) {
                receiverWaker = null;
                receiverOwner = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
