package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Lets {@code n} tasks wait until all of them have arrived, like Tokio's
 * {@code tokio::sync::Barrier}; reusable, one generation after another.
 *
 * <pre>{@code
 * Barrier start = new Barrier(workers);
 * // in each worker task
 * boolean leader = await(start.arriveAndWait());   // the last to arrive is the leader
 * if (leader) log("all " + workers + " workers ready");
 * }</pre>
 *
 * <p>A task arrives when its {@link #arriveAndWait()} future is first polled. Cancelling a future
 * that is still waiting withdraws its arrival, so an aborted task does not let the generation
 * through with one party short; once the generation is through, cancelling changes nothing.
 */
public final class Barrier {
    private final int parties;
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitList waiting = new WaitList();
    private int arrived;

    /**
     * A barrier for {@code parties} (at least 1) tasks.
     *
     * @param parties how many tasks must arrive before they all go on
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new IllegalArgumentException("parties must be at least 1: " + parties);
        }
        this.parties = parties;
    }

    /**
     * Arrives and waits for the rest of this generation; completes with {@code true} for exactly
     * one task per generation (the last to arrive), {@code false} for the others.
     *
     * @return a future of whether this task is the generation's leader
     */
    public Future<Boolean> arriveAndWait() {
        return new Arrival(this);
    }

    /**
     * Arrives and waits on a plain (non-runtime) thread; returns whether this is the leader.
     *
     * @return {@code true} for the last to arrive, {@code false} for the others
     * @throws InterruptedException if the thread is interrupted while it waits
     */
    public boolean blockingArriveAndWait() throws InterruptedException {
        return Blocking.block(arriveAndWait(), "barrier.arriveAndWait()");
    }

    /**
     * How many tasks a generation needs.
     *
     * @return the number of parties given at construction
     */
    public int parties() {
        return parties;
    }

    /**
     * How many have arrived in the current generation (a snapshot).
     *
     * @return arrivals so far in the current generation
     */
    public int arrived() {
        lock.lock();
        try {
            return arrived;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "Barrier[" + arrived() + "/" + parties + "]";
    }

    private static final class Arrival extends WaitList.Node implements Future<Boolean> {
        private static final int INIT = 0;
        private static final int WAITING = 1;
        private static final int RELEASED = 2;
        private static final int DONE = 3;

        private final Barrier barrier;
        /** Guarded by the barrier's lock. */
        private int state = INIT;

        Arrival(Barrier barrier) {
            this.barrier = barrier;
        }

        @Override
        public Poll<Boolean> poll(Context cx) {
            WaitList.Node released = null;
            barrier.lock.lock();
            try {
                switch (state) {
                    case INIT:
                        if (++barrier.arrived == barrier.parties) {
                            barrier.arrived = 0;
                            released = barrier.waiting.takeAll();
                            for (WaitList.Node n = released; n != null; n = n.wakeNext) {
                                ((Arrival) n).state = RELEASED;
                            }
                            state = DONE;
                            break;
                        }
                        waker = cx.waker();
                        state = WAITING;
                        barrier.waiting.add(this);
                        return Poll.pending();
                    case WAITING:
                        if (waker != cx.waker()) {
                            waker = cx.waker();
                        }
                        return Poll.pending();
                    case RELEASED:
                        state = DONE;
                        return Poll.ready(Boolean.FALSE);
                    default:
                        throw new IllegalStateException("arriveAndWait() polled after it completed");
                }
            } finally {
                barrier.lock.unlock();
            }
            WaitList.wakeChain(released);
            return Poll.ready(Boolean.TRUE);
        }

        @Override
        public boolean cancel() {
            barrier.lock.lock();
            try {
                if (state == WAITING) {
                    barrier.waiting.remove(this);
                    barrier.arrived--;
                }
                state = DONE;
            } finally {
                barrier.lock.unlock();
            }
            return false;
        }

        @Override
        public String toString() {
            return "Barrier.arriveAndWait()";
        }
    }
}
