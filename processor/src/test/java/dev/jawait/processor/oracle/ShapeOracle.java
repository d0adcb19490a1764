package dev.jawait.processor.oracle;

import dev.jawait.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

/**
 * Checks one shape against its oracle: the template run directly (blocking {@code await}) gives
 * the expected {@link Outcome}; the companion's future must give the same when {@code blockOn}
 * polls it on a current-thread runtime and when it runs as a task on a two-worker runtime, under
 * every {@link SrcMode} — ready, pending once, pending three times, and a failure injected at
 * each source in turn (some after a pending poll, some on the first poll). Creating the future
 * must run nothing (futures are lazy) and no awaited future may be cancelled.
 *
 * <pre>{@code
 * new ShapeOracle(compiled, pool, runner).check("shapeWhile");   // AssertionError on mismatch
 * }</pre>
 */
final class ShapeOracle {
    static final Duration RUN_LIMIT = Duration.ofSeconds(10);
    private static final int MAX_REPORTED = 3;

    private final CompiledTemplate template;
    private final RuntimePool pool;
    private final BoundedRunner runner;
    private final Invocation invocation;

    /** The receiver (null for a static method) and arguments of each run, made afresh per run. */
    interface Invocation {
        Object receiver(Method direct) throws ReflectiveOperationException;

        default Object[] arguments() {
            return new Object[0];
        }
    }

    ShapeOracle(CompiledTemplate template, RuntimePool pool, BoundedRunner runner) {
        this(template, pool, runner, ShapeOracle::receiverFor);
    }

    /** For any pair of methods (see {@link #check(String, Method, Method, String)}) called as {@code invocation} says. */
    ShapeOracle(CompiledTemplate template, RuntimePool pool, BoundedRunner runner, Invocation invocation) {
        this.template = template;
        this.pool = pool;
        this.runner = runner;
        this.invocation = invocation;
    }

    /** Runs every mode on every flavour; throws an AssertionError listing the mismatches. */
    void check(String shape) throws Exception {
        check(template.source().name() + "." + shape, template.template(shape), template.companion(shape),
                CompiledTemplate.excerpt(template.source().text(), shape));
    }

    /**
     * The oracle for any pair of methods: {@code direct} (static, or instance with a no-arg
     * constructor) run blocking, against {@code companion} (static, taking the receiver if
     * {@code direct} is an instance method) returning the future.
     */
    void check(String shape, Method direct, Method companion, String excerpt) throws Exception {
        Outcome first = bounded(() -> runDirect(direct, SrcMode.ready()), shape, "direct READY");
        int sources = Src.created();
        if (first.log().isEmpty() && first.result().equals("returned null")) {
            throw new AssertionError(shape + " is not observable: it logs nothing and returns null");
        }

        List<String> mismatches = new ArrayList<>();
        String firstDifference = null;
        int runs = 0;
        for (SrcMode mode : modes(sources)) {
            Outcome expected = mode.equals(SrcMode.ready())
                    ? first
                    : bounded(() -> runDirect(direct, mode), shape, "direct " + mode.label());
            for (OracleRuntime.Flavor flavor : OracleRuntime.Flavor.values()) {
                Outcome actual = bounded(() -> runAsync(direct, companion, mode, flavor), shape,
                        "companion " + mode.label() + " on " + flavor, flavor);
                runs++;
                if (!expected.render().equals(actual.render()) && firstDifference == null) {
                    firstDifference = mode.label() + " on " + flavor + ": " + difference(expected, actual);
                }
                if (!expected.render().equals(actual.render()) && mismatches.size() < MAX_REPORTED) {
                    mismatches.add("--- " + mode.label() + " on " + flavor + "\nexpected (blocking template):\n"
                            + expected.render() + "actual (companion future):\n" + actual.render());
                }
            }
        }
        if (!mismatches.isEmpty()) {
            throw new AssertionError(shape + ": companion differs from the template ("
                    + mismatches.size() + (mismatches.size() == MAX_REPORTED ? "+" : "") + " of " + runs + " runs); first: "
                    + firstDifference + "\n"
                    + String.join("\n", mismatches) + "\n--- template:\n" + excerpt);
        }
    }

    /** One line saying where two outcomes first differ. */
    static String difference(Outcome expected, Outcome actual) {
        if (!expected.result().equals(actual.result())) {
            return "expected " + expected.result().lines().findFirst().orElse("") + " but "
                    + actual.result().lines().findFirst().orElse("");
        }
        List<String> e = expected.log();
        List<String> a = actual.log();
        for (int i = 0; i < Math.max(e.size(), a.size()); i++) {
            String x = i < e.size() ? e.get(i) : "<end>";
            String y = i < a.size() ? a.get(i) : "<end>";
            if (!x.equals(y)) return "log entry " + i + ": expected '" + x + "' but '" + y + "'";
        }
        if (!expected.result().equals(actual.result())) return "results differ";
        return "fields: expected " + expected.fields() + " but " + actual.fields();
    }

    /** READY, PENDING(1), PENDING(3), then a failure at each source (sampled when there are many). */
    static List<SrcMode> modes(int sources) {
        List<SrcMode> modes = new ArrayList<>(List.of(SrcMode.ready(), SrcMode.pending(1), SrcMode.pending(3)));
        Set<Integer> failAt = new LinkedHashSet<>();
        if (sources <= 6) {
            for (int k = 1; k <= sources; k++) failAt.add(k);
        } else {
            for (int k : new int[] {1, 2, 3, sources / 2, sources - 1, sources}) failAt.add(k);
        }
        for (int k : failAt) {
            modes.add(SrcMode.failAt(k, k % 2)); // odd: fails after a pending poll; even: on the first poll
        }
        return modes;
    }

    /** The template called directly: every await blocks the calling (non-runtime) thread. */
    Outcome runDirect(Method method, SrcMode mode) throws Exception {
        Src.reset(mode);
        Log.reset();
        Object receiver = invocation.receiver(method);
        try {
            Object value = method.invoke(receiver, invocation.arguments());
            return Outcome.returned(value, Log.snapshot(), receiver);
        } catch (InvocationTargetException e) {
            return Outcome.threw(e.getCause(), Log.snapshot(), receiver);
        }
    }

    /** The companion's future run by {@code blockOn} on a runtime of the given flavour. */
    Outcome runAsync(Method direct, Method companion, SrcMode mode, OracleRuntime.Flavor flavor) throws Exception {
        OracleRuntime rt = pool.get(flavor);
        Src.reset(mode);
        Log.reset();
        Object receiver = invocation.receiver(direct);
        Object[] arguments = invocation.arguments();
        int loggedBefore = Log.snapshot().size();
        Future<?> future;
        try {
            future = (Future<?>) companion.invoke(null, receiver == null ? arguments : withReceiver(receiver, arguments));
        } catch (InvocationTargetException e) {
            // Futures are lazy: creating one must not run (or fail in) the body.
            return new Outcome("threw while creating the future (must be lazy): " + e.getCause(),
                    Log.snapshot(), "");
        }
        if (Log.snapshot().size() != loggedBefore || Src.created() != 0) {
            return new Outcome("creating the future ran part of the body (futures must be lazy)",
                    Log.snapshot(), "");
        }
        if (future == null) return new Outcome("companion returned a null future", Log.snapshot(), "");
        try {
            // Current-thread: blockOn polls the root future itself. Multi-thread: run it as a task,
            // so the state machine is polled on the workers and may move between them.
            Object value = flavor == OracleRuntime.Flavor.CURRENT_THREAD
                    ? rt.blockOn(future)
                    : rt.blockOn(rt.spawn(future));
            return Outcome.returned(value, logWithCancellations(), receiver);
        } catch (Throwable t) {
            return Outcome.threw(t, logWithCancellations(), receiver);
        }
    }

    /** The log, plus a marker if a source was cancelled: nothing is cancelled in a normal run. */
    private static List<String> logWithCancellations() {
        List<String> log = Log.snapshot();
        if (!Src.cancelled().isEmpty()) log.add("!cancel() called on sources " + Src.cancelled());
        return log;
    }

    private static Object[] withReceiver(Object receiver, Object[] arguments) {
        Object[] all = new Object[arguments.length + 1];
        all[0] = receiver;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return all;
    }

    static Object receiverFor(Method method) throws ReflectiveOperationException {
        if (Modifier.isStatic(method.getModifiers())) return null;
        var ctor = method.getDeclaringClass().getDeclaredConstructor();
        ctor.setAccessible(true);
        return ctor.newInstance();
    }

    private <T> T bounded(java.util.concurrent.Callable<T> work, String shape, String what) throws Exception {
        return bounded(work, shape, what, null);
    }

    private <T> T bounded(java.util.concurrent.Callable<T> work, String shape, String what,
                          OracleRuntime.Flavor flavor) throws Exception {
        try {
            return runner.call(work, RUN_LIMIT);
        } catch (TimeoutException e) {
            if (flavor != null) pool.discard(flavor);
            throw new AssertionError(shape + ": " + what + " hung ("
                    + e.getMessage() + "); log so far: " + Log.snapshot(), e);
        }
    }
}
