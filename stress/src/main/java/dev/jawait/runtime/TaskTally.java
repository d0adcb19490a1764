package dev.jawait.runtime;

import dev.jawait.Poll;

/**
 * Distinct placeholder tasks for the run-queue tests, and a count of how often each was taken.
 * The queues only move references, so the tasks are never run and one shared set serves every
 * jcstress state; {@link TaskCell#id} tells them apart.
 *
 * <pre>{@code
 * TaskTally tally = new TaskTally(4);
 * queue.pushBackNoOverflow(TaskTally.task(0));
 * tally.take(queue.pop());
 * int once = tally.exactlyOnce();      // 4 when nothing was lost or taken twice
 * }</pre>
 */
final class TaskTally {
    private static final TaskCell<?>[] TASKS = new TaskCell<?>[LocalQueue.CAPACITY * 2];

    static {
        Scheduler never = new Scheduler(null, new TaskRegistry(1)) {
            @Override
            void schedule(TaskCell<?> task, boolean yielded) {
                throw new AssertionError("placeholder tasks are never woken");
            }
        };
        for (int i = 0; i < TASKS.length; i++) {
            TASKS[i] = new TaskCell<Void>(cx -> Poll.pending(), never);
            TASKS[i].id = i;
        }
    }

    private final int[] taken;
    /** Takes of null or of a task outside {@code [0, n)}: a slot read before it was written. */
    private int bogus;

    TaskTally(int n) {
        taken = new int[n];
    }

    static TaskCell<?> task(int i) {
        return TASKS[i];
    }

    /** Counts {@code t} (null counts as bogus); returns whether it was a real take. */
    boolean take(TaskCell<?> t) {
        if (t == null || t.id < 0 || t.id >= taken.length || TASKS[(int) t.id] != t) {
            bogus++;
            return false;
        }
        taken[(int) t.id]++;
        return true;
    }

    /** The sum of several actors' tallies (each actor counts in its own, race-free). */
    static TaskTally merged(TaskTally... parts) {
        TaskTally sum = new TaskTally(parts[0].taken.length);
        for (TaskTally part : parts) {
            for (int i = 0; i < sum.taken.length; i++) {
                sum.taken[i] += part.taken[i];
            }
            sum.bogus += part.bogus;
        }
        return sum;
    }

    /** How many of the tasks were taken exactly once (all of them when the queue is right). */
    int exactlyOnce() {
        int n = 0;
        for (int c : taken) {
            if (c == 1) {
                n++;
            }
        }
        return bogus == 0 ? n : -bogus;
    }
}
