package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes waiting tasks without passing data, like Tokio's {@code tokio::sync::Notify}.
 *
 * <pre>{@code
 * Notify dataReady = new Notify();
 * // consumer task
 * while (true) {
 *     await(dataReady.notified());
 *     drain(queue);
 * }
 * // producer
 * queue.add(item);
 * dataReady.notifyOne();
 * }</pre>
 *
 * <p><b>{@link #notifyOne()}</b> wakes the longest-waiting {@link #notified()} future; if none is
 * waiting it stores a single permit, so the next {@code notified()} completes at once (several
 * calls with nobody waiting still store just one). <b>{@link #notifyWaiters()}</b> wakes every
 * {@code notified()} future created before the call, polled yet or not, and stores no permit.
 *
 * <p>({@code notifyAll} would be the natural name, but {@link Object#notifyAll()} is final; the
 * name is Tokio's.)
 *
 * <p>Cancellation-safe: a {@code notified()} future cancelled after {@code notifyOne()} chose it,
 * but before it observed that, passes the notification to the next waiter (or back to the permit),
 * so no notification is lost.
 */
public final class Notify {
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitList waiters = new WaitList();
    private boolean permit;
    private volatile long notifyAllCalls;

    /** A Notify with no stored permit. */
    public Notify() {}

    /**
     * Completes on {@link #notifyOne()} (or a stored permit) or a later {@link #notifyWaiters()}.
     *
     * @return a future that completes once this task is notified
     */
    public Future<Void> notified() {
        return new Notified(this, notifyAllCalls);
    }

    /** Wakes the longest waiter, or stores one permit for the next {@link #notified()}. */
    public void notifyOne() {
        Notified chosen;
        lock.lock();
        try {
            chosen = chooseLocked();
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(chosen);
    }

    /** Wakes every {@link #notified()} future created before this call. */
    public void notifyWaiters() {
        WaitList.Node chain;
        lock.lock();
        try {
            notifyAllCalls++;
            chain = waiters.takeAll();
            for (WaitList.Node n = chain; n != null; n = n.wakeNext) {
                ((Notified) n).state = Notified.NOTIFIED;
            }
        } finally {
            lock.unlock();
        }
        WaitList.wakeChain(chain);
    }

    /**
     * Blocks a plain (non-runtime) thread until notified.
     *
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public void blockingNotified() throws InterruptedException {
        Blocking.block(notified(), "notify.notified()");
    }

    private Notified chooseLocked() {
        Notified n = (Notified) waiters.takeFirst();
        if (n == null) {
            permit = true;
        } else {
            n.state = Notified.NOTIFIED_ONE;
        }
        return n;
    }

    @Override
    public String toString() {
        return "Notify[permit=" + permit + "]";
    }

    private static final class Notified extends WaitList.Node implements Future<Void> {
        static final int INIT = 0;
        static final int WAITING = 1;
        static final int NOTIFIED_ONE = 2;
        static final int NOTIFIED = 3;
        static final int DONE = 4;

        private final Notify notify;
        private final long notifyAllCallsAtCreation;
        /** Guarded by the Notify's lock. */
        int state = INIT;

        Notified(Notify notify, long notifyAllCalls) {
            this.notify = notify;
            this.notifyAllCallsAtCreation = notifyAllCalls;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            notify.lock.lock();
            try {
                switch (state) {
                    case INIT:
                        if (notify.notifyAllCalls != notifyAllCallsAtCreation || notify.permit) {
                            if (notify.notifyAllCalls == notifyAllCallsAtCreation) {
                                notify.permit = false;
                            }
                            state = DONE;
                            return Poll.ready(null);
                        }
                        waker = cx.waker();
                        state = WAITING;
                        notify.waiters.add(this);
                        return Poll.pending();
                    case WAITING:
                        if (waker != cx.waker()) {
                            waker = cx.waker();
                        }
                        return Poll.pending();
                    case NOTIFIED_ONE:
                    case NOTIFIED:
                        state = DONE;
                        return Poll.ready(null);
                    default:
                        throw new IllegalStateException("notified() polled after it completed");
                }
            } finally {
                notify.lock.unlock();
            }
        }

        @Override
        public boolean cancel() {
            Notified passedOn = null;
            notify.lock.lock();
            try {
                if (state == WAITING) {
                    notify.waiters.remove(this);
                } else if (state == NOTIFIED_ONE) {
                    passedOn = notify.chooseLocked(); // hand the notification on
                }
                state = DONE;
            } finally {
                notify.lock.unlock();
            }
            WaitList.wakeChain(passedOn);
            return false;
        }

        @Override
        public String toString() {
            return "Notify.notified()";
        }
    }
}
