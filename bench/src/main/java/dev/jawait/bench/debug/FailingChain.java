package dev.jawait.bench.debug;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;

/**
 * The {@code @Async} templates of the async-stack-trace cost benchmark: {@code caller} awaits
 * {@code first}, which awaits {@code second}, which awaits {@code third}, which awaits a ready
 * future and then throws. The failure leaves three generated state machines (three template
 * frames when async stack traces are on) and is caught by {@code caller}.
 *
 * <pre>{@code
 * int n = FailingChainAsync.caller(Future.ready(1), false).poll(Contexts.NOOP).value();
 * }</pre>
 */
public final class FailingChain {
    private FailingChain() {}

    /**
     * Catches the failure three awaits down; returns the length of its message or, when
     * {@code readTrace}, of its stack trace (what logging the failure would cost).
     */
    @Async
    static int caller(Future<Integer> ready, boolean readTrace) {
        try {
            return await(FailingChainAsync.first(ready));
        } catch (IllegalStateException e) {
            return readTrace ? e.getStackTrace().length : e.getMessage().length();
        }
    }

    @Async
    static int first(Future<Integer> ready) {
        return await(FailingChainAsync.second(ready)) + 1;
    }

    @Async
    static int second(Future<Integer> ready) {
        return await(FailingChainAsync.third(ready)) + 1;
    }

    /** Throws after its await whenever the awaited value is positive. */
    @Async
    static int third(Future<Integer> ready) {
        int v = await(ready);
        if (v > 0) {
            throw new IllegalStateException("deep failure");
        }
        return v;
    }
}
