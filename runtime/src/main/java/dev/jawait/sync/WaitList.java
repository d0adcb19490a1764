package dev.jawait.sync;

import dev.jawait.Waker;

/**
 * The one intrusive FIFO of waiting futures behind every waiting primitive in this package, as
 * Tokio's {@code util/linked_list.rs} backs its semaphore, {@code Notify} and broadcast: the
 * fair {@link PermitQueue} (so {@link Semaphore}, {@link Mutex}, {@link RwLock}), the bounded
 * ring channel's waiting senders ({@link RingChannelCore}), {@link Notify}, {@link Barrier},
 * {@link Broadcast} and {@link Watch}. The waiting future is itself the node, so waiting
 * allocates nothing more.
 *
 * <pre>{@code
 * lock.lock();
 * try {
 *     n.status = GRANTED;             // 1. what the waiter will find, under the lock
 *     waiters.dequeueToWake(n);       // 2. out of the list, onto the wake chain
 *     chain = waiters.takeWakeChain();
 * } finally { lock.unlock(); }
 * WaitList.wakeChain(chain);          // 3. wakers run outside the lock
 * }</pre>
 *
 * <p><b>The protocol every owner follows (why no wake-up is lost).</b>
 * <ol>
 * <li>The owner's lock guards the list and the wake chain; the node's {@link Node#waker} is
 *     volatile because it is read outside that lock.</li>
 * <li>A waiter writes its waker before it is added (under the lock), and when polled again
 *     publishes its latest waker first, then re-reads the outcome it waits for.</li>
 * <li>Whoever releases a waiter writes the outcome (under the lock), takes the node out onto
 *     the wake chain (which of the two first does not matter: both are under the lock), and reads
 *     the waker only after unlocking, in {@link #wakeChain}. The outcome write comes before the
 *     waker read, and the waiter's waker write before its outcome read: one of the two sides
 *     always sees the other (volatile accesses are totally ordered), so either the waiter sees
 *     its outcome when polled or the releaser wakes the waker it last published.</li>
 * <li>Wakers are called outside the lock: a waker may run code that takes the same lock (a
 *     current-thread runtime, a test's waker), and a long chain must not hold the lock.</li>
 * <li>The wake chain is empty whenever the lock is free: an owner takes it before unlocking.</li>
 * <li>A node taken out must not be added again before its chain is walked (its future completes
 *     instead), or the chain walk would follow the new links; owners whose nodes may queue
 *     again right after a wake-up ({@link Broadcast}, {@link Watch}) use {@link #takeAllWakers()}.</li>
 * </ol>
 */
final class WaitList {
    /** A waiting future; it is in the list iff it is the head or has a {@code prev}. */
    abstract static class Node {
        Node prev;
        Node next;
        /** Links nodes taken out, to be woken after the owner's lock is released. */
        Node wakeNext;
        /** Written by the waiter, read outside the lock by whoever wakes it. */
        volatile Waker waker;
    }

    private Node head;
    private Node tail;
    /** Taken out under the lock, to be woken once it is released, oldest first. */
    private Node wakeHead;
    private Node wakeTail;

    boolean isEmpty() {
        return head == null;
    }

    /** The oldest waiting node (still queued), or {@code null}. */
    Node first() {
        return head;
    }

    /** Whether {@code n} is queued here. */
    boolean contains(Node n) {
        return n.prev != null || head == n;
    }

    /** Queues {@code n} last; it must not be queued already. */
    void add(Node n) {
        n.prev = tail;
        n.next = null;
        if (tail == null) {
            head = n;
        } else {
            tail.next = n;
        }
        tail = n;
    }

    /** Removes {@code n} if it is still queued; returns whether it was. */
    boolean remove(Node n) {
        if (!contains(n)) {
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
        return true;
    }

    /** Removes queued {@code n} and appends it to the wake chain (after its outcome is written). */
    void dequeueToWake(Node n) {
        remove(n);
        n.wakeNext = null;
        if (wakeTail == null) {
            wakeHead = n;
        } else {
            wakeTail.wakeNext = n;
        }
        wakeTail = n;
    }

    /** The wake chain, emptied; take it before unlocking and pass it to {@link #wakeChain}. */
    Node takeWakeChain() {
        Node chain = wakeHead;
        wakeHead = wakeTail = null;
        return chain;
    }

    /** Removes and returns the oldest node, as a chain of one, or {@code null}. */
    Node takeFirst() {
        Node n = head;
        if (n != null) {
            dequeueToWake(n);
        }
        return takeWakeChain();
    }

    /** Removes every node; returns them, oldest first, chained through {@code wakeNext}. */
    Node takeAll() {
        while (head != null) {
            dequeueToWake(head);
        }
        return takeWakeChain();
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

    /** {@code chain} without {@code n} (a node that needs no wake-up: it is the one running). */
    static Node unchain(Node chain, Node n) {
        if (chain == n) {
            Node rest = n.wakeNext;
            n.wakeNext = null;
            return rest;
        }
        for (Node c = chain; c != null; c = c.wakeNext) {
            if (c.wakeNext == n) {
                c.wakeNext = n.wakeNext;
                n.wakeNext = null;
                break;
            }
        }
        return chain;
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

    /**
     * Wakes every node of a chain from {@link #takeWakeChain}, {@link #takeAll} or
     * {@link #takeFirst}; call outside the lock. Each link is read before its node is woken:
     * once woken, a node's future may complete and be dropped at once.
     */
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
