package dev.jawait.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Await;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The cooperative budget makes an always-ready loop yield to other tasks. */
@Timeout(20)
class CoopTest {

    /** Consumes an endless always-ready source until stopped, recording each poll's batch. */
    static final class GreedyLoop implements Future<Integer> {
        final List<Integer> batches = new ArrayList<>();
        final AtomicBoolean stop;

        GreedyLoop(AtomicBoolean stop) {
            this.stop = stop;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            int n = 0;
            while (!stop.get()) {
                if (!Coop.proceed(cx)) {
                    batches.add(n);
                    return Poll.pending();
                }
                n++; // "received" an item that was ready
            }
            return Poll.ready(batches.size());
        }
    }

    @Test
    void aGreedyTaskYieldsEveryBudgetAndOthersRun() {
        for (AsyncRuntime rt : List.of(AsyncRuntime.builder().workerThreads(1).build(),
                AsyncRuntime.newCurrentThread())) {
            try (rt) {
                AtomicBoolean stop = new AtomicBoolean();
                GreedyLoop greedy = new GreedyLoop(stop);
                JoinHandle<Integer> g = rt.spawn(greedy);
                JoinHandle<String> other = rt.spawn(Task.yieldNow().map(x -> {
                    stop.set(true);
                    return "ran";
                }));
                assertEquals("ran", rt.blockOn(other));
                int yields = rt.blockOn(g);
                assertTrue(yields >= 1, "the greedy task yielded");
                for (int batch : greedy.batches) {
                    assertEquals(Coop.BUDGET, batch);
                }
            }
        }
    }

    @Test
    void outsideATaskTheBudgetIsUnlimited() {
        int n = Await.await(cx -> {
            int i = 0;
            while (i < 10 * Coop.BUDGET && Coop.proceed(cx)) {
                i++;
            }
            return Poll.ready(i);
        });
        assertEquals(10 * Coop.BUDGET, n);
    }
}
