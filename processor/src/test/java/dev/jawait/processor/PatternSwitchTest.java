package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.testing.Compiled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * Which lowering a switch gets, per JDK: before 21 nothing changes (pattern labels do not even
 * parse: javac's error, not the processor's); on 21+ a pattern switch that awaits is a chain of
 * tests, a plain switch on constants keeps its {@code switch} dispatch, and a pattern switch
 * without an await is printed as written. What the code computes is {@code PatternOracleTest}'s.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PatternSwitchTest {
    private static final String HEADER = """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            public class P {
                enum Color { RED, GREEN }
            """;

    @Test
    @EnabledForJreRange(max = JRE.JAVA_20)
    void patternLabelsAreJavacsErrorBeforeJava21() {
        Compiled c = Compiled.compile("demo.P", HEADER + """
                    @Async static String m(Future<Object> f) {
                        return switch (await(f)) {
                            case String s -> s;
                            default -> "other";
                        };
                    }
                }
                """);
        assertEquals(Compilation.Status.FAILURE, c.compilation.status());
        assertFalse(c.diagnostics().contains("jawait"), "only javac reports: " + c.diagnostics());
        assertFalse(c.diagnostics().contains("internal error"), c.diagnostics());
    }

    @Test
    void constantSwitchKeepsItsSwitchDispatch() {
        Compiled c = Compiled.ok("demo.P", HEADER + """
                    @Async static int m(Future<Integer> f, Color color) {
                        switch (color) {
                            case RED: return await(f);
                            default: return 0;
                        }
                    }
                }
                """);
        String machine = c.machineSource("demo.P", "m");
        assertTrue(machine.contains("case RED:"), machine);
        assertFalse(machine.contains("_selector"), machine);
        assertEquals(List.of(), c.generatedWarnings());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void awaitingPatternSwitchIsAChainOfTests() {
        Compiled c = Compiled.ok("demo.P", HEADER + """
                    @Async static String m(Future<String> f, Object o) {
                        switch (o) {
                            case String s when s.length() > await(f).length() -> { return s; }
                            case Integer i -> { return "int " + i; }
                            default -> { return "other"; }
                        }
                    }
                }
                """);
        String machine = c.machineSource("demo.P", "m");
        assertTrue(machine.contains("throw new NullPointerException();"), machine);
        assertTrue(machine.contains("instanceof String s_matched && ((s = s_matched) == s_matched || true)"), machine);
        assertFalse(machine.contains("switch (o)"), machine);
        assertEquals(List.of(), c.generatedWarnings());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void patternSwitchWithoutAwaitIsPrintedAsWritten() {
        Compiled c = Compiled.ok("demo.P", HEADER + """
                    @Async static String m(Future<Object> f) {
                        return switch (await(f)) {
                            case null, default -> "none";
                        } + switch (await(f)) {
                            case String s when s.isEmpty() -> "empty";
                            case Color c when c == Color.RED -> "red";
                            case Color c -> "color";
                            default -> "other";
                        };
                    }
                    @Async static String n(Future<Object> f) {
                        Object o = await(f);
                        switch (o) {
                            case String s when s.isEmpty() -> { return "empty"; }
                            case null, default -> { return "other"; }
                        }
                    }
                }
                """);
        String machine = c.machineSource("demo.P", "n");
        assertTrue(machine.contains("case String s when s.isEmpty() -> {"), machine);
        assertTrue(machine.contains("case null, default -> {"), machine);
        assertEquals(List.of(), c.generatedWarnings());
    }

    @Test
    @EnabledForJreRange(min = JRE.JAVA_21)
    void awaitInALambdaOfAGuardIsAPositionedError() {
        Compiled c = Compiled.compile("demo.P", HEADER + """
                    @Async static String m(Future<Boolean> f, Object o) {
                        return switch (o) {
                            case String s when java.util.Optional.of(s).map(x -> await(f)).isPresent() -> s;
                            default -> "other";
                        };
                    }
                }
                """);
        assertThat(c.compilation).hadErrorContaining("await inside a lambda")
                .inFile(JavaFileObjects.forSourceString("demo.P", "")).onLine(9);
        assertFalse(c.diagnostics().contains("SOURCE_OUTPUT"), c.diagnostics());
    }
}
