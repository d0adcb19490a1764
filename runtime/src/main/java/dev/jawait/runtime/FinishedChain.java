package dev.jawait.runtime;

import dev.jawait.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The completion side of a {@link StructuredScope}: the Treiber chain of its finished children
 * (newest first, linked by {@link ScopedTask#finishedNext}), the awaiter the completions wake,
 * and the completion-order queue its consumer takes children from. The protocol is the scope's
 * (see its class comment); this class only keeps the words that every completion writes on
 * cache lines of their own, away from the word every spawn writes, so that a worker spawning
 * and a worker completing children do not pull one line back and forth. The padding is in the
 * superclass and in this class, as the JVM lays out a superclass's fields first.
 *
 * <pre>{@code
 * int seq = chain.push(child);    // a completion: its completion number
 * chain.count();                  // F
 * chain.takeOldest();             // joinNext, under the scope's lock
 * }</pre>
 */
final class FinishedChain<T> extends FinishedChainFields<T> {
    @SuppressWarnings("unused")
    private long q0, q1, q2, q3, q4, q5, q6, q7; // after the hot fields: see the class comment

    // Guarded by the scope's lock (the consumer): not hot, on whatever line they land.
    /** The newest finished child already moved to the queue or taken (null: none yet). */
    private ScopedTask<T> boundary;
    /** Finished children not taken yet, oldest first, linked by {@code finishedNext}. */
    private ScopedTask<T> queueHead;
    private ScopedTask<T> queueTail;

    /** F: children ever finished. */
    int count() {
        return finished;
    }

    /**
     * Links a child that just finished at the top, then counts it; returns the count it made
     * (its completion number, 1-based). Linking first means every child counted in F is in the
     * chain; counting with an add, not in the node, means a push never reads the previous top
     * node, which another worker may have just written.
     */
    @SuppressWarnings("unchecked")
    int push(ScopedTask<T> child) {
        ScopedTask<T> t = top;
        for (;;) {
            child.finishedNext = t; // plain: the CAS publishes it
            ScopedTask<T> witness = (ScopedTask<T>) TOP.compareAndExchange(this, t, child);
            if (witness == t) {
                break;
            }
            t = witness;
        }
        return (int) FINISHED.getAndAdd(this, 1) + 1;
    }

    /**
     * Moves the children finished since the last move (from {@code top} down to
     * {@code boundary}) to the end of the completion-order queue, oldest first. Under the lock.
     */
    void moveToQueue() {
        ScopedTask<T> newest = top;
        if (newest == boundary) {
            return;
        }
        ScopedTask<T> reversed = null;
        for (ScopedTask<T> c = newest; c != boundary; ) {
            ScopedTask<T> following = c.finishedNext;
            c.finishedNext = reversed; // completions never read a published node
            reversed = c;
            c = following;
        }
        boundary = newest;
        if (queueTail == null) {
            queueHead = reversed;
        } else {
            queueTail.finishedNext = reversed;
        }
        queueTail = newest; // its finishedNext is null now
    }

    /** The oldest finished child not taken, marked taken; null if none. Under the lock. */
    ScopedTask<T> takeOldest() {
        if (queueHead == null) {
            moveToQueue();
        }
        ScopedTask<T> c = queueHead;
        if (c != null) {
            queueHead = c.finishedNext;
            if (queueHead == null) {
                queueTail = null;
            }
            c.finishedNext = c; // taken: see ScopedTask.isTaken
        }
        return c;
    }

    /**
     * Drops every child whose spawn number is at most {@code joined} (a join took them all) from
     * the queue and the chain, in O(1) unless children were spawned after {@code joined} was
     * counted; {@code spawned} is the scope's S, read here after the top. Under the lock.
     *
     * @param joined S when the join saw every child finished (each of them had been linked then)
     * @param scope whose S to read
     */
    void dropJoined(int joined, StructuredScope<T> scope) {
        ScopedTask<T> newest = top;
        if (scope.spawnedCount() == joined) {
            // No spawn since: whatever is linked at or below newest has a number <= joined.
            boundary = newest;
            queueHead = queueTail = null;
            return;
        }
        moveToQueue(); // rare: a spawn raced the join; keep its children, in completion order
        ScopedTask<T> kept = null;
        ScopedTask<T> keptTail = null;
        for (ScopedTask<T> c = queueHead; c != null; ) {
            ScopedTask<T> following = c.finishedNext;
            if (c.index - joined > 0) { // a difference: the numbers wrap (see StructuredScope)
                c.finishedNext = null;
                if (keptTail == null) {
                    kept = c;
                } else {
                    keptTail.finishedNext = c;
                }
                keptTail = c;
            }
            c = following;
        }
        queueHead = kept;
        queueTail = keptTail;
    }
}

/** Padding before the hot fields of {@link FinishedChain}. */
abstract class FinishedChainPad {
    /** Fills the gap after the object header, where the JVM would otherwise put a subclass field. */
    @SuppressWarnings("unused")
    private int gap;
    @SuppressWarnings("unused")
    private long p0, p1, p2, p3, p4, p5, p6, p7;
}

/** The hot fields of {@link FinishedChain}, between its two paddings. */
abstract class FinishedChainFields<T> extends FinishedChainPad {
    static final VarHandle TOP;
    static final VarHandle FINISHED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TOP = l.findVarHandle(FinishedChainFields.class, "top", ScopedTask.class);
            FINISHED = l.findVarHandle(FinishedChainFields.class, "finished", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The newest child linked in the chain. */
    volatile ScopedTask<T> top;
    /** F: children ever finished, each counted after it was linked (wraps, as S does). */
    volatile int finished;
    /** The awaiter of join/joinAll/joinNext, and whether it waits for every finish or the last. */
    volatile Waker waiter;
    volatile boolean waiterWantsEach;
}
