package dev.jawait.samples.scope;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.CancellationToken;
import dev.jawait.TaskLocal;
import dev.jawait.TaskScope;
import dev.jawait.time.Time;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;

/** Structured concurrency written as users write it: @Async templates with try/finally. */
public class ScopeTemplates {
    /** What the children observed. */
    public static final class Counters {
        final AtomicInteger sawCancel = new AtomicInteger();
        final AtomicInteger finallyDone = new AtomicInteger();
        volatile int finallyDoneWhenJoinFailed = -1;
    }

    static final TaskLocal<String> REQUEST = new TaskLocal<>();

    /** Sleeps "forever"; on abort sees CancellationException at the await, then cleans up (awaiting). */
    @Async
    static int patient(Counters c) {
        try {
            await(Time.sleep(Duration.ofMinutes(5)));
            return 1;
        } catch (CancellationException e) {
            c.sawCancel.incrementAndGet();
            throw e;
        } finally {
            await(Time.sleep(Duration.ofMillis(2)));
            c.finallyDone.incrementAndGet();
        }
    }

    @Async
    static int failAfter(int millis) throws IOException {
        await(Time.sleep(Duration.ofMillis(millis)));
        throw new IOException("boom after " + millis + " ms");
    }

    /** 999 patient children and one that fails after 10 ms, in one fail-fast scope. */
    @Async
    static void fanOut(Counters c) throws IOException {
        try (TaskScope<Integer> scope = TaskScope.open()) {
            for (int i = 0; i < 999; i++) {
                scope.spawn(ScopeTemplatesAsync.patient(c));
            }
            scope.spawn(ScopeTemplatesAsync.failAfter(10));
            try {
                await(scope.join());
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable sneaky) { // join rethrows a child's failure as is: IOException here
                c.finallyDoneWhenJoinFailed = c.finallyDone.get();
                throw sneaky instanceof IOException ? (IOException) sneaky : new IOException(sneaky);
            }
        }
    }

    /** A scope {@code depth} levels deep, {@code fanout} wide, with patient leaves. */
    @Async
    static void tree(int depth, int fanout, Counters c) {
        try (TaskScope<Object> scope = TaskScope.open()) {
            for (int i = 0; i < fanout; i++) {
                if (depth == 1) {
                    scope.spawn(ScopeTemplatesAsync.patient(c));
                } else {
                    scope.spawn(ScopeTemplatesAsync.tree(depth - 1, fanout, c));
                }
            }
            await(scope.join());
        }
    }

    /** Reads the request id after awaits, in a scope child; a token stops the wait. */
    @Async
    static String requestIdAfterAwaits(CancellationToken stop) {
        try (TaskScope<String> scope = TaskScope.open()) {
            scope.spawn(ScopeTemplatesAsync.readLater());
            await(Time.sleep(Duration.ofMillis(1)));
            String mine = REQUEST.get();
            try {
                await(stop.guard(Time.sleep(Duration.ofMinutes(5))));
            } catch (CancellationException stopped) {
                mine += " stopped";
            }
            return mine + ", child " + String.join("", await(scope.joinAll()));
        }
    }

    @Async
    static String readLater() {
        await(Time.sleep(Duration.ofMillis(2)));
        return REQUEST.get();
    }
}
