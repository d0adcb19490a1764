package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jawait.processor.testing.BadTemplate.HEADER;
import static dev.jawait.processor.testing.BadTemplate.bad;
import static dev.jawait.processor.testing.BadTemplate.errors;
import static dev.jawait.processor.testing.BadTemplate.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The validation pass reports every misuse of every template in one compile, each at its
 * position, before anything is lowered; one mistake is one error.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ValidationTest {

    @Test
    void threeMistakesInOneMethodAndTwoInAnotherAreFiveErrorsOfOneCompile() {
        Compilation c = bad("""
                    private static class Hidden { static int v; }
                    @Async static void first(Future<String> f, Object lock) {
                        Runnable r = () -> await(f);
                        synchronized (lock) {
                            await(f);
                        }
                        int x = Hidden.v + await(f).length();
                    }
                    @Async static int helper() { return 1; }
                    @Async static int second(Future<String> f) {
                        int n = helper();
                        Object o = new Object() { int v() { return await(f).length(); } };
                        return n + await(f).length();
                    }
                """);
        assertEquals(5, c.errors().size(), errors(c).toString());
        assertThat(c).hadErrorContaining("await inside a lambda").inFile(file()).onLine(8);
        assertThat(c).hadErrorContaining("await inside a synchronized block").inFile(file()).onLine(10);
        assertThat(c).hadErrorContaining("cannot reach members of the private class Hidden").inFile(file()).onLine(12);
        assertThat(c).hadErrorContaining("await(BadAsync.helper(...))").inFile(file()).onLine(16);
        assertThat(c).hadErrorContaining("await inside an anonymous or local class").inFile(file()).onLine(17);
    }

    @Test
    void errorsAreReportedInSourceOrderWithTheirColumns() {
        Compilation c = bad("""
                    @Async static void m(Future<String> f, Object lock) {
                        synchronized (lock) { await(f); }
                        Runnable r = () -> await(f);
                    }
                """);
        List<String> errors = errors(c);
        assertEquals(2, errors.size(), errors.toString());
        assertEquals(true, errors.get(0).startsWith("7: "), errors.toString());
        assertEquals(true, errors.get(1).startsWith("8: "), errors.toString());
        String line7 = "        synchronized (lock) { await(f); }";
        long column = c.errors().get(0).getColumnNumber();
        assertEquals(true, column > line7.indexOf("await(f)") && column <= line7.indexOf("await(f)") + "await(f)".length(),
                "at the await call: column " + column);
    }

    @Test
    void aMisuseTheAnalysisFindsIsReportedWithTheFrontEndsOnes() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f) {
                        var counter = new Object() { int v; };
                        counter.v = await(f);
                        Runnable r = () -> await(f);
                        return counter.v;
                    }
                """);
        assertEquals(2, c.errors().size(), errors(c).toString());
        assertThat(c).hadErrorContaining("the variable counter has an anonymous class type").inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("await inside a lambda").inFile(file()).onLine(9);
    }

    @Test
    void aPrivateClassNamedAgainAndAgainIsOneError() {
        Compilation c = bad("""
                    private static class Secret { int value; Secret(int v) { value = v; } }
                    @Async static int m(Future<Integer> f) {
                        Secret s = new Secret(await(f));
                        s.value += await(f);
                        return s.value;
                    }
                """);
        assertEquals(1, c.errors().size(), errors(c).toString());
        assertThat(c).hadErrorContaining("cannot name the private class Secret").inFile(file()).onLine(8);
    }

    @Test
    void aLocalClassCapturingALocalIsAcceptedBesideOtherErrors() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f, int base) {
                        class Local { int v = base; int w = base + 1; }
                        Local l = new Local();
                        l.v += await(f);
                        Runnable r = () -> await(f);
                        return l.v;
                    }
                """);
        assertEquals(1, c.errors().size(), errors(c).toString());
        assertThat(c).hadErrorContaining("await inside a lambda").inFile(file()).onLine(10);
    }
}
