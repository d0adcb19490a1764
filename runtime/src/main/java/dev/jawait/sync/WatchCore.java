package dev.jawait.sync;

import dev.jawait.Waker;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The shared value of a {@link Watch} channel. The current value and its version are published
 * together in one immutable {@link Versioned}, so reads take no lock.
 *
 * <pre>{@code
 * WatchCore<Integer> core = new WatchCore<>(0);
 * core.send(1);
 * }</pre>
 */
final class WatchCore<T> {
    /** A value and the version it was sent as. */
    record Versioned<T>(T value, long version) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final WaitList waiting = new WaitList();
    private volatile Versioned<T> current;
    private volatile boolean closed;
    private int receivers;

    WatchCore(T initial) {
        current = new Versioned<>(initial, 0);
    }

    Versioned<T> current() {
        return current;
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Replaces the value and wakes the watchers; returns the value replaced. With
     * {@code onlyIfWatched} and no receiver, changes nothing and fails instead.
     */
    T replace(T value, boolean onlyIfWatched) throws ChannelClosedException {
        Waker[] toWake;
        T previous;
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("watch sender closed");
            }
            if (onlyIfWatched && receivers == 0) {
                throw new ChannelClosedException("no watch receiver", value);
            }
            previous = current.value();
            current = new Versioned<>(value, current.version() + 1);
            toWake = waiting.takeAllWakers();
        } finally {
            lock.unlock();
        }
        WaitList.wakeAll(toWake);
        return previous;
    }

    void close() {
        Waker[] toWake;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            toWake = waiting.takeAllWakers();
        } finally {
            lock.unlock();
        }
        WaitList.wakeAll(toWake);
    }

    WatchReceiver<T> subscribe() {
        lock.lock();
        try {
            receivers++;
            return new WatchReceiver<>(this, current.version());
        } finally {
            lock.unlock();
        }
    }

    void unsubscribe() {
        lock.lock();
        try {
            receivers--;
        } finally {
            lock.unlock();
        }
    }

    int receiverCount() {
        lock.lock();
        try {
            return receivers;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The current version if newer than {@code seen}, {@code -1} if closed with nothing newer, or
     * {@code -2} after queuing {@code node} to be woken on the next change.
     */
    long pollChanged(long seen, WaitList.Node node, Waker waker) {
        long v = current.version();
        if (v != seen) {
            return v;
        }
        lock.lock();
        try {
            v = current.version();
            if (v != seen) {
                return v;
            }
            if (closed) {
                return -1;
            }
            node.waker = waker;
            if (!waiting.contains(node)) {
                waiting.add(node);
            }
            return -2;
        } finally {
            lock.unlock();
        }
    }

    void forget(WaitList.Node node) {
        lock.lock();
        try {
            waiting.remove(node);
        } finally {
            lock.unlock();
        }
    }
}
