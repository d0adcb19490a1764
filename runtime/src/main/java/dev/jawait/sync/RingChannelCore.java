package dev.jawait.sync;

import dev.jawait.TryFuture;
import dev.jawait.Waker;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The {@link ChannelCore} of a bounded channel: a lock-free multi-producer single-consumer ring in
 * the manner of JCTools' {@code MpscArrayQueue}, plus a FIFO of senders waiting for room.
 *
 * <pre>{@code
 * RingChannelCore<String> core = new RingChannelCore<>(64);
 * if (core.trySend("a")) {                   // one CAS; no lock, no allocation
 *     Object m = core.pollRecv(null, null);  // no CAS, one fence
 * }
 * }</pre>
 *
 * <p><b>Protocol</b>. One 64-bit {@code tail} word holds the
 * next place to claim (top 44 bits, compared modulo 2^44), the number of slots {@code reserved}
 * for granted waiting senders (17 bits) and three flags: {@code RX_PARKED}, {@code CLOSED},
 * {@code TX_WAITING}. Invariant: {@code (tail - head) + reserved <= capacity <= ring.length}.
 * <ul>
 * <li>A sender claims with one CAS of {@code tail} to {@code index + 1}, only while neither
 *     {@code CLOSED} nor {@code TX_WAITING} is set and {@code (index - head) + reserved <
 *     capacity} (head read with acquire, or a cached copy); the CAS clears {@code RX_PARKED}. It
 *     then stores the message into {@code ring[index & mask]} with release, and wakes the receiver
 *     if it cleared the flag.
 * <li>The receiver alone reads {@code ring[head & mask]} with acquire; finding a message, it nulls
 *     the cell, stores {@code head + 1} (volatile), then reads {@code tail}: if {@code TX_WAITING}
 *     is set it grants room to the waiting senders under the lock. A sender that finds no room
 *     sets {@code TX_WAITING} (CAS), queues, and then reads {@code head} (volatile) under the same
 *     lock: one of the two sees the other's write, so no sender sleeps while there is room.
 * <li>Granting (under the lock, in arrival order) CASes {@code reserved + 1}; the granted sender
 *     later CASes {@code index + 1, reserved - 1} and stores its message, or, cancelled, CASes
 *     {@code reserved - 1} and grants the next waiter. {@code TX_WAITING} is cleared when the
 *     queue empties, so later senders never overtake a queued one.
 * <li>Finding no message with {@code tail == head}, the receiver stores its waker and CASes
 *     {@code RX_PARKED} in (failing if a sender claimed meanwhile). Finding no message with
 *     {@code tail > head} means a sender is between its CAS and its store ({@link #BUSY}).
 * <li>Closing CASes {@code CLOSED} in and {@code RX_PARKED} out (waking the receiver) and fails the
 *     queued senders; no claim succeeds after it, so the receiver drains what was claimed.
 * </ul>
 */
final class RingChannelCore<T> extends ChannelCore<T> {
    private static final long RX_PARKED = 1L;
    private static final long CLOSED = 2L;
    private static final long TX_WAITING = 4L;
    /** Slots granted to waiting senders that have not pushed yet: 17 bits above the flags. */
    private static final int RESERVED_SHIFT = 3;
    private static final long RESERVED_ONE = 1L << RESERVED_SHIFT;
    private static final long RESERVED_MASK = ((1L << 17) - 1) << RESERVED_SHIFT;
    /** The place index: the top 44 bits, compared modulo 2^44 (it may wrap around). */
    private static final int SHIFT = 20;
    private static final long STEP = 1L << SHIFT;
    private static final long INDEX_MASK = (1L << (64 - SHIFT)) - 1;
    /** Re-reads of a claimed cell before reporting {@link #BUSY}. */
    private static final int BUSY_SPINS = 16;

    private static final VarHandle TAIL;
    private static final VarHandle HEAD;
    private static final VarHandle HEAD_CACHE;
    private static final VarHandle RING = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            TAIL = lookup.findVarHandle(RingChannelCore.class, "tail", long.class);
            HEAD = lookup.findVarHandle(RingChannelCore.class, "head", long.class);
            HEAD_CACHE = lookup.findVarHandle(RingChannelCore.class, "headCache", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] ring;
    private final int mask;

    /** {@code index << SHIFT | flags}; CASed by senders, the receiver and close. */
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile long tail;
    /** The next place to read; written by the receiver only, read by anyone. */
    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    /** A recent {@link #head} (release/acquire), so senders rarely touch the receiver's line. */
    @SuppressWarnings("unused") // accessed through HEAD_CACHE
    private long headCache;

    private volatile Waker receiverWaker;
    /** The receive future that registered {@link #receiverWaker}. */
    private volatile Object receiverOwner;
    /** Written by the receiver only, when it grows (at most {@code capacity} times). */
    private volatile int highWaterMark;

    /** Guards the queue of waiting senders. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Waiting senders; guarded by {@link #lock}. */
    private final WaitList senders = new WaitList();

    RingChannelCore(int capacity) {
        this(capacity, 0);
    }

    /** A ring whose first place is {@code startIndex}; tests use it to cross the wrap-around. */
    RingChannelCore(int capacity, long startIndex) {
        super(capacity);
        if (capacity > 1 << 16) {
            throw new IllegalArgumentException("capacity too large for a ring: " + capacity);
        }
        int length = Integer.highestOneBit(capacity);
        if (length < capacity) {
            length <<= 1;
        }
        this.ring = new Object[length];
        this.mask = length - 1;
        long start = startIndex & INDEX_MASK;
        TAIL.setVolatile(this, start << SHIFT);
        HEAD.setVolatile(this, start);
        HEAD_CACHE.setVolatile(this, start);
    }

    /** A sender's place in the queue for room (a {@link WaitList} node); the state of one waiting send. */
    static final class SendWaiter extends WaitList.Node {
        static final int WAITING = 0;
        static final int GRANTED = 1;
        static final int CLOSED_OUT = 2;
        static final int DONE = 3;

        /** Written under the lock, read without it. */
        volatile int status;
    }

    /** Places claimed and not yet read, given tail word {@code s} and head {@code h}. */
    private static long claimed(long s, long h) {
        return ((s >>> SHIFT) - h) & INDEX_MASK;
    }

    /** Claimed places plus places reserved for granted waiters. */
    private static long occupied(long s, long h) {
        return claimed(s, h) + ((s & RESERVED_MASK) >>> RESERVED_SHIFT);
    }

    @Override
    boolean isClosed() {
        return ((long) TAIL.getVolatile(this) & CLOSED) != 0;
    }

    @Override
    TryFuture<Void, ChannelClosedException> send(T message) {
        return new RingSend<>(this, message);
    }

    @Override
    boolean trySend(T message) throws ChannelClosedException {
        Objects.requireNonNull(message, "message");
        if (tryClaim(message)) {
            return true;
        }
        if (isClosed()) {
            throw new ChannelClosedException(message);
        }
        return false;
    }

    /**
     * The fast path: claims a place and stores {@code message} if there is room and no sender
     * waits; {@code false} otherwise (full, waiters, or closed). Kept small so callers inline it.
     */
    boolean tryClaim(T message) {
        long s = (long) TAIL.getVolatile(this);
        if ((s & (CLOSED | TX_WAITING)) != 0) {
            return false;
        }
        if (occupied(s, (long) HEAD_CACHE.getAcquire(this)) >= capacity && !refreshHead(s)) {
            return false;
        }
        if (!TAIL.compareAndSet(this, s, (s + STEP) & ~RX_PARKED)) {
            return tryClaimContended(message);
        }
        publish(s, message);
        return true;
    }

    /** Re-reads {@code head}; whether tail word {@code s} leaves room for one more claim. */
    private boolean refreshHead(long s) {
        long h = (long) HEAD.getAcquire(this);
        HEAD_CACHE.setRelease(this, h);
        return occupied(s, h) < capacity;
    }

    private boolean tryClaimContended(T message) {
        for (;;) {
            long s = (long) TAIL.getVolatile(this);
            if ((s & (CLOSED | TX_WAITING)) != 0) {
                return false;
            }
            if (occupied(s, (long) HEAD_CACHE.getAcquire(this)) >= capacity && !refreshHead(s)) {
                return false;
            }
            if (TAIL.compareAndSet(this, s, (s + STEP) & ~RX_PARKED)) {
                publish(s, message);
                return true;
            }
        }
    }

    /** Stores the message at the place claimed from tail word {@code s}; wakes a parked receiver. */
    private void publish(long s, T message) {
        RING.setRelease(ring, (int) (s >>> SHIFT) & mask, message);
        if ((s & RX_PARKED) != 0) {
            Waker w = receiverWaker;
            if (w != null) {
                w.wake();
            }
        }
    }

    // ---- waiting senders (under the lock) ----

    /**
     * A send that found no room: claims now if it can (returns {@code GRANTED} having pushed), or
     * queues {@code w} and returns {@code WAITING}, or {@code CLOSED_OUT}.
     */
    int enqueue(SendWaiter w, Waker waker, T message) {
        WaitList.Node toWake;
        lock.lock();
        try {
            for (;;) {
                long s = (long) TAIL.getVolatile(this);
                if ((s & CLOSED) != 0) {
                    w.status = SendWaiter.CLOSED_OUT;
                    return SendWaiter.CLOSED_OUT;
                }
                if ((s & TX_WAITING) != 0) {
                    break;
                }
                if (occupied(s, (long) HEAD.getVolatile(this)) < capacity) {
                    if (TAIL.compareAndSet(this, s, (s + STEP) & ~RX_PARKED)) {
                        w.status = SendWaiter.DONE;
                        publish(s, message);
                        return SendWaiter.GRANTED;
                    }
                    continue;
                }
                // Full: from now on senders queue, and the receiver looks at the queue.
                if (TAIL.compareAndSet(this, s, s | TX_WAITING)) {
                    break;
                }
            }
            w.waker = waker; // before it can be granted: the granter reads it after unlocking
            w.status = SendWaiter.WAITING;
            senders.add(w);
            toWake = grantLocked(); // the receiver may have made room before it saw the flag
        } finally {
            lock.unlock();
        }
        if (w.status == SendWaiter.GRANTED) {
            // Granted at once: this send is running, so it needs no wake-up, only the others.
            WaitList.wakeChain(WaitList.unchain(toWake, w));
            return pushReserved(w, message) ? SendWaiter.GRANTED : SendWaiter.CLOSED_OUT;
        }
        WaitList.wakeChain(toWake);
        return SendWaiter.WAITING;
    }

    /**
     * A granted waiter turns its reserved slot into a claimed place and stores its message; no
     * lock. {@code false} if the channel closed meanwhile (nothing was sent).
     */
    boolean pushReserved(SendWaiter w, T message) {
        w.status = SendWaiter.DONE;
        for (;;) {
            long s = (long) TAIL.getVolatile(this);
            if ((s & CLOSED) != 0) {
                return false;
            }
            if (TAIL.compareAndSet(this, s, (s + STEP - RESERVED_ONE) & ~RX_PARKED)) {
                publish(s, message);
                return true;
            }
        }
    }

    /** Withdraws a waiting send; a slot it was granted goes to the next waiter. */
    void cancel(SendWaiter w) {
        if (w.status == SendWaiter.DONE || w.status == SendWaiter.CLOSED_OUT) {
            return;
        }
        WaitList.Node toWake = null;
        lock.lock();
        try {
            int st = w.status;
            w.status = SendWaiter.DONE;
            if (st == SendWaiter.WAITING) {
                senders.remove(w);
                toWake = grantLocked(); // clears TX_WAITING if it was the last waiter
            } else if (st == SendWaiter.GRANTED) {
                for (;;) {
                    long s = (long) TAIL.getVolatile(this);
                    if ((s & CLOSED) != 0 || TAIL.compareAndSet(this, s, s - RESERVED_ONE)) {
                        break;
                    }
                }
                toWake = grantLocked();
            }
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(toWake);
    }

    /**
     * Reserves free slots for waiters in arrival order (a CAS on the tail word, so fast-path claims
     * count them); clears {@code TX_WAITING} when nobody waits any more. Returns the chain of
     * granted waiters to wake after unlocking.
     */
    private WaitList.Node grantLocked() {
        while (!senders.isEmpty()) {
            long s = (long) TAIL.getVolatile(this);
            if ((s & CLOSED) != 0) {
                return senders.takeWakeChain(); // close() fails the rest
            }
            if (occupied(s, (long) HEAD.getVolatile(this)) >= capacity) {
                return senders.takeWakeChain();
            }
            if (!TAIL.compareAndSet(this, s, s + RESERVED_ONE)) {
                continue;
            }
            SendWaiter w = (SendWaiter) senders.first();
            w.status = SendWaiter.GRANTED; // the outcome, then onto the wake chain (WaitList)
            senders.dequeueToWake(w);
        }
        for (;;) {
            long s = (long) TAIL.getVolatile(this);
            if ((s & TX_WAITING) == 0 || TAIL.compareAndSet(this, s, s & ~TX_WAITING)) {
                break;
            }
        }
        return senders.takeWakeChain();
    }

    /** After the receiver freed a place: hands room to waiting senders if there are any. */
    private void afterTake() {
        if (((long) TAIL.getVolatile(this) & TX_WAITING) == 0) {
            return;
        }
        WaitList.Node toWake;
        lock.lock();
        try {
            toWake = grantLocked();
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(toWake);
    }

    // ---- the receiver ----

    @Override
    Object pollRecv(Waker waker, Object owner) {
        long h = (long) HEAD.getOpaque(this); // only this (single) receiver writes it
        int cell = (int) h & mask;
        Object message = RING.getAcquire(ring, cell);
        if (message == null) {
            return pollEmpty(h, cell, waker, owner);
        }
        take(h, cell);
        return message;
    }

    /** Frees the cell just read, then hands the room on if senders wait. */
    private void take(long h, int cell) {
        long buffered = claimed((long) TAIL.getVolatile(this), h);
        if (buffered > highWaterMark) {
            highWaterMark = (int) buffered;
        }
        RING.setOpaque(ring, cell, null);
        HEAD.getAndAdd(this, 1L); // an RMW: ordered before the TX_WAITING read below
        afterTake();
    }

    /** No message at {@code h}: a sender is mid-write, or the ring is empty (register, or end). */
    private Object pollEmpty(long h, int cell, Waker waker, Object owner) {
        int spins = 0;
        for (;;) {
            Object message = RING.getAcquire(ring, cell);
            if (message != null) {
                take(h, cell);
                return message;
            }
            long s = (long) TAIL.getVolatile(this);
            if (claimed(s, h) != 0) {
                if (++spins < BUSY_SPINS) {
                    Thread.onSpinWait();
                    continue;
                }
                return BUSY;
            }
            if ((s & CLOSED) != 0) {
                return END;
            }
            if (waker == null) {
                return null;
            }
            if ((s & RX_PARKED) != 0) {
                // Parked already (polled again): publish the latest waker, then make sure no
                // sender cleared the flag before it could see this waker.
                if (receiverWaker != waker || receiverOwner != owner) {
                    receiverWaker = waker;
                    receiverOwner = owner;
                    if ((long) TAIL.getVolatile(this) != s) {
                        continue;
                    }
                }
                return null;
            }
            receiverWaker = waker;
            receiverOwner = owner;
            if (TAIL.compareAndSet(this, s, s | RX_PARKED)) {
                return null;
            }
        }
    }

    @Override
    void forgetReceiver(Object owner) {
        if (receiverOwner != owner) {
            return;
        }
        for (;;) {
            long s = (long) TAIL.getVolatile(this);
            if ((s & RX_PARKED) == 0 || TAIL.compareAndSet(this, s, s & ~RX_PARKED)) {
                break;
            }
        }
        receiverWaker = null;
        receiverOwner = null;
    }

    @Override
    void close() {
        WaitList.Node chain;
        lock.lock();
        try {
            for (;;) {
                long s = (long) TAIL.getVolatile(this);
                if ((s & CLOSED) != 0) {
                    return;
                }
                if (TAIL.compareAndSet(this, s, (s | CLOSED) & ~RX_PARKED)) {
                    if ((s & RX_PARKED) != 0) {
                        Waker w = receiverWaker;
                        if (w != null) {
                            w.wake();
                        }
                    }
                    break;
                }
            }
            SendWaiter w;
            while ((w = (SendWaiter) senders.first()) != null) {
                w.status = SendWaiter.CLOSED_OUT; // the outcome, then onto the wake chain (WaitList)
                senders.dequeueToWake(w);
            }
            chain = senders.takeWakeChain();
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(chain); // granted senders that have not pushed fail when they do
    }

    @Override
    int size() {
        long h = (long) HEAD.getVolatile(this);
        long n = claimed((long) TAIL.getVolatile(this), h);
        return n > capacity ? 0 : (int) n; // a stale head read after a newer tail looks negative
    }

    @Override
    boolean isTerminated() {
        long s = (long) TAIL.getVolatile(this);
        return (s & CLOSED) != 0 && claimed(s, (long) HEAD.getVolatile(this)) == 0;
    }

    @Override
    int highWaterMark() {
        return highWaterMark;
    }
}
