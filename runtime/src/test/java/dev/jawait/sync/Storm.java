package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives futures from plain threads and cancels them at random moments: while queued, or right
 * after being woken (handed a permit or slot) but before polling to see it.
 */
final class Storm {
    private Storm() {}

    /** Marks a cancelled attempt. */
    static final Object CANCELLED = new Object();

    /** Unparks its thread; remembers a wake that comes before the park. */
    static final class ParkingWaker implements Waker {
        private final Thread thread = Thread.currentThread();
        private volatile boolean woken;
        final Context cx = Context.of(this);

        @Override
        public void wake() {
            woken = true;
            LockSupport.unpark(thread);
        }

        /** Waits up to {@code nanos} for a wake; returns whether one came (and resets). */
        boolean awaitWake(long nanos) {
            long deadline = System.nanoTime() + nanos;
            while (!woken) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                LockSupport.parkNanos(this, left);
            }
            woken = false;
            return true;
        }
    }

    /**
     * Polls {@code f} to completion, except that after each pending poll it waits a random while
     * (up to {@code maxWaitMicros}) and then, with probability {@code cancelChance}, cancels it
     * without polling again. Returns the value or {@link #CANCELLED}.
     */
    static Object driveOrCancel(Future<?> f, double cancelChance, int maxWaitMicros) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        ParkingWaker w = new ParkingWaker();
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (;;) {
            Poll<?> p = f.poll(w.cx);
            if (p.isReady()) {
                return p.value();
            }
            w.awaitWake(TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(maxWaitMicros + 1)));
            if (rnd.nextDouble() < cancelChance) {
                f.cancel();
                return CANCELLED;
            }
            if (System.nanoTime() > giveUp) {
                throw new AssertionError("future never completed: " + f);
            }
        }
    }

    /**
     * Runs {@code bodies} on fresh threads and joins them, rethrowing the first failure. The
     * bodies start together, once every thread is started: started one by one by a thread that a
     * loaded machine deschedules, each could otherwise finish before the next began.
     */
    static void runThreads(List<Runnable> bodies, long timeoutMillis) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        for (Runnable body : bodies) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    body.run();
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
            });
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        start.countDown();
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
            if (t.isAlive()) {
                for (Thread s : threads) {
                    s.interrupt();
                }
                throw new AssertionError("a storm thread hung: " + t + " at "
                        + java.util.Arrays.toString(t.getStackTrace()));
            }
        }
        if (failure.get() != null) {
            if (failure.get() instanceof Exception) {
                throw (Exception) failure.get();
            }
            throw new AssertionError(failure.get());
        }
    }
}
