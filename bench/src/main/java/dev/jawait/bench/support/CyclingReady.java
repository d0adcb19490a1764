package dev.jawait.bench.support;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * A future that is always ready, with a value cycling through 1..16 from preallocated polls:
 * awaiting it allocates nothing, yet the JIT cannot fold a loop of awaits into a constant (it
 * did with {@code Future.ready(1)}: 0.06 ns per "await").
 *
 * <pre>{@code
 * Future<Integer> ready = new CyclingReady();
 * long sum = await(ready) + await(ready);   // 1 + 2
 * }</pre>
 */
public final class CyclingReady implements Future<Integer> {
    private static final int VALUES = 16;
    private final Poll<Integer>[] polls = newPolls();
    private int next;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Poll<Integer>[] newPolls() {
        Poll<Integer>[] polls = new Poll[VALUES];
        for (int i = 0; i < VALUES; i++) {
            polls[i] = Poll.ready(i + 1);
        }
        return polls;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        return polls[next++ & (VALUES - 1)];
    }
}
