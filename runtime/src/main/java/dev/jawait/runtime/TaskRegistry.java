package dev.jawait.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The live tasks of a runtime, so {@code close()} can abort them. Many shards, each a short lock
 * around a compact array with O(1) swap-removal (the task remembers its slot), keep spawn and
 * completion cheap and uncontended and give the garbage collector flat arrays instead of long
 * linked chains to trace.
 *
 * <pre>{@code
 * if (!registry.add(task)) throw new IllegalStateException("runtime closed");
 * ...
 * registry.remove(task);   // on completion
 * }</pre>
 */
final class TaskRegistry {
    private static final class Shard {
        TaskCell<?>[] tasks = new TaskCell<?>[16];
        int size;
    }

    private final Shard[] shards;
    private final int mask;
    private volatile boolean closed;

    TaskRegistry(int parallelism) {
        int n = Integer.highestOneBit(Math.max(1, parallelism) * 16 - 1) << 1;
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    /** Adds a task; false once the registry is closed (the runtime is shutting down). */
    boolean add(TaskCell<?> task) {
        int index = ThreadLocalRandom.current().nextInt() & mask;
        Shard shard = shards[index];
        synchronized (shard) {
            if (closed) {
                return false;
            }
            if (shard.size == shard.tasks.length) {
                shard.tasks = Arrays.copyOf(shard.tasks, shard.size * 2);
            }
            task.shard = index;
            task.slot = shard.size;
            shard.tasks[shard.size++] = task;
        }
        return true;
    }

    void remove(TaskCell<?> task) {
        Shard shard = shards[task.shard];
        synchronized (shard) {
            int slot = task.slot;
            if (slot < 0 || slot >= shard.size || shard.tasks[slot] != task) {
                return; // not registered (already removed)
            }
            TaskCell<?> last = shard.tasks[--shard.size];
            shard.tasks[slot] = last;
            last.slot = slot;
            shard.tasks[shard.size] = null;
            task.slot = -1;
            if (shard.size == 0 && shard.tasks.length > 1024) {
                shard.tasks = new TaskCell<?>[16]; // give back the memory of a past burst
            }
        }
    }

    /** Refuses further additions; returns the tasks still live at that moment. */
    List<TaskCell<?>> close() {
        closed = true;
        return snapshot();
    }

    List<TaskCell<?>> snapshot() {
        List<TaskCell<?>> live = new ArrayList<>();
        for (Shard shard : shards) {
            synchronized (shard) {
                live.addAll(Arrays.asList(shard.tasks).subList(0, shard.size));
            }
        }
        return live;
    }

    int size() {
        int n = 0;
        for (Shard shard : shards) {
            synchronized (shard) {
                n += shard.size;
            }
        }
        return n;
    }
}
