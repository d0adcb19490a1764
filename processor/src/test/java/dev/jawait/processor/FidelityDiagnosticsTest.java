package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.testing.Compiled;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Templates the companion cannot reproduce faithfully are positioned errors in the template's
 * own file (issue 17): never an error inside a generated file, never silently dropped semantics.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FidelityDiagnosticsTest {

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

    /** "line: message" of every error, in the order javac reported them. */
    private static List<String> errors(Compilation c) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            out.add(d.getLineNumber() + ": " + d.getMessage(null));
        }
        return out;
    }

    @Test
    void typeParameterHidingOneOfTheReceiversClassIsNamed() {
        Compilation c = bad("""
                    static class Box<T> {
                        @Async <T> T m(Future<T> f) { return await(f); }
                        class Inner<T> {
                            @Async T get(Future<T> f) { return await(f); }
                        }
                        static class Nested<T> {
                            @Async T fine(Future<T> f) { return await(f); }
                        }
                    }
                """);
        assertThat(c).hadErrorContaining("@Async method m sees two type parameters named T").inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("@Async method get sees two type parameters named T").inFile(file()).onLine(9);
        assertEquals(2, c.errors().size(), errors(c).toString());
    }
}
