package dev.jawait.runtime;

import dev.jawait.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;

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
 * chain.takeAll(into);            // the consumer, under the scope's lock
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
        ScopedTask<T> f = top;
        return f == null ? 0 : f.seq;
    }

    /** Pushes a child that just finished; returns its completion number (1-based). */
    @SuppressWarnings("unchecked")
    int push(ScopedTask<T> child) {
        ScopedTask<T> t = top;
        for (;;) {
            int seq = t == null ? 1 : t.seq + 1;
            child.finishedNext = t; // plain: the CAS publishes both
            child.seq = seq;
            ScopedTask<T> witness = (ScopedTask<T>) TOP.compareAndExchange(this, t, child);
            if (witness == t) {
                return seq;
            }
            t = witness;
        }
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
            c.finishedNext = reversed; // completions read a published node's seq, never this
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
     * Takes every finished child not taken yet, in one pass and in no particular order, marks
     * each taken and adds it to {@code into} (if not null); returns how many. Under the lock.
     */
    int takeAll(List<ScopedTask<T>> into) {
        int n = 0;
        for (ScopedTask<T> c = queueHead; c != null; ) {
            ScopedTask<T> following = c.finishedNext;
            c.finishedNext = c;
            if (into != null) {
                into.add(c);
            }
            n++;
            c = following;
        }
        queueHead = queueTail = null;
        ScopedTask<T> newest = top;
        for (ScopedTask<T> c = newest; c != boundary; ) {
            ScopedTask<T> following = c.finishedNext;
            c.finishedNext = c;
            if (into != null) {
                into.add(c);
            }
            n++;
            c = following;
        }
        boundary = newest;
        return n;
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

    static {
        try {
            TOP = MethodHandles.lookup().findVarHandle(FinishedChainFields.class, "top", ScopedTask.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The newest child finished; its {@code seq} is F. */
    volatile ScopedTask<T> top;
    /** The awaiter of join/joinAll/joinNext, and whether it waits for every finish or the last. */
    volatile Waker waiter;
    volatile boolean waiterWantsEach;
}
