package dev.jawait.processor.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A misused template in {@code demo.Bad}, compiled through the processor, for the diagnostics
 * tests: whatever the errors say, none may be an internal error and none may point into a
 * generated file.
 *
 * <pre>{@code
 * Compilation c = BadTemplate.bad("@Async static int m() { return 1; }");
 * assertThat(c).hadErrorContaining("...").inFile(BadTemplate.file()).onLine(6);
 * }</pre>
 */
public final class BadTemplate {
    /** Four lines: package and the imports a template needs; {@link #bad}'s class starts on line 5. */
    public static final String HEADER = """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            """;

    private BadTemplate() {}

    /** Compiles {@code body} inside {@code class Bad}; line 5 is the class line. */
    public static Compilation bad(String body) {
        Compiled c = Compiled.compile("demo.Bad", HEADER + "public class Bad {\n" + body + "}\n");
        assertFalse(c.diagnostics().contains("internal error"), c.diagnostics());
        assertFalse(c.diagnostics().contains("SOURCE_OUTPUT"), "errors must point at the template: " + c.diagnostics());
        return c.compilation;
    }

    /** The file {@link #bad} compiles, for {@code inFile(...)}. */
    public static JavaFileObject file() {
        return JavaFileObjects.forSourceString("demo.Bad", "");
    }

    /** "line: message" of every error, in the order javac reported them. */
    public static List<String> errors(Compilation c) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.errors()) {
            out.add(d.getLineNumber() + ": " + d.getMessage(null));
        }
        return out;
    }
}
