package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jawait.processor.testing.BadTemplate.bad;
import static dev.jawait.processor.testing.BadTemplate.errors;
import static dev.jawait.processor.testing.BadTemplate.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A template with errors of its own (javac's) gets javac's errors at the template and nothing
 * else: no processor error, no error inside a generated file (BadTemplate checks both), no
 * jawait message (issue 17; found by ProcessorMutationTest).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InvalidTemplateDiagnosticsTest {

    private static void onlyJavacs(Compilation c, int count) {
        assertEquals(count, c.errors().size(), errors(c).toString());
        assertFalse(errors(c).toString().contains("jawait"), errors(c).toString());
    }

    @Test
    void jumpsWithoutTarget() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f) {
                        int v = await(f);
                        if (v > 0) break;
                        Runnable r = () -> { for (;;) { continue; } };
                        switch (v) { case 1: continue; default: }
                        return v;
                    }
                """);
        assertThat(c).hadErrorContaining("break outside switch or loop").inFile(file()).onLine(8);
        assertThat(c).hadErrorContaining("continue outside of loop").inFile(file()).onLine(10);
        onlyJavacs(c, 2);
    }

    @Test
    void statementAfterAJump() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f) {
                        while (true) {
                            int v = await(f);
                            continue;
                            String s = "x" + v;
                        }
                    }
                """);
        assertThat(c).hadErrorContaining("unreachable statement").inFile(file()).onLine(10);
        onlyJavacs(c, 1);
    }

    @Test
    void instanceMembersInAStaticTemplate() {
        Compilation c = bad("""
                    int total;
                    int next() { return total++; }
                    @Async static int m(Future<Integer> f) {
                        int v = await(f);
                        @SuppressWarnings(value = "unused") Object inherits = new Bad() { int g() { return total + next(); } };
                        return v + total + this.next();
                    }
                """);
        assertThat(c).hadErrorContaining("non-static variable total cannot be referenced from a static context")
                .inFile(file()).onLine(11);
        assertThat(c).hadErrorContaining("non-static variable this cannot be referenced from a static context")
                .inFile(file()).onLine(11);
        onlyJavacs(c, 2);
    }
}
