package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Tasks on a real multi-thread runtime, aborted with {@link JoinHandle#abort()} at random moments
 * while they wait on or hold sync primitives. The task futures are written by hand the way the
 * processor lowers {@code @Async} methods: a cancelled task cancels the future it awaits and runs
 * its cleanup (closing guards and permits).
 */
@Timeout(60)
class RuntimeAbortStormTest {
    /** Aborts every storm makes, whatever the clock says. */
    private static final int MIN_ROUNDS = 50;
    private AsyncRuntime runtime;

    @BeforeEach
    void start() {
        runtime = AsyncRuntime.builder().workerThreads(2).build();
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    @Test
    void abortedSemaphoreUsersReturnEveryPermit() throws Exception {
        int permits = 3;
        Semaphore sem = new Semaphore(permits);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        int aborted = storm(24, () -> {
            int n = 1 + next.getAndIncrement() % permits;
            return new Holder<Permit>(() -> sem.acquire(n), p -> {
                if (inUse.addAndGet(n) > permits) {
                    overLimit.incrementAndGet();
                }
            }, p -> {
                inUse.addAndGet(-n);
                p.close();
            });
        });
        assertTrue(aborted > 0, "tasks were aborted mid-way");
        assertEquals(0, overLimit.get());
        assertEquals(permits, sem.availablePermits(), "no permit leaked by an aborted task");
        assertEquals(0, runtime.liveTaskCount());
    }

    @Test
    void abortedMutexUsersNeverLeaveItHeld() throws Exception {
        Mutex<int[]> mutex = new Mutex<>(new int[1]);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        int aborted = storm(24, () -> new Holder<MutexGuard<int[]>>(mutex::lock, g -> {
            if (inside.incrementAndGet() != 1) {
                violations.incrementAndGet();
            }
        }, g -> {
            inside.decrementAndGet();
            g.close();
        }));
        assertTrue(aborted > 0, "tasks were aborted mid-way");
        assertEquals(0, violations.get());
        assertFalse(mutex.isLocked(), "an aborted task left the mutex held");
    }

    @Test
    void abortedReadersAndWritersNeverBreakExclusionOrLeaveTheRwLockHeld() throws Exception {
        RwLock<int[]> lock = new RwLock<>(new int[1]);
        AtomicInteger readers = new AtomicInteger();
        AtomicInteger writers = new AtomicInteger();
        AtomicInteger violations = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        int aborted = storm(24, () -> {
            if (next.getAndIncrement() % 3 == 0) {
                return new Holder<RwLockWriteGuard<int[]>>(lock::write, g -> {
                    if (writers.incrementAndGet() != 1 || readers.get() != 0) {
                        violations.incrementAndGet();
                    }
                    g.get()[0]++;
                }, g -> {
                    writers.decrementAndGet();
                    g.close();
                });
            }
            return new Holder<RwLockReadGuard<int[]>>(lock::read, g -> {
                readers.incrementAndGet();
                if (writers.get() != 0) {
                    violations.incrementAndGet();
                }
            }, g -> {
                readers.decrementAndGet();
                g.close();
            });
        });
        assertTrue(aborted > 0, "tasks were aborted mid-way");
        assertEquals(0, violations.get(), "a writer shared the lock");
        try (RwLockWriteGuard<int[]> w = lock.tryWrite()) {
            assertTrue(w != null, "an aborted task left the lock held (read or write)");
            assertTrue(w.get()[0] > 0, "writers got in");
        }
    }

    @Test
    void abortedBarrierPartiesLeaveNoPhantomArrival() throws Exception {
        int parties = 4;
        Barrier barrier = new Barrier(parties);
        AtomicInteger leaders = new AtomicInteger();
        AtomicInteger passed = new AtomicInteger();
        List<JoinHandle<Integer>> all = new ArrayList<>();
        List<JoinHandle<Integer>> live = new ArrayList<>();
        int width = 10;
        for (int i = 0; i < width; i++) {
            live.add(runtime.spawn(new Arriver(barrier, leaders, passed)));
        }
        all.addAll(live);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // 300 ms and MIN_ROUNDS aborts at least, and on until two generations went through: a
        // loaded machine may run the workers little within a fixed window.
        for (int round = 0; round < MIN_ROUNDS || System.nanoTime() < end || leaders.get() < 2; round++) {
            if (System.nanoTime() > giveUp) {
                throw new AssertionError(leaders.get() + " generations went through in 20 s");
            }
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(500)));
            int victim = rnd.nextInt(width);
            live.get(victim).abort();
            JoinHandle<Integer> replacement = runtime.spawn(new Arriver(barrier, leaders, passed));
            live.set(victim, replacement);
            all.add(replacement);
        }
        stop.set(true); // no new arrivals; the tasks still waiting stay in the last generation
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        // Every unfinished task waits at the barrier, so the barrier must count exactly them: an
        // aborted arrival that was not withdrawn (or withdrawn twice) shows up as a difference.
        long waiting;
        while ((waiting = all.stream().filter(t -> !t.isFinished()).count()) != barrier.arrived()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(waiting + " tasks wait but the barrier counts " + barrier.arrived());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
        // Withdraw every other waiting party: the count must follow exactly.
        List<JoinHandle<Integer>> stillWaiting = new ArrayList<>();
        boolean abortThis = true;
        for (JoinHandle<Integer> t : all) {
            if (!t.isFinished()) {
                if (abortThis) {
                    t.abort();
                    waitFinished(t, deadline);
                } else {
                    stillWaiting.add(t);
                }
                abortThis = !abortThis;
            }
        }
        assertEquals(stillWaiting.size(), barrier.arrived(), "withdrawn arrivals no longer count");
        int missing = (parties - barrier.arrived()) % parties;
        for (int i = 0; i < missing; i++) { // complete the last generation
            all.add(runtime.spawn(new Arriver(barrier, leaders, passed)));
        }
        int aborted = 0;
        for (JoinHandle<Integer> t : all) {
            waitFinished(t, deadline);
            try {
                runtime.blockOn(t);
            } catch (CancellationException e) {
                aborted++;
            }
        }
        assertEquals(0, barrier.arrived(), "every generation went through whole");
        assertTrue(aborted > 0 && leaders.get() > 1, aborted + " aborted, " + leaders + " generations");
        assertTrue(passed.get() <= leaders.get() * parties, "at most `parties` pass per generation");
    }

    @Test
    void abortedProducersAndConsumerLoseOrDuplicateNoMessage() throws Exception {
        Channel<Integer> ch = Channel.bounded(3);
        Set<Integer> sent = ConcurrentHashMap.newKeySet();
        Set<Integer> received = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        List<JoinHandle<Integer>> producers = new ArrayList<>();
        List<Sender<Integer>> handles = new ArrayList<>();
        for (int p = 0; p < 12; p++) {
            Sender<Integer> tx = ch.sender().clone();
            handles.add(tx);
            producers.add(runtime.spawn(new Producer(tx, p * 1_000, 400, sent)));
        }
        ch.sender().close();
        // consumers come and go, each aborted after a moment, while producers are aborted too
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        while (!producers.stream().allMatch(JoinHandle::isFinished)) {
            JoinHandle<Integer> consumer = runtime.spawn(new Consumer(ch.receiver(), received, duplicates));
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(300)));
            int victim = rnd.nextInt(producers.size() * 4);
            if (victim < producers.size()) {
                producers.get(victim).abort();
            }
            consumer.abort();
            waitFinished(consumer, deadline);
        }
        // A task aborted before its first poll never ran, so it did not close its handle (as a
        // try-with-resources that was never entered); close them all, then drain to the end.
        handles.forEach(Sender::close);
        runtime.blockOn(new Consumer(ch.receiver(), received, duplicates));
        assertEquals(0, duplicates.get(), "a message arrived twice");
        assertEquals(sent, received, "received exactly the messages whose send completed");
        assertTrue(ch.receiver().highWaterMark() <= 3);
    }

    private final AtomicBoolean stop = new AtomicBoolean();

    /**
     * Keeps {@code width} tasks running for a while, aborting one at random every few hundred
     * microseconds and spawning a replacement; then lets the rest stop. Returns how many tasks
     * ended aborted.
     */
    private int storm(int width, Supplier<Future<Integer>> task) {
        List<JoinHandle<Integer>> all = new ArrayList<>();
        List<JoinHandle<Integer>> live = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            live.add(runtime.spawn(task.get()));
        }
        all.addAll(live);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        // At least MIN_ROUNDS aborts however little of the 300 ms this thread gets to run.
        for (int round = 0; round < MIN_ROUNDS || System.nanoTime() < end; round++) {
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(rnd.nextInt(500)));
            int victim = rnd.nextInt(width);
            live.get(victim).abort();
            JoinHandle<Integer> replacement = runtime.spawn(task.get());
            live.set(victim, replacement);
            all.add(replacement);
        }
        stop.set(true);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
        int aborted = 0;
        for (JoinHandle<Integer> t : all) {
            waitFinished(t, deadline);
            try {
                runtime.blockOn(t);
            } catch (CancellationException e) {
                aborted++;
            }
        }
        return aborted;
    }

    private static void waitFinished(JoinHandle<?> t, long deadline) {
        while (!t.isFinished()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("task hung: " + t);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }

    /** {@code while (!stop) { try (R r = await(acquire())) { onHold; await(yieldNow()); } }} */
    private final class Holder<R> implements Future<Integer> {
        private final Supplier<Future<R>> acquire;
        private final java.util.function.Consumer<R> onHold;
        private final java.util.function.Consumer<R> release;
        private Future<R> acquiring;
        private Future<Void> yielding;
        private R held;
        private int done;

        Holder(Supplier<Future<R>> acquire, java.util.function.Consumer<R> onHold,
                java.util.function.Consumer<R> release) {
            this.acquire = acquire;
            this.onHold = onHold;
            this.release = release;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            for (;;) {
                if (held == null) {
                    if (acquiring == null) {
                        acquiring = acquire.get();
                    }
                    Poll<R> p = acquiring.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    acquiring = null;
                    held = p.value();
                    onHold.accept(held);
                    yielding = Task.yieldNow();
                }
                if (yielding.poll(cx).isPending()) {
                    return Poll.pending();
                }
                R r = held;
                held = null;
                release.accept(r);
                done++;
                if (stop.get()) {
                    return Poll.ready(done);
                }
            }
        }

        @Override
        public boolean cancel() {
            if (acquiring != null) {
                acquiring.cancel();
                acquiring = null;
            }
            if (held != null) { // the try-with-resources' close
                R r = held;
                held = null;
                release.accept(r);
            }
            return false;
        }
    }

    /**
     * {@code while (!stop) { if (await(barrier.arriveAndWait())) leaders++; passed++; }} — except
     * that the helpers spawned to complete the last generation arrive even after the stop.
     */
    private final class Arriver implements Future<Integer> {
        private final Barrier barrier;
        private final AtomicInteger leaders;
        private final AtomicInteger passed;
        private final boolean once = stop.get();
        private Future<Boolean> arrival;
        private int count;

        Arriver(Barrier barrier, AtomicInteger leaders, AtomicInteger passed) {
            this.barrier = barrier;
            this.leaders = leaders;
            this.passed = passed;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            for (;;) {
                if (arrival == null) {
                    if (stop.get() && !(once && count == 0)) {
                        return Poll.ready(count);
                    }
                    arrival = barrier.arriveAndWait();
                }
                Poll<Boolean> p = arrival.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                arrival = null;
                if (p.value()) {
                    leaders.incrementAndGet();
                }
                passed.incrementAndGet();
                count++;
            }
        }

        @Override
        public boolean cancel() {
            if (arrival != null) {
                arrival.cancel();
            }
            return false;
        }
    }

    /** {@code try (tx) { for (i) { await(tx.send(base + i)); sent.add(base + i); } }} */
    private static final class Producer implements Future<Integer> {
        private final Sender<Integer> tx;
        private final int base;
        private final int count;
        private final Set<Integer> sent;
        private dev.jawait.TryFuture<Void, ChannelClosedException> sending;
        private int i;

        Producer(Sender<Integer> tx, int base, int count, Set<Integer> sent) {
            this.tx = tx;
            this.base = base;
            this.count = count;
            this.sent = sent;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (i < count) {
                if (sending == null) {
                    sending = tx.send(base + i);
                }
                if (sending.poll(cx).isPending()) {
                    return Poll.pending();
                }
                sending = null;
                sent.add(base + i);
                i++;
            }
            tx.close();
            return Poll.ready(i);
        }

        @Override
        public boolean cancel() {
            if (sending != null) {
                sending.cancel();
            }
            tx.close();
            return false;
        }
    }

    /** {@code while ((m = await(rx.recv())).isPresent()) record(m.get());} */
    private static final class Consumer implements Future<Integer> {
        private final Receiver<Integer> rx;
        private final Set<Integer> received;
        private final AtomicInteger duplicates;
        private Future<Optional<Integer>> receiving;
        private int count;

        Consumer(Receiver<Integer> rx, Set<Integer> received, AtomicInteger duplicates) {
            this.rx = rx;
            this.received = received;
            this.duplicates = duplicates;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            for (;;) {
                if (receiving == null) {
                    receiving = rx.recv();
                }
                Poll<Optional<Integer>> p = receiving.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                receiving = null;
                if (p.value().isEmpty()) {
                    return Poll.ready(count);
                }
                if (!received.add(p.value().get())) {
                    duplicates.incrementAndGet();
                }
                count++;
            }
        }

        @Override
        public boolean cancel() {
            if (receiving != null) {
                receiving.cancel();
            }
            return false;
        }
    }
}
