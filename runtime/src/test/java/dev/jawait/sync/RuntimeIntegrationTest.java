package dev.jawait.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import dev.jawait.runtime.AsyncRuntime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The primitives inside real tasks: losing a select, blocking-pool threads, worker threads. */
@Timeout(60)
class RuntimeIntegrationTest {
    private static final Object LOST = "lost the select";
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
    void receivesThatLoseASelectLoseNoMessage() {
        int count = 2_000;
        Channel<Integer> ch = Channel.bounded(2);
        JoinHandle<Integer> producer = runtime.spawn(new Future<Integer>() {
            private TryFuture<Void, ChannelClosedException> sending;
            private int i;

            @Override
            public Poll<Integer> poll(Context cx) {
                while (i < count) {
                    if (sending == null) {
                        sending = ch.sender().send(i);
                    }
                    if (sending.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    sending = null;
                    i++;
                }
                ch.sender().close();
                return Poll.ready(i);
            }
        });
        AtomicInteger lost = new AtomicInteger();
        List<Integer> got = runtime.blockOn(new Future<List<Integer>>() {
            private final List<Integer> received = new ArrayList<>();
            private Future<Object> round;

            @Override
            @SuppressWarnings("unchecked")
            public Poll<List<Integer>> poll(Context cx) {
                for (;;) {
                    if (round == null) {
                        round = Futures.<Object>select(ch.receiver().recv(), Task.yieldNow().map(v -> LOST));
                    }
                    Poll<Object> p = round.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    round = null;
                    if (p.value() == LOST) {
                        lost.incrementAndGet();
                        continue;
                    }
                    Optional<Integer> m = (Optional<Integer>) p.value();
                    if (m.isEmpty()) {
                        return Poll.ready(received);
                    }
                    received.add(m.get());
                }
            }
        });
        assertEquals(count, runtime.blockOn(producer));
        assertEquals(count, got.size(), "a receive that lost the select swallowed a message");
        for (int i = 0; i < count; i++) {
            assertEquals(i, got.get(i));
        }
        assertTrue(lost.get() > 0, "some receives lost the select");
    }

    @Test
    void acquisitionsThatLoseASelectLeakNoPermit() {
        int permits = 2;
        Semaphore sem = new Semaphore(permits);
        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger overLimit = new AtomicInteger();
        AtomicInteger lost = new AtomicInteger();
        List<JoinHandle<Integer>> tasks = new ArrayList<>();
        // The permits are held until all eight tasks exist: spawned one by one by a test thread
        // that a loaded machine deschedules between spawns, each task could take its 200 permits
        // alone before the next one started, contend with nobody and never lose a select (a run
        // under load lost none; most runs lose thousands).
        assertTrue(sem.tryAcquire(permits));
        for (int t = 0; t < 8; t++) {
            tasks.add(runtime.spawn(new Future<Integer>() {
                private Future<Object> round;
                private Future<Void> holding;
                private Permit held;
                private int done;

                @Override
                public Poll<Integer> poll(Context cx) {
                    for (;;) {
                        if (held == null) {
                            if (round == null) {
                                round = Futures.<Object>select(sem.acquire(), Task.yieldNow().map(v -> LOST));
                            }
                            Poll<Object> p = round.poll(cx);
                            if (p.isPending()) {
                                return Poll.pending();
                            }
                            round = null;
                            if (p.value() == LOST) {
                                lost.incrementAndGet();
                                continue;
                            }
                            held = (Permit) p.value();
                            if (inUse.incrementAndGet() > permits) {
                                overLimit.incrementAndGet();
                            }
                            holding = Task.yieldNow();
                        }
                        if (holding.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        inUse.decrementAndGet();
                        held.close();
                        held = null;
                        if (++done == 200) {
                            return Poll.ready(done);
                        }
                    }
                }
            }));
        }
        sem.release(permits);
        for (JoinHandle<Integer> t : tasks) {
            assertEquals(200, runtime.blockOn(t));
        }
        assertEquals(0, overLimit.get());
        assertEquals(permits, sem.availablePermits());
        assertTrue(lost.get() > 0, "some acquisitions lost the select");
    }

    @Test
    void blockingCallsAreRefusedOnRuntimeThreadsWithAHint() {
        Mutex<String> mutex = new Mutex<>("x");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> runtime.blockOn(cx -> {
                    try {
                        return Poll.ready(mutex.blockingLock());
                    } catch (InterruptedException unexpected) {
                        throw new AssertionError(unexpected);
                    }
                }));
        assertTrue(e.getMessage().contains("await(mutex.lock())"), e.getMessage());
        assertTrue(mutex.tryLock() != null, "the refused call took nothing");
    }

    @Test
    void blockingPoolThreadsTalkToTasks() throws Exception {
        int count = 1_000;
        Channel<Integer> ch = Channel.bounded(4);
        TryFuture<Integer, Exception> producer = runtime.spawnBlocking(() -> {
            try (Sender<Integer> tx = ch.sender()) {
                for (int i = 0; i < count; i++) {
                    tx.blockingSend(i);
                }
            }
            return count;
        });
        long sum = runtime.blockOn(new Future<Long>() {
            private Future<Optional<Integer>> receiving;
            private long total;

            @Override
            public Poll<Long> poll(Context cx) {
                for (;;) {
                    if (receiving == null) {
                        receiving = ch.receiver().recv();
                    }
                    Poll<Optional<Integer>> p = receiving.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    receiving = null;
                    if (p.value().isEmpty()) {
                        return Poll.ready(total);
                    }
                    total += p.value().get();
                }
            }
        });
        assertEquals((long) count * (count - 1) / 2, sum);
        assertEquals(count, runtime.blockOn(producer));
    }
}
