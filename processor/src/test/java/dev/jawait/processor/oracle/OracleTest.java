package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.TestAbortedException;

/**
 * The compiler's oracle (docs/ARCHITECTURE.md, "Same meaning as the blocking method"): every template file
 * under {@code src/test/resources/oracle/} is compiled through the processor, and every shape in
 * it — an {@code @Async} method {@code shape*()} — must behave exactly like its blocking self.
 * One dynamic test per shape; shapes listed in {@code oracle/PENDING.txt} are reported as
 * skipped with their reason. Set {@code -Djawait.oracle.strictPending=true} to make a pending
 * shape that now passes fail, as a reminder to delete its line.
 *
 * <pre>{@code
 * mvn -o -Djawait.target.suffix=-oracle -pl processor test -Dtest=OracleTest
 * }</pre>
 */
class OracleTest {
    private static final int MINIMUM_SHAPES = 150;
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(120);

    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("oracle-runner");
    private static final Map<String, CompiledTemplate> COMPILED = new ConcurrentHashMap<>();
    private static final PendingList PENDING = PendingList.load();
    private static final OracleReport REPORT = new OracleReport("oracle-report.txt");

    @AfterAll
    static void release() {
        REPORT.write();
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    @TestFactory
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // the factory only lists shapes; tests bound themselves
    Stream<DynamicNode> oracle() {
        List<TemplateSource> templates = TemplateSource.all();
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest("templates declare " + MINIMUM_SHAPES + "+ distinct shapes", () -> checkInventory(templates)));
        nodes.add(dynamicTest("PENDING.txt names only existing shapes", () -> checkPendingEntries(templates)));
        for (TemplateSource t : templates) {
            List<DynamicNode> shapes = new ArrayList<>();
            for (String shape : t.shapes()) {
                shapes.add(dynamicTest(shape, () -> checkShape(t, shape)));
            }
            nodes.add(dynamicContainer(t.name(), shapes));
        }
        return nodes.stream();
    }

    private static void checkInventory(List<TemplateSource> templates) {
        int total = 0;
        for (TemplateSource t : templates) {
            Set<String> unique = new HashSet<>(t.shapes());
            assertEquals(t.shapes().size(), unique.size(), t.name() + " declares a shape name twice: " + t.shapes());
            total += t.shapes().size();
        }
        assertTrue(total >= MINIMUM_SHAPES, "only " + total + " shapes");
    }

    private static void checkPendingEntries(List<TemplateSource> templates) {
        List<String> stale = new ArrayList<>();
        for (String key : PENDING.entries().keySet()) {
            int dot = key.indexOf('.');
            String file = dot < 0 ? key : key.substring(0, dot);
            String shape = dot < 0 ? "" : key.substring(dot + 1);
            boolean exists = templates.stream().anyMatch(t -> t.name().equals(file)
                    && (shape.equals("*") || t.shapes().contains(shape)));
            if (!exists) stale.add(key);
        }
        assertTrue(stale.isEmpty(), "PENDING.txt lists shapes that do not exist: " + stale);
    }

    private static void checkShape(TemplateSource source, String shape) throws Exception {
        String key = source.name() + "." + shape;
        try {
            runShape(source, shape);
            REPORT.record(key, "PASS");
        } catch (TestAbortedException skipped) {
            REPORT.record(key, "SKIPPED " + skipped.getMessage());
            throw skipped;
        } catch (Throwable failure) {
            REPORT.record(key, "FAIL " + OracleReport.firstLine(failure));
            throw failure;
        }
    }

    private static void runShape(TemplateSource source, String shape) throws Exception {
        Optional<String> pending = PENDING.reason(source.name(), shape);
        try {
            CompiledTemplate compiled = compiled(source);
            if (!compiled.succeeded()) {
                fail(source.name() + ".java does not compile through the processor:\n" + compiled.diagnostics());
            }
            Optional<String> isolated = compiled.isolated(shape);
            if (isolated.isPresent()) {
                fail(source.name() + "." + shape + " does not compile through the processor (cut out of "
                        + source.name() + ".java so its other shapes still run):\n" + isolated.get());
            }
            new ShapeOracle(compiled, POOL, RUNNER).check(shape);
        } catch (Throwable failure) {
            if (failure instanceof TestAbortedException) throw failure;
            if (pending.isPresent()) {
                throw new TestAbortedException("PENDING: " + pending.get() + " — currently: "
                        + OracleReport.firstLine(failure));
            }
            throw failure;
        }
        if (pending.isPresent()) {
            String message = source.name() + "." + shape + " passes now: remove it from oracle/PENDING.txt";
            if (Boolean.getBoolean("jawait.oracle.strictPending")) fail(message);
            System.err.println("[oracle] " + message);
            throw new TestAbortedException(message);
        }
    }

    private static CompiledTemplate compiled(TemplateSource source) throws Exception {
        CompiledTemplate done = COMPILED.get(source.name());
        if (done != null) return done;
        CompiledTemplate fresh = RUNNER.call(() -> CompiledTemplate.compile(source), COMPILE_LIMIT);
        COMPILED.put(source.name(), fresh);
        return fresh;
    }
}
