package dev.jawait.sync;

import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.Waker;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ChannelCore} of an unbounded channel, or of a bounded one too large for a
 * preallocated {@link RingChannelCore}: a growable FIFO buffer under a lock, the receiver's
 * waker, and (when bounded) the slot queue.
 *
 * <pre>{@code
 * ChannelCore<String> core = new LockedChannelCore<>(Integer.MAX_VALUE);   // unbounded
 * core.push("a");
 * Object m = core.pollRecv(null, null);      // "a"
 * }</pre>
 */
final class LockedChannelCore<T> extends ChannelCore<T> {
    private static final int INITIAL_CAPACITY = 16;

    /** Free slots; {@code null} when unbounded. */
    final PermitQueue slots;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> buffer = new ArrayDeque<>(INITIAL_CAPACITY);
    private Waker receiverWaker;
    /** The receive future that registered {@link #receiverWaker}. */
    private Object receiverOwner;
    private volatile boolean closed;
    private int highWaterMark;

    /** A core for {@code capacity} messages; {@link Integer#MAX_VALUE} means unbounded. */
    LockedChannelCore(int capacity) {
        super(capacity);
        this.slots = capacity == Integer.MAX_VALUE ? null : new PermitQueue(capacity);
    }

    @Override
    boolean trySend(T message) throws ChannelClosedException {
        Objects.requireNonNull(message, "message");
        if (closed) {
            throw new ChannelClosedException(message);
        }
        if (slots != null && !slots.tryAcquire(1)) {
            if (closed) {
                throw new ChannelClosedException(message);
            }
            return false;
        }
        push(message);
        return true;
    }

    @Override
    TryFuture<Void, ChannelClosedException> send(T message) {
        if (slots != null) {
            return new QueuedSend<>(this, message);
        }
        return cx -> {
            try {
                push(message);
            } catch (ChannelClosedException e) {
                throw Failures.sneaky(e);
            }
            return Poll.ready(null);
        };
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    /** Appends a message whose slot is already held (or the channel is unbounded). */
    void push(T message) throws ChannelClosedException {
        Waker toWake;
        lock.lock();
        try {
            if (closed) {
                toWake = null;
            } else {
                buffer.addLast(message);
                if (buffer.size() > highWaterMark) {
                    highWaterMark = buffer.size();
                }
                toWake = receiverWaker;
                receiverWaker = null;
                receiverOwner = null;
                message = null;
            }
        } finally {
            lock.unlock();
        }
        if (message != null) {
            if (slots != null) {
                slots.release(1);
            }
            throw new ChannelClosedException(message);
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    @Override
    Object pollRecv(Waker waker, Object owner) {
        T message;
        lock.lock();
        try {
            message = buffer.pollFirst();
            if (message == null) {
                if (closed) {
                    return END;
                }
                if (waker != null) {
                    receiverWaker = waker;
                    receiverOwner = owner;
                }
                return null;
            }
        } finally {
            lock.unlock();
        }
        if (slots != null) {
            slots.release(1);
        }
        return message;
    }

    /** Forgets the registered waker if {@code owner} (a cancelled receive) registered it. */
    @Override
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

    /** Stops accepting messages; buffered ones can still be received. */
    @Override
    void close() {
        Waker toWake;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toWake = receiverWaker;
            receiverWaker = null;
            receiverOwner = null;
        } finally {
            lock.unlock();
        }
        if (slots != null) {
            slots.close();
        }
        if (toWake != null) {
            toWake.wake();
        }
    }

    @Override
    int size() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    boolean isTerminated() {
        lock.lock();
        try {
            return closed && buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The most messages ever buffered at once; for tests of the capacity bound. */
    @Override
    int highWaterMark() {
        lock.lock();
        try {
            return highWaterMark;
        } finally {
            lock.unlock();
        }
    }
}
