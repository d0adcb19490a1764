package dev.jawait.scope;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.TaskScope;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.sync.Channel;
import dev.jawait.sync.Permit;
import dev.jawait.sync.Semaphore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 100,000 scopes opened, filled and ended in a storm on two workers, four ways in turn: closed
 * without waiting, their task aborted from another thread at any moment, a fail-fast failure,
 * and a 1 ms deadline. Each scope's children hold a semaphore permit, send on a small bounded
 * channel, or finish at once. Afterwards every permit is back, every message whose send
 * completed was received exactly once (and none whose send was cancelled), every task is gone,
 * and nothing was reported unhandled.
 */
@Timeout(180)
class TaskScopeStormTest {
    private static final int SCOPES = 100_000;
    private static final int BATCH = 1_000;
    private static final int PERMITS = 64;

    private final Semaphore semaphore = new Semaphore(PERMITS);
    private final Channel<Integer> channel = Channel.bounded(16);
    private final Set<Integer> sent = ConcurrentHashMap.newKeySet();
    private final AtomicInteger permitsTaken = new AtomicInteger();

    @Test
    void noTaskPermitOrMessageIsLost() {
        List<Throwable> unhandled = new CopyOnWriteArrayList<>();
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(2)
                .unhandledFailureHandler(unhandled::add).build()) {
            List<Integer> received = new ArrayList<>();
            JoinHandle<Void> consumer = rt.spawn(new DrainInto(channel, received));
            int baseline = rt.liveTaskCount();
            for (int start = 0; start < SCOPES; start += BATCH) {
                List<JoinHandle<Void>> batch = new ArrayList<>(BATCH);
                for (int id = start; id < start + BATCH; id++) {
                    batch.add(rt.spawn(new StormScope(id)));
                }
                for (int i = 0; i < batch.size(); i++) {
                    if ((start + i) % 4 == 1) {
                        batch.get(i).abort(); // at whatever point it has reached
                    }
                }
                rt.blockOn(new AllFinished(batch));
            }
            NestingTestSupport.waitUntil(() -> rt.liveTaskCount() == baseline); // closed scopes' children
            assertEquals(PERMITS, semaphore.availablePermits(), "every permit came back");
            assertTrue(permitsTaken.get() > 0, "the storm did take permits");
            channel.sender().close();
            rt.blockOn(consumer);
            Set<Integer> distinct = new HashSet<>(received);
            assertEquals(received.size(), distinct.size(), "no message received twice");
            assertEquals(sent, distinct, "every completed send was received, nothing else");
            assertTrue(sent.size() > 0);
            assertEquals(baseline - 1, rt.liveTaskCount());
        }
        assertEquals(List.of(), unhandled);
    }

    /** One scope of the storm; {@code id % 4} picks how it ends. */
    private final class StormScope implements Future<Void> {
        private final int id;
        private TaskScope<Object> scope;
        private Future<Void> join;

        StormScope(int id) {
            this.id = id;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            int mode = id % 4;
            if (scope == null) {
                scope = TaskScope.open(TaskScope.Policy.FAIL_FAST, mode == 3 ? Duration.ofMillis(1) : null);
                scope.spawn(semaphore.acquire().flatMap(HoldPermit::new));
                scope.spawn(channel.sender().send(id).map(v -> sent.add(id)));
                scope.spawn(mode == 2 ? Future.failed(new IllegalStateException("fail fast " + id)) : Future.ready(id));
                if (mode == 0) {
                    scope.close(); // aborts, does not wait
                    return Poll.ready(null);
                }
                join = scope.join();
            }
            try {
                if (join.poll(cx).isPending()) {
                    return Poll.pending();
                }
            } catch (RuntimeException expected) {
                // the fail-fast failure, the deadline, or (aborted) CancellationException
            }
            scope.close();
            return Poll.ready(null);
        }

        @Override
        public boolean cancel() {
            if (join == null) {
                return false;
            }
            return join.cancel();
        }
    }

    /** Holds a permit until cancelled, then releases it (a leaf). */
    private final class HoldPermit implements Future<Object> {
        private final Permit permit;

        HoldPermit(Permit permit) {
            this.permit = permit;
            permitsTaken.incrementAndGet();
        }

        @Override
        public Poll<Object> poll(Context cx) {
            return Poll.pending();
        }

        @Override
        public boolean cancel() {
            permit.close();
            return false;
        }
    }

    /** Receives until the channel is closed and empty. */
    private static final class DrainInto implements Future<Void> {
        private final Channel<Integer> channel;
        private final List<Integer> into;
        private Future<Optional<Integer>> recv;

        DrainInto(Channel<Integer> channel, List<Integer> into) {
            this.channel = channel;
            this.into = into;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (recv == null) {
                    recv = channel.receiver().recv();
                }
                Poll<Optional<Integer>> p = recv.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                recv = null;
                if (p.value().isEmpty()) {
                    return Poll.ready(null);
                }
                into.add(p.value().get());
            }
        }
    }

    /** Ready once every handle finished, whatever their outcomes. */
    private static final class AllFinished implements Future<Void> {
        private final List<JoinHandle<Void>> handles;
        private int next;

        AllFinished(List<JoinHandle<Void>> handles) {
            this.handles = handles;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (next < handles.size()) {
                try {
                    if (handles.get(next).poll(cx).isPending()) {
                        return Poll.pending();
                    }
                } catch (RuntimeException aborted) {
                    // an aborted task's CancellationException
                }
                next++;
            }
            return Poll.ready(null);
        }
    }
}
