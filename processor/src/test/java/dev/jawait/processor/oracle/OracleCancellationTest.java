package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.jawait.Future;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

/**
 * Cancellation against its oracle (docs/ARCHITECTURE.md, "Cancellation"): for every shape of
 * {@code oracle/Cancellation.java} and every await in it, the companion runs as a task until it
 * is suspended at that await on a future that never completes, then {@code abort()} is called.
 * The task must resume there with {@code CancellationException}: the expected log is the
 * blocking template's when that same await throws {@code CancellationException}, so every
 * {@code finally} and {@code close()} must run exactly once, in Java's order; the awaited
 * future must be cancelled exactly once; awaiting the handle must throw
 * {@code CancellationException}.
 *
 * <pre>{@code
 * mvn -o -Djawait.target.suffix=-oracle -pl processor test -Dtest=OracleCancellationTest
 * }</pre>
 */
class OracleCancellationTest {
    private static final String TEMPLATE = "Cancellation";
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("oracle-cancel-runner");
    private static final PendingList PENDING = PendingList.load();
    private static CompiledTemplate compiled;

    @AfterAll
    static void release() {
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    @TestFactory
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // the factory only lists cases; each bounds itself
    Stream<DynamicTest> abortAtEachAwait() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String shape : TemplateSource.named(TEMPLATE).shapes()) {
            for (OracleRuntime.Flavor flavor : OracleRuntime.Flavor.values()) {
                tests.add(dynamicTest(shape + " on " + flavor, () -> checkShape(shape, flavor)));
            }
        }
        return tests.stream();
    }

    private static void checkShape(String shape, OracleRuntime.Flavor flavor) throws Exception {
        var pending = PENDING.reason(TEMPLATE, shape);
        try {
            check(shape, flavor);
        } catch (Throwable failure) {
            if (failure instanceof TestAbortedException) throw failure;
            if (pending.isPresent()) {
                throw new TestAbortedException("PENDING: " + pending.get() + " — currently: "
                        + String.valueOf(failure.getMessage()).lines().findFirst().orElse(""));
            }
            throw failure;
        }
        if (pending.isPresent()) {
            throw new TestAbortedException(TEMPLATE + "." + shape + " passes now: remove it from oracle/PENDING.txt");
        }
    }

    private static void check(String shape, OracleRuntime.Flavor flavor) throws Exception {
        CompiledTemplate template = compiled();
        assertTrue(template.succeeded(), TEMPLATE + ".java does not compile through the processor:\n"
                + template.diagnostics());
        Method direct = template.template(shape);
        Method companion = template.companion(shape);
        ShapeOracle oracle = new ShapeOracle(template, POOL, RUNNER);

        RUNNER.call(() -> oracle.runDirect(direct, SrcMode.ready()), LIMIT);
        int awaits = Src.created();
        assertTrue(awaits > 0, shape + " awaits nothing");

        List<String> problems = new ArrayList<>();
        for (int k = 1; k <= awaits; k++) {
            final int at = k;
            Outcome expected = RUNNER.call(() -> oracle.runDirect(direct, SrcMode.cancelAt(at)), LIMIT);
            List<String> expectedLog = new ArrayList<>(expected.log());
            expectedLog.remove("@" + at + "!");
            Outcome actual;
            List<Integer> cancelled;
            try {
                actual = RUNNER.call(() -> abortAt(direct, companion, at, flavor), LIMIT);
                cancelled = Src.cancelled();
            } catch (TimeoutException e) {
                POOL.discard(flavor);
                problems.add("abort at await #" + at + ": hung; log so far " + Log.snapshot());
                break;
            }
            String where = "abort at await #" + at + " (" + flavor + ")";
            if (!actual.result().startsWith("threw " + CancellationException.class.getName())) {
                problems.add(where + ": awaiting the handle gave '" + actual.result()
                        + "', expected CancellationException");
            }
            if (!expectedLog.equals(actual.log())) {
                problems.add(where + ": cleanup differs\n  expected " + expectedLog + "\n  actual   " + actual.log());
            }
            if (!cancelled.equals(List.of(at))) {
                problems.add(where + ": the awaited future must be cancelled exactly once; cancel() reached sources "
                        + cancelled);
            }
            Set<String> seen = new HashSet<>();
            for (String entry : actual.log()) {
                if ((entry.contains("finally") || entry.startsWith("close:")) && !seen.add(entry)) {
                    problems.add(where + ": ran twice: " + entry);
                }
            }
        }
        assertEquals(List.of(), problems, TEMPLATE + "." + shape + " on " + flavor);
    }

    /** Runs the companion as a task, aborts it at source {@code at}, returns the handle's outcome. */
    private static Outcome abortAt(Method direct, Method companion, int at, OracleRuntime.Flavor flavor)
            throws Exception {
        OracleRuntime rt = POOL.get(flavor);
        Src.reset(SrcMode.hangAt(at));
        Log.reset();
        Object receiver = ShapeOracle.receiverFor(direct);
        Future<?> future;
        try {
            future = (Future<?>) (receiver == null ? companion.invoke(null) : companion.invoke(null, receiver));
        } catch (InvocationTargetException e) {
            throw new AssertionError("creating the companion's future threw", e.getCause());
        }
        AbortWhenHanging control = new AbortWhenHanging(rt, future, receiver);
        Outcome outcome = rt.blockOn(control);
        if (!control.aborted()) {
            throw new AssertionError("the task finished without reaching await #" + at + ": " + outcome.render());
        }
        return outcome;
    }

    private static synchronized CompiledTemplate compiled() throws Exception {
        if (compiled == null) {
            compiled = RUNNER.call(() -> CompiledTemplate.compile(TemplateSource.named(TEMPLATE)), Duration.ofSeconds(120));
        }
        return compiled;
    }
}
