package dev.jawait.runtime;

import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Which workers are searching for work and which sleep (Tokio's {@code Idle}). One atomic word
 * packs {@code unparked << 16 | searching}: a waker only unparks a sleeper when nobody is
 * searching (a searcher will find the new task anyway), and at most half the workers search at
 * once, so a burst of wakes does not stampede every core.
 *
 * <pre>{@code
 * int w = idle.workerToNotify(i -> parkers[i].isInDriver(), true); if (w >= 0) parkers[w].unpark();
 * }</pre>
 */
final class Idle {
    private static final int SEARCH_MASK = 0xFFFF;
    private static final int UNPARK_ONE = 1 << 16;

    private final AtomicInteger state;
    private final int workers;
    // Sleeping workers, a stack guarded by this object's lock.
    private final int[] sleepers;
    private final boolean[] asleep;
    private int sleeping;

    Idle(int workers) {
        this.workers = workers;
        this.state = new AtomicInteger(workers * UNPARK_ONE);
        this.sleepers = new int[workers];
        this.asleep = new boolean[workers];
    }

    private static int searching(int s) {
        return s & SEARCH_MASK;
    }

    private static int unparked(int s) {
        return s >>> 16;
    }

    /** A worker out of local work may search (steal) unless half the workers already do. */
    boolean transitionToSearching() {
        int s = state.get();
        for (;;) {
            if (2 * searching(s) >= workers) {
                return false;
            }
            int witness = state.compareAndExchange(s, s + 1);
            if (witness == s) {
                return true;
            }
            s = witness;
        }
    }

    /** Returns true when the caller was the last searcher (it should wake another worker). */
    boolean transitionFromSearching() {
        int prev = state.getAndDecrement();
        return searching(prev) == 1;
    }

    /** Registers the worker as sleeping; true if it was the last searcher. */
    boolean transitionToParked(int worker, boolean wasSearching) {
        synchronized (this) {
            int prev = state.getAndAdd(-UNPARK_ONE - (wasSearching ? 1 : 0));
            sleepers[sleeping++] = worker;
            asleep[worker] = true;
            return wasSearching && searching(prev) == 1;
        }
    }

    /**
     * If nobody searches and someone sleeps, picks a sleeper, counts it as unparked and
     * searching, and returns it; otherwise -1.
     */
    int workerToNotify(java.util.function.IntPredicate inDriver, boolean fence) {
        if (fence) {
            VarHandle.fullFence(); // order the caller's queue push before reading the state
        }
        int s = state.get();
        if (searching(s) != 0 || unparked(s) >= workers) {
            return -1;
        }
        synchronized (this) {
            s = state.get();
            if (searching(s) != 0 || unparked(s) >= workers || sleeping == 0) {
                return -1;
            }
            // Prefer a worker sleeping on its own over the one waiting in the driver, so I/O
            // and timers stay served while the woken worker is busy.
            int pick = sleeping - 1;
            for (int i = sleeping - 1; i >= 0; i--) {
                if (!inDriver.test(sleepers[i])) {
                    pick = i;
                    break;
                }
            }
            int worker = sleepers[pick];
            sleepers[pick] = sleepers[--sleeping];
            asleep[worker] = false;
            state.getAndAdd(UNPARK_ONE + 1);
            return worker;
        }
    }

    /** A sleeper woke with work of its own: count it unparked (not searching). */
    boolean unparkWorkerById(int worker) {
        synchronized (this) {
            if (!asleep[worker]) {
                return false;
            }
            asleep[worker] = false;
            for (int i = 0; i < sleeping; i++) {
                if (sleepers[i] == worker) {
                    sleepers[i] = sleepers[--sleeping];
                    break;
                }
            }
            state.getAndAdd(UNPARK_ONE);
            return true;
        }
    }

    boolean isParked(int worker) {
        synchronized (this) {
            return asleep[worker];
        }
    }

    int searchingCount() {
        return searching(state.get());
    }
}
