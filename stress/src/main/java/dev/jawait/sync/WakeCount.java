package dev.jawait.sync;

import dev.jawait.Context;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A context whose waker only counts its calls: lets a jcstress actor poll a sync future and the
 * arbiter check it was woken when it had to be.
 *
 * <pre>{@code
 * WakeCount w = new WakeCount();
 * future.poll(w.cx);    later:    w.wakes.get() == 1
 * }</pre>
 */
final class WakeCount {
    final AtomicInteger wakes = new AtomicInteger();
    final Context cx = Context.of(wakes::incrementAndGet);
}
