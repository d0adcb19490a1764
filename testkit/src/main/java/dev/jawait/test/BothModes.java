package dev.jawait.test;

import dev.jawait.Future;
import dev.jawait.runtime.AsyncRuntime;
import java.util.List;
import java.util.Objects;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the same {@code @Async} method both ways and fails on any difference: as its generated
 * state machine on a runtime ({@code XAsync.m(...)}), and as the plain blocking method on the
 * calling thread ({@code X.m(...)}, where each {@code await} blocks). The two must agree on the
 * result, on the exception (class and message), and on the events each run recorded in its own
 * {@link EventLog} — the check jawait's own compiler tests rest on, offered to users.
 *
 * <pre>{@code
 * @AsyncTest
 * void transferMeansTheSameBothWays(AsyncRuntime rt) {
 *     int moved = BothModes.assertSameOutcome(rt,
 *             log -> BankAsync.transfer(log, a, b, 10),   // the state machine
 *             log -> Bank.transfer(log, a, b, 10));       // the template, blocking
 *     assertEquals(10, moved);
 * }
 * }</pre>
 *
 * <p>The blocking run uses real time (its {@code await(Time.sleep(...))} really sleeps), so keep
 * such bodies short; call this from the test's thread, not from inside a task.
 */
public final class BothModes {
    private BothModes() {}

    /** Starts the asynchronous run: typically {@code log -> XAsync.m(log, args...)}. */
    @FunctionalInterface
    public interface AsyncRun<T> {
        /**
         * Starts the companion's future; nothing runs before it is polled.
         *
         * @param log where the template records its events
         * @return the future to run on the runtime
         */
        Future<T> start(EventLog log);
    }

    /** The blocking run: typically {@code log -> X.m(log, args...)}. */
    @FunctionalInterface
    public interface BlockingRun<T> {
        /**
         * Runs the template directly, blocking the calling thread.
         *
         * @param log where the template records its events
         * @return the template's result
         * @throws Throwable whatever the template throws
         */
        T run(EventLog log) throws Throwable;
    }

    /** One run's outcome. */
    private record Outcome(Object value, Throwable failure, List<String> events) {
        String describe() {
            return (failure == null ? "returned " + value : "threw " + failure) + ", events " + events;
        }
    }

    /**
     * Runs {@code async} on {@code runtime} (through {@code blockOn}) and {@code blocking} on the
     * calling thread, asserts that both gave the same outcome, and returns the result (or rethrows
     * the exception both threw).
     *
     * @param <T> the result type
     * @param runtime the runtime the asynchronous run is driven on
     * @param async starts the companion's future
     * @param blocking calls the template directly
     * @return the result both runs returned
     * @throws Throwable the exception both runs threw
     */
    @SuppressWarnings("unchecked")
    public static <T> T assertSameOutcome(AsyncRuntime runtime, AsyncRun<T> async, BlockingRun<T> blocking) throws Throwable {
        Objects.requireNonNull(runtime, "runtime");
        EventLog asyncLog = new EventLog();
        Outcome asynchronous;
        try {
            asynchronous = new Outcome(runtime.blockOn(async.start(asyncLog)), null, asyncLog.events());
        } catch (Throwable e) {
            asynchronous = new Outcome(null, e, asyncLog.events());
        }
        EventLog blockingLog = new EventLog();
        Outcome direct;
        try {
            direct = new Outcome(blocking.run(blockingLog), null, blockingLog.events());
        } catch (Throwable e) {
            direct = new Outcome(null, e, blockingLog.events());
        }
        String difference = difference(asynchronous, direct);
        if (difference != null) {
            AssertionFailedError error = new AssertionFailedError("the async and blocking runs differ in their "
                    + difference + "\n  async:    " + asynchronous.describe() + "\n  blocking: " + direct.describe(),
                    direct.describe(), asynchronous.describe());
            if (asynchronous.failure != null) {
                error.addSuppressed(asynchronous.failure);
            }
            if (direct.failure != null) {
                error.addSuppressed(direct.failure);
            }
            throw error;
        }
        if (direct.failure != null) {
            throw direct.failure;
        }
        return (T) direct.value;
    }

    /**
     * Like {@link #assertSameOutcome(AsyncRuntime, AsyncRun, BlockingRun)} on a fresh current-thread runtime.
     *
     * @param <T> the result type
     * @param async starts the companion's future
     * @param blocking calls the template directly
     * @return the result both runs returned
     * @throws Throwable the exception both runs threw
     */
    public static <T> T assertSameOutcome(AsyncRun<T> async, BlockingRun<T> blocking) throws Throwable {
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            return assertSameOutcome(runtime, async, blocking);
        }
    }

    private static String difference(Outcome a, Outcome b) {
        if ((a.failure == null) != (b.failure == null)) {
            return "outcome";
        }
        if (a.failure != null) {
            if (a.failure.getClass() != b.failure.getClass()) {
                return "exception class";
            }
            if (!Objects.equals(a.failure.getMessage(), b.failure.getMessage())) {
                return "exception message";
            }
        } else if (!Objects.deepEquals(a.value, b.value)) {
            return "result";
        }
        if (!a.events.equals(b.events)) {
            return "events";
        }
        return null;
    }
}
