package dev.jawait.sync;

import dev.jawait.TryFuture;
import dev.jawait.Waker;

/**
 * The shared state of one multi-producer single-consumer {@link Channel}, behind its
 * {@link Sender} and {@link Receiver} handles. Two implementations: {@link RingChannelCore}
 * (bounded: a lock-free ring whose free slots a {@link PermitQueue} hands out) and
 * {@link LockedChannelCore} (unbounded: a growable buffer under a lock).
 *
 * <pre>{@code
 * ChannelCore<String> core = new RingChannelCore<>(16);
 * if (core.trySend("a")) { Object m = core.pollRecv(null, null); }
 * }</pre>
 *
 * <p>Every implementation keeps the channel's guarantees: a send into a full bounded channel
 * waits its turn (FIFO) and, if cancelled, delivers nothing and passes on any room it was given;
 * the buffer never holds more than {@code capacity} messages; a cancelled receive takes nothing.
 */
abstract class ChannelCore<T> {
    /** Returned by {@link #pollRecv} at end of stream. */
    static final Object END = new Object();
    /**
     * Returned by {@link #pollRecv} when a sender has claimed the next place but is still
     * writing its message (it runs on another thread, between two instructions): poll again soon.
     */
    static final Object BUSY = new Object();

    /** The most messages buffered; {@link Integer#MAX_VALUE} when unbounded. */
    final int capacity;

    private int senderHandles = 1;

    ChannelCore(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    abstract boolean isClosed();

    /** Sends if there is room and no sender waits; never waits. */
    abstract boolean trySend(T message) throws ChannelClosedException;

    /** A (lazy) send of {@code message}: waits for room in its turn; see {@link Sender#send}. */
    abstract TryFuture<Void, ChannelClosedException> send(T message);

    /**
     * The next message, {@link #END} once closed and drained, {@link #BUSY}, or {@code null} when
     * there is none yet (then {@code waker}, if given, is called when that changes; {@code owner}
     * is the receive future registering it).
     */
    abstract Object pollRecv(Waker waker, Object owner);

    /** Forgets the registered waker if {@code owner} (a cancelled receive) registered it. */
    abstract void forgetReceiver(Object owner);

    /** Stops accepting messages; buffered ones can still be received. */
    abstract void close();

    /** Messages buffered right now (a snapshot). */
    abstract int size();

    /** Closed, and every message received. */
    abstract boolean isTerminated();

    /** The most messages ever buffered at once; for tests of the capacity bound. */
    abstract int highWaterMark();

    /** One more sender handle (if the channel is already closed, its sends will just fail). */
    final synchronized void addSender() {
        senderHandles++;
    }

    /** A sender handle closed; the last one closes the channel. */
    final void dropSender() {
        boolean last;
        synchronized (this) {
            last = --senderHandles == 0;
        }
        if (last) {
            close();
        }
    }
}
