package dev.jawait.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps a multi-thread runtime moving while one task hogs a worker (a CPU loop, a blocking call):
 * the role of Go's {@code sysmon}. A poll is never preempted, so the hogged worker itself cannot
 * help; what it would have done next is handed to the others instead.
 *
 * <p>Every {@link #PERIOD_NANOS} a daemon thread looks at each worker. A worker that is awake but
 * has not started a poll since the previous look is <em>stalled</em> (inside one poll for at
 * least a period). For each stalled worker it
 * <ul>
 *   <li>moves the tasks queued on that worker (its local queue, stolen through the same lock-free
 *       protocol as any stealer, and a copy of its LIFO slot) to the inject queue and wakes a
 *       sleeping sibling to run them. A copy is safe: {@link TaskCell#run()} polls a task only on
 *       its notified-to-running transition, so whichever copy runs second finds nothing to do;
 *   <li>makes sure the I/O driver (selector and timers) is served: when nobody holds it, a
 *       sibling sleeping on its own thread is woken, and it goes back to sleep in the driver.
 *       Without this a worker that left the driver to run the hog leaves nobody polling it, and
 *       sockets, accepts and timers of every other task wait until the hog returns;
 *   <li>when the stall reaches the long-poll threshold, logs once which task it is, where it
 *       resumed, and the worker thread's stack (where it spins or blocks now). The long-poll
 *       report proper still comes when the poll ends.
 * </ul>
 * A worker descheduled by the operating system for a period looks stalled too; handing its
 * queue over then only costs a few moves.
 *
 * <pre>{@code
 * StallMonitor monitor = new StallMonitor(scheduler, "jawait-monitor");
 * monitor.start();
 * monitor.stop();   // joins the thread
 * }</pre>
 */
final class StallMonitor {
    /** How often workers are looked at: a stall is acted on within two periods. */
    static final long PERIOD_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    /** Stack frames of a stalled worker shown in the log. */
    private static final int STACK_FRAMES = 8;
    private static final System.Logger LOG = System.getLogger(AsyncRuntime.class.getName());

    private final MultiThreadScheduler scheduler;
    private final Thread thread;
    /** Per worker, monitor thread only: the poll count seen last, and when it last moved. */
    private final long[] seenPolls;
    private final long[] progressAt;
    /** The LIFO task already copied out during the current stall (one copy is enough). */
    private final TaskCell<?>[] copiedLifo;
    private final boolean[] logged;
    private final boolean[] stalled;
    /** Where stolen tasks pass on their way to the inject queue; only this thread owns it. */
    private final LocalQueue scratch = new LocalQueue();
    private volatile boolean stopped;
    /** Stalls seen so far (a worker found inside one poll for a period or more). */
    private volatile long stalls;

    StallMonitor(MultiThreadScheduler scheduler, String threadName) {
        this.scheduler = scheduler;
        int n = scheduler.workers.length;
        this.seenPolls = new long[n];
        // No poll count is -1: the first look counts as progress and starts the clock. (With
        // 0, a worker busy in its first poll at the first look was "stalled since time 0".)
        java.util.Arrays.fill(seenPolls, -1);
        this.progressAt = new long[n];
        this.copiedLifo = new TaskCell<?>[n];
        this.logged = new boolean[n];
        this.stalled = new boolean[n];
        this.thread = new Thread(null, this::run, threadName, 0, false);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** Stops and joins the monitor thread. Idempotent. */
    void stop() {
        stopped = true;
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive() && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    long stalls() {
        return stalls;
    }

    private void run() {
        while (!stopped) {
            LockSupport.parkNanos(this, PERIOD_NANOS);
            if (stopped || scheduler.isShutdown()) {
                return;
            }
            try {
                check(System.nanoTime());
            } catch (Throwable e) {
                scheduler.runtime.reportUnhandled(e); // a monitor bug must not end the monitor
            }
        }
    }

    /** One look at every worker. */
    void check(long now) {
        boolean anyStalled = false;
        Worker[] workers = scheduler.workers;
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            long polls = w.pollsSoFar();
            if (polls != seenPolls[i] || w.parker.isAsleep()) {
                seenPolls[i] = polls;
                progressAt[i] = now;
                copiedLifo[i] = null;
                logged[i] = false;
                stalled[i] = false;
                continue;
            }
            if (!stalled[i]) {
                stalled[i] = true;
                stalls++;
            }
            anyStalled = true;
            handOffQueue(w, i);
            logOnce(w, i, now - progressAt[i]);
        }
        if (anyStalled) {
            scheduler.serveDriverElsewhere();
        }
    }

    private void handOffQueue(Worker w, int i) {
        InjectQueue inject = scheduler.inject;
        boolean moved = false;
        TaskCell<?> lifo = w.lifoForMonitor();
        if (lifo != null && lifo != copiedLifo[i]) {
            copiedLifo[i] = lifo;
            inject.push(lifo);
            moved = true;
        }
        // Each steal takes half of what is left; the bound only guards against a worker that
        // refills its queue as fast as we empty it.
        for (int round = 0; round < 16; round++) {
            TaskCell<?> t = w.queue.stealInto(scratch);
            if (t == null) {
                break;
            }
            inject.push(t);
            for (TaskCell<?> more = scratch.pop(); more != null; more = scratch.pop()) {
                inject.push(more);
            }
            moved = true;
        }
        if (moved) {
            scheduler.notifyParked();
        }
    }

    private void logOnce(Worker w, int i, long stalledNanos) {
        if (logged[i] || stalledNanos < scheduler.longPollNanos) {
            return;
        }
        logged[i] = true;
        TaskCell<?> task = w.currentForMonitor();
        Thread t = scheduler.workerThread(i);
        if (task == null || t == null || !LOG.isLoggable(System.Logger.Level.WARNING)) {
            return;
        }
        StringBuilder text = new StringBuilder()
                .append("task ").append(task.id).append(" has kept worker ").append(t.getName())
                .append(" busy for ").append(TimeUnit.NANOSECONDS.toMillis(stalledNanos))
                .append(" ms and is still running, resumed from ").append(task.futureForDump())
                .append("; its queued tasks and the I/O driver were handed to the other workers. It is now");
        StackTraceElement[] stack = t.getStackTrace();
        for (int k = 0; k < Math.min(STACK_FRAMES, stack.length); k++) {
            text.append("\n\tat ").append(stack[k]);
        }
        LOG.log(System.Logger.Level.WARNING, text.toString());
    }
}
