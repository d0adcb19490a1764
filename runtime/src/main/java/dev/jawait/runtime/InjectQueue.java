package dev.jawait.runtime;

import java.util.ArrayDeque;

/**
 * The global run queue: tasks woken or spawned from outside the workers, and the overflow of
 * full local queues. A growable ring under a short lock, as in Tokio: pushing allocates nothing
 * once the ring is big enough, and {@link #isEmpty()} is a lock-free read. (A ring rather than
 * an intrusive list, so a large backlog is one flat array for the garbage collector.)
 *
 * <pre>{@code
 * inject.push(task);                 // from any thread
 * TaskCell<?> t = inject.pop();      // from a worker
 * }</pre>
 */
final class InjectQueue {
    private TaskCell<?>[] ring = new TaskCell<?>[64];
    private int head;
    private int count;
    private volatile int size;

    private void grow() {
        TaskCell<?>[] bigger = new TaskCell<?>[ring.length * 2];
        for (int i = 0; i < count; i++) {
            bigger[i] = ring[(head + i) & (ring.length - 1)];
        }
        ring = bigger;
        head = 0;
    }

    void push(TaskCell<?> task) {
        synchronized (this) {
            if (count == ring.length) {
                grow();
            }
            ring[(head + count) & (ring.length - 1)] = task;
            size = ++count;
        }
    }

    /** Pushes {@code n} tasks from {@code tasks[0..n)} in order. */
    void pushAll(TaskCell<?>[] tasks, int n) {
        synchronized (this) {
            while (ring.length - count < n) {
                grow();
            }
            int mask = ring.length - 1;
            for (int i = 0; i < n; i++) {
                ring[(head + count + i) & mask] = tasks[i];
            }
            count += n;
            size = count;
        }
    }

    private TaskCell<?> take() {
        TaskCell<?> t = ring[head];
        ring[head] = null;
        head = (head + 1) & (ring.length - 1);
        count--;
        return t;
    }

    TaskCell<?> pop() {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            if (count == 0) {
                return null;
            }
            TaskCell<?> t = take();
            size = count;
            return t;
        }
    }

    /**
     * Moves up to {@code max} tasks into {@code dst} (whose owner is the caller and which must
     * have room) and returns one more to run now, or null if the queue was empty.
     */
    TaskCell<?> popBatchInto(LocalQueue dst, int max) {
        if (size == 0) {
            return null;
        }
        synchronized (this) {
            if (count == 0) {
                return null;
            }
            TaskCell<?> first = take();
            for (int i = 0; i < max && count > 0; i++) {
                dst.pushBackNoOverflow(take());
            }
            size = count;
            return first;
        }
    }

    /** Moves every queued task to the back of {@code dst}, in order. */
    void drainTo(ArrayDeque<TaskCell<?>> dst) {
        if (size == 0) {
            return;
        }
        synchronized (this) {
            while (count > 0) {
                dst.addLast(take());
            }
            size = 0;
            if (ring.length > 1024) {
                ring = new TaskCell<?>[64]; // give back the memory of a past burst
                head = 0;
            }
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }
}
