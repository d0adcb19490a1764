package dev.jawait.runtime.diagnostics;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;

/** Pending {@code times} times (waking itself each time), then ready: exactly times+1 polls. */
final class Yielding implements Future<Integer> {
    private final int times;
    private int polls;

    Yielding(int times) {
        this.times = times;
    }

    @Override
    public Poll<Integer> poll(Context cx) {
        if (polls++ < times) {
            cx.waker().wake();
            return Poll.pending();
        }
        return Poll.ready(polls);
    }
}
