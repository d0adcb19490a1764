package dev.jawait.processor.testing;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.Waker;

/**
 * Hand-driven futures for tests: a {@link Gate} stays pending until opened (then wakes its
 * waker), counting polls and cancellations.
 *
 * <pre>{@code
 * Manual.Gate<String> gate = new Manual.Gate<>();
 * ... gate.open("value");
 * }</pre>
 */
public final class Manual {
    private Manual() {}

    /** A leaf future completed from outside. */
    public static final class Gate<T> implements Future<T> {
        private volatile boolean open;
        private volatile T value;
        private volatile Throwable failure;
        private volatile Waker waker;
        public volatile int polls;
        public volatile int cancels;

        @Override
        public Poll<T> poll(Context cx) {
            polls++;
            waker = cx.waker();
            if (failure != null) {
                throw dev.jawait.Failures.sneaky(failure);
            }
            return open ? Poll.ready(value) : Poll.pending();
        }

        @Override
        public boolean cancel() {
            cancels++;
            return false;
        }

        public void open(T v) {
            value = v;
            open = true;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        public void fail(Throwable t) {
            failure = t;
            Waker w = waker;
            if (w != null) {
                w.wake();
            }
        }

        public boolean isOpen() {
            return open;
        }
    }

    /** Polls once with a waker that does nothing. */
    public static <T> Poll<T> pollOnce(Future<T> f) {
        return f.poll(Context.of(() -> { }));
    }
}
