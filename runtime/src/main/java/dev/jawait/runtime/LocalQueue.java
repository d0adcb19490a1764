package dev.jawait.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's run queue: a bounded ring that only its owner pushes to and pops from, and that
 * other workers steal half of, lock-free (Tokio's design). {@code head} packs two 32-bit
 * indices: {@code real}, the next slot to take, and {@code steal}, where an in-progress steal
 * started ({@code steal == real} when none is running). The owner writes slots and publishes
 * them with a release store of {@code tail}; a stealer claims a range by CAS on {@code real},
 * copies it, then releases it by moving {@code steal} up, so the owner never overwrites a slot a
 * stealer is still copying. Indices wrap around as unsigned 32-bit numbers.
 *
 * <pre>{@code
 * queue.pushBack(task, inject);            // owner; overflow moves half to the inject queue
 * TaskCell<?> t = queue.pop();             // owner
 * TaskCell<?> s = victim.stealInto(mine);  // any other worker
 * }</pre>
 */
final class LocalQueue {
    static final int CAPACITY = 1024;
    private static final int MASK = CAPACITY - 1;

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(TaskCell[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through HEAD
    private volatile long head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile int tail;
    private final TaskCell<?>[] buffer = new TaskCell<?>[CAPACITY];
    /** Owner-only scratch for moving half the queue to the inject queue. */
    private final TaskCell<?>[] overflow = new TaskCell<?>[CAPACITY / 2 + 1];

    private static int steal(long packed) {
        return (int) (packed >>> 32);
    }

    private static int real(long packed) {
        return (int) packed;
    }

    private static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    /** Owner only: pushes to the back, moving half the queue to {@code inject} when full. */
    void pushBack(TaskCell<?> task, InjectQueue inject) {
        for (;;) {
            long h = (long) HEAD.getAcquire(this);
            int steal = steal(h);
            int real = real(h);
            int t = (int) TAIL.getOpaque(this);
            if (t - steal < CAPACITY) {
                SLOT.setOpaque(buffer, t & MASK, task);
                TAIL.setRelease(this, t + 1);
                return;
            }
            if (steal != real) {
                // A stealer is freeing slots right now; don't wait for it.
                inject.push(task);
                return;
            }
            if (pushOverflow(task, real, t, inject)) {
                return;
            }
            // A stealer took some tasks in between: there is room now, retry.
        }
    }

    /** Owner only: pushes when the caller knows there is room (batch refill). */
    void pushBackNoOverflow(TaskCell<?> task) {
        int t = (int) TAIL.getOpaque(this);
        SLOT.setOpaque(buffer, t & MASK, task);
        TAIL.setRelease(this, t + 1);
    }

    private boolean pushOverflow(TaskCell<?> task, int head, int tail, InjectQueue inject) {
        int half = CAPACITY / 2;
        if (tail - head != CAPACITY) {
            return false;
        }
        long prev = pack(head, head);
        long next = pack(head + half, head + half);
        if (!HEAD.compareAndSet(this, prev, next)) {
            return false;
        }
        // The claimed half is ours alone now: hand it to the inject queue in one go.
        TaskCell<?>[] batch = overflow;
        for (int i = 0; i < half; i++) {
            int idx = (head + i) & MASK;
            batch[i] = (TaskCell<?>) SLOT.getOpaque(buffer, idx);
            SLOT.setOpaque(buffer, idx, null);
        }
        batch[half] = task;
        inject.pushAll(batch, half + 1);
        java.util.Arrays.fill(batch, null);
        return true;
    }

    /** Owner only: takes the task at the front, or null. */
    TaskCell<?> pop() {
        long h = (long) HEAD.getAcquire(this);
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            int t = (int) TAIL.getOpaque(this);
            if (real == t) {
                return null;
            }
            int nextReal = real + 1;
            long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            long witness = (long) HEAD.compareAndExchange(this, h, next);
            if (witness == h) {
                int idx = real & MASK;
                TaskCell<?> task = (TaskCell<?>) SLOT.getOpaque(buffer, idx);
                SLOT.setOpaque(buffer, idx, null);
                return task;
            }
            h = witness;
        }
    }

    /**
     * Another worker's call: moves half of this queue into {@code dst} (whose owner is the
     * caller) and returns one of the stolen tasks to run now, or null if there was nothing.
     */
    TaskCell<?> stealInto(LocalQueue dst) {
        int dstTail = (int) TAIL.getOpaque(dst);
        int dstSteal = steal((long) HEAD.getAcquire(dst));
        if (dstTail - dstSteal > CAPACITY / 2) {
            return null; // no room in dst for half of a full queue
        }
        int n = stealInto2(dst, dstTail);
        if (n == 0) {
            return null;
        }
        n--;
        int retIdx = (dstTail + n) & MASK;
        TaskCell<?> ret = (TaskCell<?>) SLOT.getOpaque(dst.buffer, retIdx);
        SLOT.setOpaque(dst.buffer, retIdx, null);
        if (n > 0) {
            TAIL.setRelease(dst, dstTail + n);
        }
        return ret;
    }

    private int stealInto2(LocalQueue dst, int dstTail) {
        long prev = (long) HEAD.getAcquire(this);
        long next;
        int n;
        for (;;) {
            int steal = steal(prev);
            int real = real(prev);
            int t = (int) TAIL.getAcquire(this);
            if (steal != real) {
                return 0; // another worker is stealing from this queue
            }
            n = t - real;
            n = n - n / 2;
            if (n <= 0) {
                return 0;
            }
            next = pack(steal, real + n);
            long witness = (long) HEAD.compareAndExchange(this, prev, next);
            if (witness == prev) {
                break;
            }
            prev = witness;
        }
        int first = steal(next);
        for (int i = 0; i < n; i++) {
            int srcIdx = (first + i) & MASK;
            TaskCell<?> task = (TaskCell<?>) SLOT.getOpaque(buffer, srcIdx);
            SLOT.setOpaque(buffer, srcIdx, null);
            SLOT.setOpaque(dst.buffer, (dstTail + i) & MASK, task);
        }
        // Release the range: steal catches up with real (the owner may have moved real on).
        prev = next;
        for (;;) {
            int real = real(prev);
            long done = pack(real, real);
            long witness = (long) HEAD.compareAndExchange(this, prev, done);
            if (witness == prev) {
                return n;
            }
            prev = witness;
        }
    }

    boolean isEmpty() {
        long h = (long) HEAD.getAcquire(this);
        return real(h) == (int) TAIL.getAcquire(this);
    }

    /** Tasks queued (approximate when others are stealing). */
    int size() {
        long h = (long) HEAD.getAcquire(this);
        return (int) TAIL.getAcquire(this) - real(h);
    }

    /** Free slots from the owner's point of view. */
    int remaining() {
        long h = (long) HEAD.getAcquire(this);
        return CAPACITY - ((int) TAIL.getOpaque(this) - steal(h));
    }
}
