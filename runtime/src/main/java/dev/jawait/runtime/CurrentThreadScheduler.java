package dev.jawait.runtime;

import dev.jawait.Future;
import dev.jawait.Poll;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single-threaded scheduler: whichever thread is inside {@code blockOn} owns the "core" and
 * runs the root future and every spawned task, sleeping in the driver when there is nothing to
 * do. Wakes from the owner go to a plain local deque; wakes from other threads go to the inject
 * queue and unpark the driver only if the owner sleeps.
 *
 * <pre>{@code
 * try (AsyncRuntime rt = AsyncRuntime.newCurrentThread()) {
 *     int n = rt.blockOn(WorkAsync.count());   // everything runs on this thread
 * }
 * }</pre>
 */
final class CurrentThreadScheduler extends Scheduler {
    /** Tasks run between two looks at the root future and the driver. */
    static final int BUDGET = 61;

    private final ArrayDeque<TaskCell<?>> local = new ArrayDeque<>();
    /** The budget of the task being run on the owner thread (see {@link Coop}). */
    private final Coop.Budgeted budget = new Coop.Budgeted() {};
    final InjectQueue inject = new InjectQueue();
    private final Driver driver;
    private final BusyDriverPolls busyPolls = new BusyDriverPolls();
    private final ReentrantLock core = new ReentrantLock();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();
    private volatile Thread owner;
    private volatile boolean sleeping;
    /** Polls run by the owner thread (plain: one writer; metrics read it racily). */
    private long polls;
    /** The task the owner thread is polling, null between tasks (owner-only). */
    private TaskCell<?> running;

    CurrentThreadScheduler(AsyncRuntime runtime, TaskRegistry registry, Driver driver) {
        super(runtime, registry);
        this.driver = driver;
    }

    @Override
    void schedule(TaskCell<?> task, boolean yielded) {
        if (Thread.currentThread() == owner) {
            local.addLast(task);
            return;
        }
        inject.push(task);
        wakeOwner();
    }

    /** Makes the owner's driver sleep end, if it sleeps; called after publishing work. */
    void wakeOwner() {
        java.lang.invoke.VarHandle.fullFence();
        if (sleeping) {
            driver.unpark();
        }
    }

    @Override
    TaskCell<?> currentTask() {
        return Thread.currentThread() == owner ? running : null;
    }

    <T> T blockOn(Future<T> root) {
        Thread me = Thread.currentThread();
        ThreadWaker waker = new ThreadWaker(me, this);
        waker.arm();
        boolean interrupted = false;
        boolean cancelled = false;
        try {
            // Another thread owns the core: poll the root here until the core frees up.
            while (!core.tryLock()) {
                waiters.add(me);
                try {
                    if (core.tryLock()) {
                        break;
                    }
                    if (waker.consume()) {
                        Poll<T> p = root.poll(waker);
                        if (p.isReady()) {
                            return p.value();
                        }
                        continue;
                    }
                    LockSupport.park(this);
                    if (Thread.interrupted()) {
                        interrupted = true;
                        if (!cancelled) {
                            cancelled = true;
                            cancelRoot(root, waker);
                        }
                    }
                } finally {
                    waiters.remove(me);
                }
            }
            owner = me;
            try {
                for (;;) {
                    if (waker.consume()) {
                        Poll<T> p = root.poll(waker);
                        if (p.isReady()) {
                            return p.value();
                        }
                    }
                    int ran = runTasks(waker);
                    if (waker.isWoken()) {
                        continue;
                    }
                    if (ran > 0) {
                        pollDriverIfDue(); // serve I/O and timers between batches
                    } else {
                        runtime.unobservedFailures().reportCollected();
                        registry.tidy(0);
                        sleep(Long.MAX_VALUE, waker);
                    }
                    if (Thread.interrupted()) {
                        interrupted = true;
                        if (!cancelled) {
                            cancelled = true;
                            cancelRoot(root, waker);
                        }
                    }
                }
            } finally {
                owner = null;
                core.unlock();
                for (Thread w : waiters) {
                    LockSupport.unpark(w);
                }
            }
        } finally {
            if (interrupted) {
                me.interrupt();
            }
        }
    }

    private void pollDriverIfDue() {
        long now = System.nanoTime();
        if (busyPolls.due(now)) {
            busyPolls.polled(now);
            driver.park(0);
        }
    }

    private static void cancelRoot(Future<?> root, ThreadWaker waker) {
        if (!root.cancel()) {
            throw new CancellationException("interrupted while blocked on a future");
        }
        waker.arm(); // poll the cancelled composite so its finally code runs
    }

    private int runTasks(ThreadWaker rootWaker) {
        // Tasks woken from other threads join the back of the local queue first, so a task
        // that yields really goes behind everything runnable.
        inject.drainTo(local);
        int ran = 0;
        while (ran < BUDGET) {
            TaskCell<?> t = local.pollFirst();
            if (t == null) {
                break;
            }
            budget.budget = Coop.BUDGET;
            polls++;
            running = t;
            try {
                t.run();
            } finally {
                running = null;
            }
            budget.budget = Integer.MAX_VALUE; // the root future is polled without a budget
            ran++;
            if (rootWaker != null && rootWaker.isWoken()) {
                break;
            }
        }
        return ran;
    }

    private void sleep(long timeoutNanos, ThreadWaker rootWaker) {
        sleeping = true;
        try {
            java.lang.invoke.VarHandle.fullFence();
            if ((rootWaker == null || !rootWaker.isWoken()) && local.isEmpty() && inject.isEmpty()) {
                driver.park(timeoutNanos);
            }
        } finally {
            sleeping = false;
        }
    }

    /**
     * Shutdown: runs the (already aborted) tasks until none is left or the deadline passes,
     * then drops whatever is still queued. Returns false if the core could not be taken.
     */
    boolean drain(long deadlineNanos) {
        long wait = Math.max(0, deadlineNanos - System.nanoTime());
        try {
            if (!core.tryLock(wait, TimeUnit.NANOSECONDS)) {
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        owner = Thread.currentThread();
        try {
            while (registry.size() > 0) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                if (runTasks(null) == 0) {
                    sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(5)), null);
                } else {
                    driver.park(0);
                }
            }
            local.clear();
            while (inject.pop() != null) {
                // dropped: close() force-cancels the tasks still registered
            }
            return true;
        } finally {
            owner = null;
            core.unlock();
        }
    }

    /** Asked by the owner thread from its park: nothing queued and no blocking job running. */
    @Override
    boolean noTaskCanRun() {
        return local.isEmpty() && inject.isEmpty() && !runtime.blockingPoolBusy();
    }

    @Override
    long polls() {
        return polls;
    }

    @Override
    void queueDepths(long[] localAndGlobal) {
        localAndGlobal[0] += Math.max(0, local.size()); // racy read of the owner's deque: approximate
        localAndGlobal[1] += inject.size();
    }

    @Override
    int currentOwner() {
        // Owners take turns under the core lock, so appends from "the owner" never overlap.
        return owner == Thread.currentThread() ? 0 : TaskRegistry.FOREIGN;
    }

    /** The running task's budget if the caller is the owner thread, else null. */
    Coop.Budgeted budgetIfOwner() {
        return owner == Thread.currentThread() ? budget : null;
    }
}
