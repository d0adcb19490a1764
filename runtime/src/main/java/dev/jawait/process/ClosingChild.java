package dev.jawait.process;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;

/**
 * Runs {@code body} and closes {@code child} however it ends — value, failure or cancellation —
 * like a try-with-resources around it: what {@link Command#output()} and {@link Command#status()}
 * wrap their work in, so a failed read never leaves pipes open or the child running.
 *
 * <pre>{@code
 * return new ClosingChild<>(child, Futures.join(child.stdout().readAllBytes(), child.waitFor()));
 * }</pre>
 */
final class ClosingChild<T> implements Future<T> {
    private final Child child;
    private final Future<T> body;

    ClosingChild(Child child, Future<T> body) {
        this.child = child;
        this.body = body;
    }

    @Override
    public Poll<T> poll(Context cx) {
        Poll<T> p;
        try {
            p = body.poll(cx);
        } catch (RuntimeException | Error e) {
            child.close();
            throw e;
        } catch (Throwable checked) { // rethrown by a TryFuture: close, then pass it on as is
            child.close();
            throw dev.jawait.Failures.sneaky(checked);
        }
        if (p.isReady()) {
            child.close();
        }
        return p;
    }

    @Override
    public boolean cancel() {
        if (body.cancel()) {
            return true; // the body finishes its cancellation in the next polls, then we close
        }
        child.close();
        return false;
    }

    @Override
    public String toString() {
        return body.toString();
    }
}
