package dev.jawait.sync;

import dev.jawait.Waker;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared state of one multi-producer single-consumer {@link Channel}: a FIFO buffer under a
 * lock, the receiver's waker, and (when bounded) a {@link PermitQueue} of free slots.
 *
 * <pre>{@code
 * ChannelCore<String> core = new ChannelCore<>(16);
 * if (core.trySend("a")) { Object m = core.pollRecv(null, null); }
 * }</pre>
 *
 * <p>A sender first takes a slot (the fair, cancellation-safe part: a send that is cancelled
 * before its message went in gives its slot to the next sender and delivers nothing), then pushes.
 * The receiver frees the slot after taking the message out, so the buffer never holds more than
 * {@code capacity} messages. With free slots, a send and a receive are one CAS plus one short lock
 * and allocate nothing (the buffer array is sized up front).
 */
final class ChannelCore<T> {
    /** Returned by {@link #pollRecv} at end of stream. */
    static final Object END = new Object();

    private static final int PREALLOCATE_LIMIT = 4096;

    final int capacity;
    /** Free slots; {@code null} when unbounded. */
    final PermitQueue slots;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<T> buffer;
    private Waker receiverWaker;
    /** The receive future that registered {@link #receiverWaker}. */
    private Object receiverOwner;
    private volatile boolean closed;
    private int senderHandles = 1;
    private int highWaterMark;

    ChannelCore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.slots = capacity == Integer.MAX_VALUE ? null : new PermitQueue(capacity);
        this.buffer = new ArrayDeque<>(Math.min(capacity, PREALLOCATE_LIMIT));
    }

    boolean isClosed() {
        return closed;
    }

    /** Sends if a slot is free and no sender waits; never waits. */
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

    /**
     * The next message, {@link #END} once closed and drained, or {@code null} when there is none
     * yet (then {@code waker}, if given, is called when that changes; {@code owner} is the
     * receive future registering it).
     */
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

    /** One more sender handle (if the channel is already closed, its sends will just fail). */
    void addSender() {
        lock.lock();
        try {
            senderHandles++;
        } finally {
            lock.unlock();
        }
    }

    /** A sender handle closed; the last one closes the channel. */
    void dropSender() {
        boolean last;
        lock.lock();
        try {
            last = --senderHandles == 0;
        } finally {
            lock.unlock();
        }
        if (last) {
            close();
        }
    }

    /** Stops accepting messages; buffered ones can still be received. */
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

    int size() {
        lock.lock();
        try {
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isTerminated() {
        lock.lock();
        try {
            return closed && buffer.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    /** The most messages ever buffered at once; for tests of the capacity bound. */
    int highWaterMark() {
        lock.lock();
        try {
            return highWaterMark;
        } finally {
            lock.unlock();
        }
    }
}
