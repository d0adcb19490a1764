package dev.jawait.processor.oracle;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * The oracle for JDK 21+ pattern matching (pattern {@code switch}, guards, {@code case null},
 * record patterns in {@code switch} and {@code instanceof}; {@code _} on JDK 22+): every shape of
 * {@code src/test/resources/oracle21/} must behave like its blocking self, as in
 * {@link OracleTest}. Those templates do not parse before Java 21, so they live apart from
 * {@code oracle/} and run only on a JDK 21+ (the javac compiling them is the running JDK's).
 *
 * <pre>{@code
 * JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64 mvn -o -pl processor test -Dtest=PatternOracleTest
 * }</pre>
 */
@EnabledForJreRange(min = JRE.JAVA_21)
class PatternOracleTest {
    private static final int MINIMUM_SHAPES = 15;
    private static final Duration COMPILE_LIMIT = Duration.ofSeconds(120);

    private static final RuntimePool POOL = new RuntimePool();
    private static final BoundedRunner RUNNER = new BoundedRunner("pattern-oracle");
    private static final Map<String, CompiledTemplate> COMPILED = new ConcurrentHashMap<>();

    @AfterAll
    static void release() {
        POOL.close();
        RUNNER.close();
        Src.shutdown();
    }

    @TestFactory
    @Timeout(value = 1, unit = TimeUnit.MINUTES) // the factories only list shapes; tests bound themselves
    Stream<DynamicNode> patterns() {
        return shapes("Patterns", 15);
    }

    /** Unnamed patterns and variables ({@code _}) are final in Java 22. */
    @TestFactory
    @EnabledForJreRange(min = JRE.JAVA_22)
    @Timeout(value = 1, unit = TimeUnit.MINUTES)
    Stream<DynamicNode> unnamed() {
        return shapes("Unnamed", 2);
    }

    private static Stream<DynamicNode> shapes(String file, int minimum) {
        TemplateSource source = TemplateSource.read(resource("oracle21/" + file + ".java"));
        List<DynamicNode> nodes = new ArrayList<>();
        nodes.add(dynamicTest(file + " declares " + minimum + "+ shapes",
                () -> assertTrue(source.shapes().size() >= minimum, "only " + source.shapes())));
        for (String shape : source.shapes()) {
            nodes.add(dynamicTest(shape, () -> check(source, shape)));
        }
        return nodes.stream();
    }

    private static void check(TemplateSource source, String shape) throws Exception {
        CompiledTemplate compiled = COMPILED.get(source.name());
        if (compiled == null) {
            compiled = RUNNER.call(() -> CompiledTemplate.compile(source), COMPILE_LIMIT);
            COMPILED.put(source.name(), compiled);
        }
        if (!compiled.succeeded()) {
            fail(source.name() + ".java does not compile through the processor:\n" + compiled.diagnostics());
        }
        if (compiled.isolated(shape).isPresent()) {
            fail(shape + " does not compile through the processor:\n" + compiled.isolated(shape).get());
        }
        new ShapeOracle(compiled, POOL, RUNNER).check(shape);
    }

    private static Path resource(String name) {
        URL url = PatternOracleTest.class.getClassLoader().getResource(name);
        if (url == null) {
            throw new IllegalStateException(name + " not on the test classpath");
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
