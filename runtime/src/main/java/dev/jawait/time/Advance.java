package dev.jawait.time;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.IoDriver;

/**
 * {@link Time#advance}'s future: moves the paused clock and fires what became due on its first
 * poll, then stays pending for one turn so the tasks those timers woke run first.
 *
 * <pre>{@code
 * await(Time.advance(Duration.ofMinutes(1)));
 * }</pre>
 */
final class Advance implements Future<Void> {
    private final IoDriver driver;
    private final long nanos;
    private boolean advanced;

    Advance(IoDriver driver, long nanos) {
        this.driver = driver;
        this.nanos = nanos;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        if (advanced) {
            return Poll.ready(null);
        }
        advanced = true;
        driver.advance(nanos);
        cx.waker().wake(); // behind the tasks the fired timers just woke
        return Poll.pending();
    }

    @Override
    public String toString() {
        return "Time.advance[" + nanos + " ns" + (advanced ? ", done" : "") + "]";
    }
}
