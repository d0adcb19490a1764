package dev.jawait.sync;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;
import java.util.concurrent.atomic.AtomicInteger;

/** A waker that counts its wake-ups, for driving futures by hand in tests. */
final class CountingWaker implements Waker {
    private final AtomicInteger wakes = new AtomicInteger();
    final Context cx = Context.of(this);

    @Override
    public void wake() {
        wakes.incrementAndGet();
    }

    int wakes() {
        return wakes.get();
    }

    /** Whether it was woken since the last call (and resets). */
    boolean takeWake() {
        return wakes.getAndSet(0) > 0;
    }

    <T> Poll<T> poll(Future<T> future) {
        return future.poll(cx);
    }

    <T> T ready(Future<T> future) {
        Poll<T> poll = future.poll(cx);
        if (!poll.isReady()) {
            throw new AssertionError("expected " + future + " to be ready");
        }
        return poll.value();
    }
}
