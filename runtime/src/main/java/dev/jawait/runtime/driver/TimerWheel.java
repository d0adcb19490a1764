package dev.jawait.runtime.driver;

import dev.jawait.Waker;
import java.util.ArrayList;

/**
 * A hierarchical hashed timing wheel with a 1 ms tick, as in Tokio: six levels of 64 slots
 * (level 0 covers 64 ms in 1 ms slots, level 1 covers 4.1 s in 64 ms slots, … level 5 about
 * 2.2 years). A timer goes into the level where its deadline first differs from the current
 * tick; when a slot of a higher level comes due its entries cascade to lower levels. Insertion
 * and cancellation are O(1) (intrusive doubly-linked slot lists plus one occupancy bitmap per
 * level), and the next deadline — which bounds how long the driver may sleep — is found with a
 * few bit operations instead of a scan.
 *
 * <p>Why levels instead of a single 512-slot wheel with "rounds": with rounds, every occupied
 * slot must be visited once per rotation even when its timers are far away, so many long idle
 * timeouts would wake an idle driver every millisecond. Here far timers sit in coarse slots and
 * cost one wake-up per level boundary.
 *
 * <pre>{@code
 * TimerWheel wheel = new TimerWheel(System.nanoTime(), driver);
 * TimerEntry entry = new TimerEntry(wheel);
 * entry.arm(System.nanoTime() + 10_000_000, waker);   // any thread
 * wheel.fireDue(System.nanoTime());                    // parking thread: wakes due timers
 * }</pre>
 *
 * <p>All state is guarded by this object's monitor, so any thread may insert or cancel; only the
 * driver's parking thread (one at a time) fires timers. Wakers are called outside the lock.
 */
final class TimerWheel {
    static final long TICK_NANOS = 1_000_000L;
    private static final int LEVELS = 6;
    private static final int SLOT_BITS = 6;
    private static final int SLOTS = 1 << SLOT_BITS;
    /** Deadlines further than this from the current tick are kept in the top level's slots. */
    private static final long MAX_TICKS = 1L << (LEVELS * SLOT_BITS);
    /** {@link #parkedUntil} when no thread is parked: nothing needs an early wake-up. */
    private static final long NOT_PARKED = Long.MIN_VALUE;

    private final long startNanos;
    private final IoDriver driver;
    private final long[] occupied = new long[LEVELS];
    private final TimerEntry[] slots = new TimerEntry[LEVELS * SLOTS];
    /** Reused by the parking thread (one at a time) to call wakers outside the lock. */
    private final ArrayList<TimerEntry> firing = new ArrayList<>();

    private long elapsed;
    private int pending;
    private long parkedUntil = NOT_PARKED;
    private boolean closed;

    TimerWheel(long startNanos, IoDriver driver) {
        this.startNanos = startNanos;
        this.driver = driver;
    }

    /** Number of entries waiting in the wheel. */
    synchronized int pending() {
        return pending;
    }

    /**
     * Links {@code entry} (unlinking it first if needed). Returns true when the deadline has
     * already passed, in which case the entry is marked fired and not linked.
     */
    boolean schedule(TimerEntry entry, long deadlineNanos) {
        long when = tickCeil(deadlineNanos);
        boolean wakeParked;
        synchronized (this) {
            if (closed) {
                entry.state = TimerEntry.CLOSED;
                throw new IllegalStateException(IoDriver.CLOSED_MESSAGE);
            }
            if (entry.index >= 0) {
                unlink(entry);
                pending--;
            }
            if (when <= elapsed) {
                entry.state = TimerEntry.FIRED;
                return true;
            }
            entry.when = when;
            entry.state = TimerEntry.ARMED;
            link(entry);
            pending++;
            // The parked thread sleeps until parkedUntil; an earlier deadline must cut it short.
            wakeParked = when < parkedUntil;
        }
        if (wakeParked) {
            driver.unpark();
        }
        return false;
    }

    synchronized void cancel(TimerEntry entry) {
        if (entry.index >= 0) {
            unlink(entry);
            pending--;
        }
        if (entry.state == TimerEntry.ARMED) {
            entry.state = TimerEntry.IDLE;
        }
    }

    /**
     * Fires every entry whose deadline is at or before {@code nowNanos} and calls their wakers.
     * Called by the parking thread only. Returns the number fired.
     */
    int fireDue(long nowNanos) {
        long nowTick = tickFloor(nowNanos);
        synchronized (this) {
            while (pending > 0) {
                int level = nextLevel();
                if (level < 0) {
                    break;
                }
                int slot = nextSlot(level);
                long deadline = slotDeadline(level, slot);
                if (deadline > nowTick) {
                    break;
                }
                int index = level * SLOTS + slot;
                TimerEntry entry = slots[index];
                slots[index] = null;
                occupied[level] &= ~(1L << slot);
                elapsed = deadline;
                while (entry != null) {
                    TimerEntry next = entry.next;
                    entry.prev = null;
                    entry.next = null;
                    entry.index = -1;
                    if (entry.when <= deadline) {
                        pending--;
                        entry.state = TimerEntry.FIRED;
                        firing.add(entry);
                    } else {
                        link(entry); // cascades to a lower level, relative to the new elapsed
                    }
                    entry = next;
                }
            }
            if (nowTick > elapsed) {
                elapsed = nowTick;
            }
        }
        return wakeAll(firing);
    }

    /**
     * Called by the parking thread before it blocks: returns how long it may sleep before the
     * next deadline ({@code Long.MAX_VALUE} when no timer is pending) and records that deadline
     * so that an insertion of an earlier one unparks the driver.
     */
    synchronized long prepareToPark(long nowNanos) {
        int level = nextLevel();
        if (level < 0) {
            parkedUntil = Long.MAX_VALUE;
            return Long.MAX_VALUE;
        }
        long deadline = slotDeadline(level, nextSlot(level));
        parkedUntil = deadline;
        long wait = startNanos + deadline * TICK_NANOS - nowNanos;
        return Math.max(0, wait);
    }

    /**
     * The start of the earliest occupied slot, in nanoseconds ({@code Long.MAX_VALUE} when empty):
     * no pending deadline is earlier. Firing at that time fires the slot (level 0) or cascades
     * it one level down, so a paused clock reaches a far timer in at most one step per level.
     */
    synchronized long nextDeadlineNanos() {
        int level = nextLevel();
        if (level < 0) {
            return Long.MAX_VALUE;
        }
        return startNanos + slotDeadline(level, nextSlot(level)) * TICK_NANOS;
    }

    /** Called by the parking thread after it woke up. */
    synchronized void parked() {
        parkedUntil = NOT_PARKED;
    }

    /** Marks every pending entry closed and wakes it, so its future can fail instead of hanging. */
    void close() {
        ArrayList<TimerEntry> closing = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (int i = 0; i < slots.length; i++) {
                for (TimerEntry e = slots[i]; e != null; e = e.next) {
                    e.state = TimerEntry.CLOSED;
                    closing.add(e);
                }
                slots[i] = null;
            }
            for (TimerEntry e : closing) {
                e.prev = null;
                e.next = null;
                e.index = -1;
            }
            java.util.Arrays.fill(occupied, 0L);
            pending = 0;
        }
        wakeAll(closing);
    }

    private static int wakeAll(ArrayList<TimerEntry> entries) {
        int count = entries.size();
        RuntimeException failure = null;
        try {
            for (int i = 0; i < count; i++) {
                Waker waker = entries.get(i).waker;
                if (waker == null) {
                    continue;
                }
                try {
                    waker.wake();
                } catch (RuntimeException e) {
                    // One faulty waker must not strand the others; report after waking them all.
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        } finally {
            entries.clear();
        }
        if (failure != null) {
            throw failure;
        }
        return count;
    }

    // ---- wheel geometry (guarded by this) -------------------------------------------------

    private void link(TimerEntry entry) {
        int level = levelFor(elapsed, entry.when);
        int slot = (int) ((entry.when >>> (level * SLOT_BITS)) & (SLOTS - 1));
        int index = level * SLOTS + slot;
        TimerEntry head = slots[index];
        entry.prev = null;
        entry.next = head;
        if (head != null) {
            head.prev = entry;
        }
        slots[index] = entry;
        entry.index = index;
        occupied[level] |= 1L << slot;
    }

    private void unlink(TimerEntry entry) {
        int index = entry.index;
        if (entry.prev != null) {
            entry.prev.next = entry.next;
        } else {
            slots[index] = entry.next;
        }
        if (entry.next != null) {
            entry.next.prev = entry.prev;
        }
        if (slots[index] == null) {
            occupied[index >> SLOT_BITS] &= ~(1L << (index & (SLOTS - 1)));
        }
        entry.prev = null;
        entry.next = null;
        entry.index = -1;
    }

    /** The level whose bits first differ between now and the deadline. */
    private static int levelFor(long elapsed, long when) {
        long masked = (elapsed ^ when) | (SLOTS - 1);
        if (masked >= MAX_TICKS) {
            masked = MAX_TICKS - 1;
        }
        int significant = 63 - Long.numberOfLeadingZeros(masked);
        return significant / SLOT_BITS;
    }

    /** The lowest occupied level; its next slot holds the earliest deadline. */
    private int nextLevel() {
        for (int level = 0; level < LEVELS; level++) {
            if (occupied[level] != 0) {
                return level;
            }
        }
        return -1;
    }

    private int nextSlot(int level) {
        int nowSlot = (int) ((elapsed >>> (level * SLOT_BITS)) & (SLOTS - 1));
        long rotated = Long.rotateRight(occupied[level], nowSlot);
        return (Long.numberOfTrailingZeros(rotated) + nowSlot) & (SLOTS - 1);
    }

    private long slotDeadline(int level, int slot) {
        long slotRange = 1L << (level * SLOT_BITS);
        long levelRange = slotRange << SLOT_BITS;
        long deadline = (elapsed & ~(levelRange - 1)) + slot * slotRange;
        if (deadline <= elapsed) {
            // Only at the top level: far deadlines wrap around its slots like a ring.
            deadline += levelRange;
        }
        return deadline;
    }

    // ---- time conversion ---------------------------------------------------------------------

    /** First tick at or after the deadline, so that no timer fires early. */
    private long tickCeil(long deadlineNanos) {
        long offset = saturatedOffset(deadlineNanos);
        if (offset <= 0) {
            return 0;
        }
        return offset / TICK_NANOS + (offset % TICK_NANOS == 0 ? 0 : 1);
    }

    private long tickFloor(long nowNanos) {
        long offset = saturatedOffset(nowNanos);
        return offset <= 0 ? 0 : offset / TICK_NANOS;
    }

    private long saturatedOffset(long nanos) {
        long offset = nanos - startNanos;
        if (((nanos ^ startNanos) & (nanos ^ offset)) < 0) {
            return nanos > startNanos ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return offset;
    }
}
