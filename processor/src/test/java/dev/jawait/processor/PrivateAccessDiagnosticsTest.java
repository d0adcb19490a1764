package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.testing.Compiled;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What private constructors the state machine still cannot reach is one positioned error at the
 * template, never an error inside generated code (the ones it can reach are in
 * {@code oracle/PrivateAccessOracleTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateAccessDiagnosticsTest {
    private static final String HEADER = """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            """;

    /** Compiles {@code body} inside {@code class Bad}; line 5 is the class line. */
    private static Compilation bad(String body) {
        Compiled c = Compiled.compile("demo.Bad", HEADER + "public class Bad {\n" + body + "}\n");
        assertFalse(c.diagnostics().contains("internal error"), c.diagnostics());
        assertFalse(c.diagnostics().contains("SOURCE_OUTPUT"), "errors must point at the template: " + c.diagnostics());
        return c.compilation;
    }

    private static JavaFileObject file() {
        return JavaFileObjects.forSourceString("demo.Bad", "");
    }

    @Test
    void aReferenceToThePrivateConstructorOfAnInnerClassIsAnError() {
        Compilation c = bad("""
                    class Inner { private Inner(int n) {} }
                    @Async int m(Future<Integer> f) {
                        java.util.function.IntFunction<Inner> make = Inner::new;
                        make.apply(await(f));
                        return 1;
                    }
                """);
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertThat(c).hadErrorContaining("a reference to the private constructor of Inner cannot be made")
                .inFile(file()).onLine(8);
    }

    @Test
    void thePrivateConstructorOfAPrivateClassNamesTheClass() {
        Compilation c = bad("""
                    private static final class Secret { final int v; private Secret(int v) { this.v = v; } }
                    @Async static int m(Future<Integer> f) {
                        return new Secret(await(f)).v;
                    }
                """);
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertThat(c).hadErrorContaining("the private class Secret").inFile(file()).onLine(8);
    }
}
