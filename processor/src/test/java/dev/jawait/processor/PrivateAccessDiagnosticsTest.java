package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jawait.processor.testing.BadTemplate.HEADER;
import static dev.jawait.processor.testing.BadTemplate.bad;
import static dev.jawait.processor.testing.BadTemplate.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What private constructors the state machine still cannot reach is one positioned error at the
 * template, never an error inside generated code (the ones it can reach are in
 * {@code oracle/PrivateAccessOracleTest}).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PrivateAccessDiagnosticsTest {
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
