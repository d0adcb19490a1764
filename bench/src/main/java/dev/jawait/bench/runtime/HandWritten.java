package dev.jawait.bench.runtime;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.bench.support.Baton;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written task bodies for the runtime benchmarks. The scheduler benchmarks use these (not
 * generated code) so that they measure the runtime alone; {@link #sumReady} is also the floor
 * the generated state machine of {@code Templates.sumReady} is compared against.
 *
 * <pre>{@code
 * long sum = HandWritten.sumReady(Future.ready(1), 1000).poll(Contexts.NOOP).value();
 * int trips = runtime.blockOn(runtime.spawn(HandWritten.pingPong(1000)));
 * }</pre>
 */
public final class HandWritten {
    private HandWritten() {}

    /** Awaits an already-ready future {@code n} times, polling it inline; returns the sum. */
    public static Future<Long> sumReady(Future<Integer> ready, int n) {
        return new Future<>() {
            private long sum;
            private int i;

            @Override
            public Poll<Long> poll(Context cx) {
                while (i < n) {
                    Poll<Integer> p = ready.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    sum += p.value();
                    i++;
                }
                return Poll.ready(sum);
            }
        };
    }

    /** Awaits {@code Task.yieldNow()} {@code n} times: n suspend + self-wake + resume round trips. */
    public static Future<Integer> yieldLoop(int n) {
        return new Future<>() {
            private int i;
            private Future<Void> yielding;

            @Override
            public Poll<Integer> poll(Context cx) {
                while (i < n) {
                    if (yielding == null) {
                        yielding = Task.yieldNow();
                    }
                    if (yielding.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    yielding = null;
                    i++;
                }
                return Poll.ready(n);
            }
        };
    }

    /** Spawns {@code n} copies of {@code empty} as tasks, then joins them all; returns the sum. */
    public static Future<Long> spawnJoin(Future<Integer> empty, int n) {
        return new Future<>() {
            private List<JoinHandle<Integer>> handles;
            private int joined;
            private long sum;

            @Override
            public Poll<Long> poll(Context cx) {
                if (handles == null) {
                    handles = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        handles.add(Task.spawn(empty));
                    }
                }
                while (joined < n) {
                    Poll<Integer> p = handles.get(joined).poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    sum += p.value();
                    joined++;
                }
                return Poll.ready(sum);
            }
        };
    }

    /** One side of a ping-pong: {@code n} times, wait for the turn, then hand it to the other side. */
    public static Future<Integer> side(Baton baton, int side, int n) {
        return new Future<>() {
            private int i;

            @Override
            public Poll<Integer> poll(Context cx) {
                while (i < n) {
                    if (baton.turn(side).poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    baton.pass(1 - side);
                    i++;
                }
                return Poll.ready(n);
            }
        };
    }

    /** Spawns both sides of an {@code n}-round-trip ping-pong and joins them. */
    public static Future<Integer> pingPong(int n) {
        return new Future<>() {
            private JoinHandle<Integer> ping;
            private JoinHandle<Integer> pong;
            private int pingResult = -1;

            @Override
            public Poll<Integer> poll(Context cx) {
                if (ping == null) {
                    Baton baton = new Baton();
                    ping = Task.spawn(side(baton, 0, n));
                    pong = Task.spawn(side(baton, 1, n));
                }
                if (pingResult < 0) {
                    Poll<Integer> p = ping.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    pingResult = p.value();
                }
                Poll<Integer> p = pong.poll(cx);
                return p.isPending() ? Poll.pending() : Poll.ready(pingResult + p.value());
            }
        };
    }
}
