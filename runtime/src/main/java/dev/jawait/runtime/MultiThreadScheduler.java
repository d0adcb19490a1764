package dev.jawait.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The work-stealing scheduler: N {@link Worker}s with local queues, a shared
 * {@link InjectQueue} for wakes from other threads, {@link Idle} bookkeeping so sleeping workers
 * are woken only when needed, and the driver shared through a try-lock so one idle worker at a
 * time waits on I/O and timers (or, if the runtime was built with
 * {@link AsyncRuntime.Builder#reactorThread}, a dedicated thread polls it).
 *
 * <pre>{@code
 * MultiThreadScheduler s = new MultiThreadScheduler(runtime, registry, driver, 4, null);
 * s.start(threadFactory);
 * s.schedule(task, false);
 * }</pre>
 */
final class MultiThreadScheduler extends Scheduler {
    final Worker[] workers;
    final InjectQueue inject = new InjectQueue();
    final Idle idle;
    private final Driver driver;
    private final ReentrantLock driverLock = new ReentrantLock();
    private final RuntimeThread[] threads;
    private volatile boolean shutdown;
    private final java.util.function.IntPredicate inDriver;
    private final BusyDriverPolls busyPolls = new BusyDriverPolls();
    /** The thread that polls the driver, when the runtime was built with a dedicated one. */
    private final RuntimeThread reactor;
    /** Hands a stuck worker's queue and the driver to the others; started with the workers. */
    private StallMonitor monitor;

    MultiThreadScheduler(AsyncRuntime runtime, TaskRegistry registry, Driver driver, int count,
                         String reactorThreadName) {
        super(runtime, registry);
        this.driver = driver;
        this.reactor = reactorThreadName == null ? null
                : new RuntimeThread(runtime, null, this::runReactor, reactorThreadName);
        this.workers = new Worker[count];
        this.threads = new RuntimeThread[count];
        this.idle = new Idle(count);
        this.inDriver = i -> workers[i].parker.isInDriver();
        for (int i = 0; i < count; i++) {
            workers[i] = new Worker(i, this, new Parker(driver, driverLock));
        }
    }

    void start(String namePrefix) {
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            RuntimeThread t = new RuntimeThread(runtime, w, w::run, namePrefix + "-worker-" + (i + 1));
            w.parker.bind(t);
            threads[i] = t;
        }
        for (RuntimeThread t : threads) {
            t.start();
        }
        if (reactor != null) {
            reactor.start();
        }
        monitor = new StallMonitor(this, namePrefix + "-monitor");
        monitor.start();
    }

    /** The thread of worker {@code index}, or null before {@link #start}. */
    Thread workerThread(int index) {
        return threads[index];
    }

    /**
     * Every worker sleeps (the one asking waits in the driver) with nothing queued, and no
     * blocking job runs. A thread inside {@code blockOn} is not a worker and is not seen.
     */
    @Override
    boolean noTaskCanRun() {
        // Two passes. A worker queues its work or hands a job to the blocking pool before it
        // falls asleep, so a pass reads the workers first and the shared queue and the pool
        // after: seeing a worker asleep, it then sees what that worker left behind (a test saw
        // time jump while a just-submitted blocking job was in flight when the pool was read
        // first). A job that ends wakes its task before it counts itself out, and a worker it
        // wakes is awake in the second pass (or back asleep, having left its work visible).
        return idleOnce() && idleOnce();
    }

    private boolean idleOnce() {
        for (Worker w : workers) {
            if (!w.parker.isAsleep() || w.hasWork() || w.lifoForMonitor() != null) {
                return false;
            }
        }
        return inject.isEmpty() && !runtime.blockingPoolBusy();
    }

    /** Stalls the {@link StallMonitor} has seen so far. */
    long stalls() {
        StallMonitor m = monitor;
        return m == null ? 0 : m.stalls();
    }

    /**
     * Called by the {@link StallMonitor} while a worker is stuck in a poll: if nobody holds the
     * driver (the stuck worker may have been the one that last polled it), a worker sleeping on
     * its own thread is woken; finding no work, it goes back to sleep in the driver, which serves
     * I/O and timers again. Busy siblings serve it anyway between their tasks.
     */
    void serveDriverElsewhere() {
        if (driverLock.isLocked()) {
            return; // an idle worker waits in it, a busy one polls it, or the reactor thread owns it
        }
        for (Worker w : workers) {
            if (w.parker.isParkedOnThread()) {
                w.parker.unpark();
                return;
            }
        }
    }

    /**
     * The dedicated reactor's loop: it holds the driver lock for good, so workers never poll the
     * driver (their try-locks fail) and sleep on their own; the events it sees wake tasks onto
     * the inject queue, which unparks a worker.
     */
    private void runReactor() {
        driverLock.lock();
        try {
            while (!shutdown) {
                try {
                    driver.park(Long.MAX_VALUE);
                } catch (Throwable e) {
                    runtime.reportUnhandled(e);
                    java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // no hot loop on a failing driver
                }
            }
        } finally {
            driverLock.unlock();
        }
    }

    @Override
    void schedule(TaskCell<?> task, boolean yielded) {
        Worker w = RuntimeContext.worker(this);
        if (w != null && !shutdown) {
            w.scheduleLocal(task, yielded);
            return;
        }
        inject.push(task);
        notifyParked();
    }

    /**
     * A task woken by a task that is completing (its awaiter) does not jump the queue through
     * the LIFO slot when other tasks are queued here: the LIFO slot is for two live tasks
     * passing hot data back and forth, and a completing task has no next step to interleave
     * with. Behind the queue, a loop awaiting many handles collects all the finished ones in
     * one poll instead of being polled (and re-registering its waker) once per task.
     */
    @Override
    void wakeJoiner(dev.jawait.Waker joiner) {
        Worker w = RuntimeContext.worker(this);
        if (w == null) {
            joiner.wake();
            return;
        }
        w.wakingJoiner = true;
        try {
            joiner.wake();
        } finally {
            w.wakingJoiner = false;
        }
    }

    @Override
    int currentOwner() {
        Worker w = RuntimeContext.worker(this);
        return w != null ? w.index : TaskRegistry.FOREIGN;
    }

    @Override
    long nextTaskId(int owner) {
        return owner >= 0 ? workers[owner].nextTaskId() : counters.nextTaskId();
    }

    /** Wakes a sleeping worker if nobody is searching for work already. */
    void notifyParked() {
        int w = idle.workerToNotify(inDriver, true);
        if (w >= 0) {
            workers[w].parker.unpark();
        }
    }

    /**
     * {@link #notifyParked()} after a worker queued a task on its own queue: no fence, since a
     * missed wake-up only costs parallelism (that worker runs the task itself anyway).
     */
    void notifyParkedLocal() {
        int w = idle.workerToNotify(inDriver, false);
        if (w >= 0) {
            workers[w].parker.unpark();
        }
    }

    /** Called by the last searcher before it sleeps: any work left must get a worker. */
    void notifyIfWorkPending() {
        java.lang.invoke.VarHandle.fullFence();
        for (Worker w : workers) {
            if (w.hasWork()) {
                notifyParked();
                return;
            }
        }
        if (!inject.isEmpty()) {
            notifyParked();
        }
    }

    /**
     * Lets a busy worker serve I/O and timers without blocking, if no one else is and no busy
     * worker did in the last 50 µs ({@link BusyDriverPolls}).
     */
    void pollDriverNow() {
        long now = System.nanoTime();
        if (!busyPolls.due(now)) {
            return;
        }
        if (driverLock.tryLock()) {
            try {
                busyPolls.polled(now);
                driver.park(0);
            } finally {
                driverLock.unlock();
            }
        }
    }

    @Override
    long polls() {
        long n = 0;
        for (Worker w : workers) {
            n += w.polls;
        }
        return n;
    }

    long steals() {
        long n = 0;
        for (Worker w : workers) {
            n += w.steals;
        }
        return n;
    }

    long parks() {
        long n = 0;
        for (Worker w : workers) {
            n += w.parks;
        }
        return n;
    }

    @Override
    void queueDepths(long[] localAndGlobal) {
        for (Worker w : workers) {
            localAndGlobal[0] += Math.max(0, w.queue.size()) + (w.lifo != null ? 1 : 0);
        }
        localAndGlobal[1] += inject.size();
    }

    boolean isShutdown() {
        return shutdown;
    }

    /** Stops the workers and waits for their threads; true if all of them ended in time. */
    boolean shutdownAndJoin(long timeoutNanos) {
        shutdown = true;
        if (monitor != null) {
            monitor.stop();
        }
        for (Worker w : workers) {
            w.parker.unpark();
        }
        if (reactor != null) {
            driver.unpark();
        }
        long deadline = System.nanoTime() + timeoutNanos;
        boolean all = true;
        RuntimeThread[] joined = threads;
        if (reactor != null) {
            joined = java.util.Arrays.copyOf(threads, threads.length + 1);
            joined[threads.length] = reactor;
        }
        for (RuntimeThread t : joined) {
            if (t == null || t == Thread.currentThread()) {
                continue;
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            all &= !t.isAlive();
        }
        // Nobody runs these any more; close() force-cancels whatever is still registered.
        for (Worker w : workers) {
            w.lifo = null;
            while (w.queue.pop() != null) {
                // drop
            }
        }
        while (inject.pop() != null) {
            // drop
        }
        return all;
    }
}
