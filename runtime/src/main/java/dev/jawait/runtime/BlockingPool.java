package dev.jawait.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The elastic pool behind {@code Task.spawnBlocking}: a job goes to an idle thread if there is
 * one, else to a new thread while fewer than {@code max} exist, else it queues. Threads idle for
 * {@code keepAlive} retire, so the pool shrinks back to zero.
 *
 * <pre>{@code
 * BlockingPool pool = new BlockingPool(runtime, "jawait-blocking", 512, Duration.ofSeconds(10));
 * pool.execute(() -> Files.readString(path));
 * pool.shutdown(timeoutNanos);
 * }</pre>
 */
final class BlockingPool {
    private final AsyncRuntime runtime;
    private final String namePrefix;
    private final int max;
    private final long keepAliveNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition available = lock.newCondition();
    private final ArrayDeque<Runnable> jobs = new ArrayDeque<>();
    private final List<Thread> threads = new ArrayList<>();
    private int idle;
    /** Jobs accepted and not finished: while any is, a paused clock does not auto-advance. */
    private final java.util.concurrent.atomic.AtomicInteger unfinished = new java.util.concurrent.atomic.AtomicInteger();
    private int nextId = 1;
    private boolean shutdown;

    BlockingPool(AsyncRuntime runtime, String namePrefix, int max, long keepAliveNanos) {
        if (max < 1) {
            throw new IllegalArgumentException("blocking threads must be >= 1: " + max);
        }
        this.runtime = runtime;
        this.namePrefix = namePrefix;
        this.max = max;
        this.keepAliveNanos = keepAliveNanos;
    }

    /** Runs {@code job} on a pool thread; false if the pool is shut down. */
    boolean execute(Runnable job) {
        Thread started = null;
        lock.lock();
        try {
            if (shutdown) {
                return false;
            }
            jobs.addLast(job);
            unfinished.incrementAndGet();
            if (idle > jobs.size() - 1) {
                available.signal();
            } else if (threads.size() < max) {
                started = new RuntimeThread(runtime, null, this::workLoop, namePrefix + "-" + nextId++);
                threads.add(started);
            }
        } finally {
            lock.unlock();
        }
        if (started != null) {
            started.start();
        }
        return true;
    }

    private void workLoop() {
        Thread me = Thread.currentThread();
        for (;;) {
            Runnable job;
            lock.lock();
            try {
                long left = keepAliveNanos;
                while (jobs.isEmpty()) {
                    if (shutdown || left <= 0) {
                        threads.remove(me);
                        if (threads.isEmpty()) {
                            available.signalAll();
                        }
                        return;
                    }
                    idle++;
                    try {
                        left = available.awaitNanos(left);
                    } catch (InterruptedException e) {
                        left = shutdown ? 0 : left; // only shutdown interrupts us
                    } finally {
                        idle--;
                    }
                }
                job = jobs.pollFirst();
            } finally {
                lock.unlock();
            }
            Thread.interrupted(); // a job never starts with a stale interrupt
            try {
                job.run();
            } finally {
                unfinished.decrementAndGet();
                runtime.driver().maybeIdle();
            }
        }
    }

    /** Whether a job is queued or running. */
    boolean isBusy() {
        return unfinished.get() > 0;
    }

    int threadCount() {
        lock.lock();
        try {
            return threads.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new jobs, drops queued ones (returned so their futures can fail), interrupts
     * running ones and waits for every thread; true if all ended in time.
     */
    List<Runnable> shutdown(long timeoutNanos) {
        List<Runnable> dropped;
        List<Thread> running;
        lock.lock();
        try {
            shutdown = true;
            dropped = new ArrayList<>(jobs);
            unfinished.addAndGet(-dropped.size());
            jobs.clear();
            running = new ArrayList<>(threads);
            available.signalAll();
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + timeoutNanos;
        for (Thread t : running) {
            if (t == Thread.currentThread()) {
                continue;
            }
            try {
                long left = deadline - System.nanoTime();
                if (left > 0) {
                    TimeUnit.NANOSECONDS.timedJoin(t, left);
                }
                if (t.isAlive()) {
                    t.interrupt();
                    t.join(TimeUnit.NANOSECONDS.toMillis(Math.max(left, 0)) + 200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return dropped;
    }
}
