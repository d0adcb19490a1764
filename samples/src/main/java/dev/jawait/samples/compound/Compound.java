package dev.jawait.samples.compound;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Three futures combined three ways, with the same result: a hand-written {@code poll} state
 * machine ({@link SumOfMapped}), the adapters ({@code Futures.join} + {@code map}), and an
 * {@code @Async} method that awaits them in turn.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.compound.Compound
 * // hand-written poll: 17, join + map: 17, @Async: 17
 * }</pre>
 */
public final class Compound {
    private Compound() {}

    /** What each result goes through before being summed. */
    static int square(int x) {
        return x * x;
    }

    /** A value that is ready after a delay: a timer future mapped to a constant. */
    static Future<Integer> later(int value, long millis) {
        return Time.sleep(Duration.ofMillis(millis)).map(ignored -> value);
    }

    /**
     * Way 1: a future written by hand that polls three children and sums their mapped results.
     * Each poll polls only the children still pending; every pending child has arranged to wake
     * the task, so one wake-up re-polls the lot.
     */
    static final class SumOfMapped implements Future<Integer> {
        private final List<Future<Integer>> parts;
        private final int[] results;
        private final boolean[] done;
        private final IntUnaryOperator mapper;
        private boolean cancelled;

        SumOfMapped(IntUnaryOperator mapper, List<Future<Integer>> parts) {
            this.parts = List.copyOf(parts);
            this.results = new int[parts.size()];
            this.done = new boolean[parts.size()];
            this.mapper = mapper;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            boolean all = true;
            for (int i = 0; i < parts.size(); i++) {
                if (!done[i]) {
                    Poll<Integer> p;
                    try {
                        p = parts.get(i).poll(cx);
                    } catch (java.util.concurrent.CancellationException e) {
                        if (!cancelled) {
                            throw e;
                        }
                        p = Poll.ready(0); // a cancelled composite child has finished its cleanup
                    }
                    if (p.isReady()) {
                        results[i] = mapper.applyAsInt(p.value());
                        done[i] = true;
                    } else {
                        all = false;
                    }
                }
            }
            if (!all) {
                return Poll.pending();
            }
            if (cancelled) {
                throw new java.util.concurrent.CancellationException();
            }
            int sum = 0;
            for (int r : results) {
                sum += r;
            }
            return Poll.ready(sum);
        }

        /**
         * Cancels the pending children. Leaf children are dropped at once; if a child is a
         * composite that must be polled to completion, so must we (return true), per the
         * {@link Future#cancel()} protocol.
         */
        @Override
        public boolean cancel() {
            cancelled = true;
            boolean mustDrain = false;
            for (int i = 0; i < parts.size(); i++) {
                if (!done[i]) {
                    if (parts.get(i).cancel()) {
                        mustDrain = true;
                    } else {
                        done[i] = true;
                    }
                }
            }
            return mustDrain;
        }
    }

    /** Way 1. */
    static Future<Integer> handWritten(Future<Integer> a, Future<Integer> b, Future<Integer> c) {
        return new SumOfMapped(Compound::square, List.of(a, b, c));
    }

    /** Way 2: the adapters. */
    static Future<Integer> adapters(Future<Integer> a, Future<Integer> b, Future<Integer> c) {
        return Futures.join(a, b, c).map(t -> square(t.first()) + square(t.second()) + square(t.third()));
    }

    /** Way 3: await each mapped future in turn. */
    @Async
    static int inTurn(Future<Integer> a, Future<Integer> b, Future<Integer> c) {
        int sum = await(a.map(Compound::square));
        sum += await(b.map(Compound::square));
        int last = await(c.map(Compound::square));
        return sum + last;
    }

    public static void main(String[] args) {
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread()) {
            int one = runtime.blockOn(handWritten(later(2, 30), later(3, 10), later(2, 20)));
            int two = runtime.blockOn(adapters(later(2, 30), later(3, 10), later(2, 20)));
            int three = runtime.blockOn(CompoundAsync.inTurn(later(2, 30), later(3, 10), later(2, 20)));
            System.out.printf("hand-written poll: %d, join + map: %d, @Async: %d%n", one, two, three);
            if (one != two || two != three) {
                throw new AssertionError("the three ways disagree");
            }
        }
    }
}
