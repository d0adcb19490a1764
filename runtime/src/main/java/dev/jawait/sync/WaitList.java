package dev.jawait.sync;

import dev.jawait.Waker;

/**
 * An intrusive FIFO of waiting futures for the lock-based primitives ({@link Notify},
 * {@link Barrier}, {@link Broadcast}, {@link Watch}). The owner guards it with its lock; the
 * waiting future is itself the node, so waiting allocates nothing more.
 *
 * <pre>{@code
 * lock.lock();
 * try { chain = waiters.takeAll(); } finally { lock.unlock(); }
 * WaitList.wakeChain(chain);             // wakers run outside the lock
 * }</pre>
 *
 * <p>A node taken out by {@link #takeAll} or {@link #takeFirst} must not be added again (its
 * future completes instead), so the wake chain stays intact while it is walked; owners whose nodes
 * may queue again use {@link #takeAllWakers()}.
 */
final class WaitList {
    /** A waiting future. */
    abstract static class Node {
        Node prev;
        Node next;
        Node wakeNext;
        boolean linked;
        volatile Waker waker;
    }

    private Node head;
    private Node tail;

    boolean isEmpty() {
        return head == null;
    }

    void add(Node n) {
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
        n.linked = true;
    }

    /** Removes {@code n} if it is still queued; returns whether it was. */
    boolean remove(Node n) {
        if (!n.linked) {
            return false;
        }
        if (n.prev == null) {
            head = n.next;
        } else {
            n.prev.next = n.next;
        }
        if (n.next == null) {
            tail = n.prev;
        } else {
            n.next.prev = n.prev;
        }
        n.prev = n.next = null;
        n.linked = false;
        return true;
    }

    /** Removes and returns the oldest node, or {@code null}. */
    Node takeFirst() {
        Node n = head;
        if (n != null) {
            remove(n);
            n.wakeNext = null;
        }
        return n;
    }

    /** Removes every node; returns them chained through {@code wakeNext}. */
    Node takeAll() {
        Node chain = head;
        for (Node n = head; n != null; ) {
            Node following = n.next;
            n.wakeNext = following;
            n.prev = n.next = null;
            n.linked = false;
            n = following;
        }
        head = tail = null;
        return chain;
    }

    /**
     * Removes every node and returns their wakers ({@code null} when none waited). For owners
     * whose nodes may queue again after a wake-up, where a shared chain could be rewritten while
     * it is walked.
     */
    Waker[] takeAllWakers() {
        if (head == null) {
            return null;
        }
        int count = 0;
        for (Node n = head; n != null; n = n.next) {
            count++;
        }
        Waker[] wakers = new Waker[count];
        int i = 0;
        for (Node n = takeAll(); n != null; ) {
            Node following = n.wakeNext;
            n.wakeNext = null;
            wakers[i++] = n.waker;
            n = following;
        }
        return wakers;
    }

    /** Wakes what {@link #takeAllWakers()} returned; call outside the lock. */
    static void wakeAll(Waker[] wakers) {
        if (wakers != null) {
            for (Waker w : wakers) {
                if (w != null) {
                    w.wake();
                }
            }
        }
    }

    /** Wakes every node of a chain from {@link #takeAll}/{@link #takeFirst}; call outside the lock. */
    static void wakeChain(Node chain) {
        while (chain != null) {
            Node following = chain.wakeNext;
            chain.wakeNext = null;
            Waker w = chain.waker;
            if (w != null) {
                w.wake();
            }
            chain = following;
        }
    }
}
