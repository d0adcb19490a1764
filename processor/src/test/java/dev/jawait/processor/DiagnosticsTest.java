package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jawait.processor.testing.BadTemplate.HEADER;
import static dev.jawait.processor.testing.BadTemplate.bad;
import static dev.jawait.processor.testing.BadTemplate.file;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.testing.Compiled;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each misuse is a positioned error naming the construct; never a crash, never broken output. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DiagnosticsTest {

    @Test
    void awaitInsideLambda() {
        Compilation c = bad("""
                    @Async static void m(Future<String> f) {
                        Runnable r = () -> await(f);
                    }
                """);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("await inside a lambda").inFile(file()).onLine(7);
    }

    @Test
    void awaitInsideAnonymousClass() {
        Compilation c = bad("""
                    @Async static void m(Future<String> f) {
                        Runnable r = new Runnable() {
                            public void run() {
                                await(f);
                            }
                        };
                    }
                """);
        assertThat(c).hadErrorContaining("await inside an anonymous or local class").inFile(file()).onLine(9);
    }

    @Test
    void awaitInsideSynchronized() {
        Compilation c = bad("""
                    @Async static void m(Future<String> f, Object lock) {
                        synchronized (lock) {
                            await(f);
                        }
                    }
                """);
        assertThat(c).hadErrorContaining("await inside a synchronized block").inFile(file()).onLine(8);
    }

    @Test
    void privateAsyncMethod() {
        Compilation c = bad("""
                    @Async private static void m(Future<String> f) {
                        await(f);
                    }
                """);
        assertThat(c).hadErrorContaining("must not be private").inFile(file()).onLine(6);
    }

    @Test
    void nativeAsyncMethod() {
        Compilation c = bad("""
                    @Async static native void m(Future<String> f);
                """);
        assertThat(c).hadErrorContaining("must not be native").inFile(file()).onLine(6);
    }

    @Test
    void directCallOfAnotherTemplate() {
        Compilation c = bad("""
                    @Async static int helper() { return 1; }
                    @Async static int m() {
                        return helper() + 1;
                    }
                """);
        assertThat(c).hadErrorContaining("await(BadAsync.helper(...))").inFile(file()).onLine(8);
    }

    @Test
    void superCallOnTheEnclosingInstanceTheCompanionCannotMake() {
        Compilation c = bad("""
                    class Inner {
                        @Async String m(Future<String> f) {
                            return await(f) + Bad.super.toString();
                        }
                    }
                """);
        assertThat(c).hadErrorContaining("Bad.super.toString cannot be called from the generated companion")
                .inFile(file()).onLine(8);
    }

    @Test
    void unsupportedConstructIsNamed() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f) {
                        var counter = new Object() { int v; };
                        counter.v = await(f);
                        return counter.v;
                    }
                """);
        assertThat(c).hadErrorContaining("the variable counter has an anonymous class type").inFile(file()).onLine(7);
    }

    @Test
    void whatCannotPassTheLocalsALocalClassCapturesInAnAwaitingBlock() {
        Compilation c = bad("""
                    @Async static int m(Future<Integer> f, int base) {
                        class Local { int v = base; }
                        class Sub extends Local { }
                        java.util.function.Supplier<Local> make = Local::new;
                        Local l = new Sub();
                        l.v += await(f);
                        return l.v;
                    }
                """);
        assertThat(c).hadErrorContaining("local class Local captures local variables in a block that awaits; a local"
                + " class cannot extend it").inFile(file()).onLine(8);
        assertThat(c).hadErrorContaining("write a lambda instead of Local::new").inFile(file()).onLine(9);
    }

    @Test
    void recordWithACanonicalConstructorInAnAsyncClassIsNamedNotMisreported() {
        Compilation c = bad("""
                    record Point(int x, int y) {
                        Point {
                            if (x < 0) throw new IllegalArgumentException();
                        }
                    }
                    @Async static int m(Future<Integer> f) {
                        return await(f) + new Point(1, 2).x();
                    }
                """);
        assertThat(c).hadErrorContaining("javac cannot compile the explicit canonical constructor of record Point")
                .inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("Declare Point outside Bad");
        assertEquals(1, c.errors().size(), "only jawait's error, not javac's misleading one: " + c.errors());
    }

    @Test
    void localRecordWithAVarargsComponentInAnAsyncClassIsNamed() {
        Compilation c = bad("""
                    static int other() {
                        record Names(String... names) {}
                        return new Names("a").names().length;
                    }
                    @Async static int m(Future<Integer> f) {
                        return await(f);
                    }
                """);
        assertThat(c).hadErrorContaining("the local record Names with a varargs component").inFile(file()).onLine(7);
        assertEquals(1, c.errors().size(), c.errors().toString());
    }

    @Test
    void recordWithACanonicalConstructorInASourceSuperclassIsNamedInItsFile() {
        JavaFileObject base = JavaFileObjects.forSourceString("demo.Base", """
                package demo;
                public class Base {
                    record P(int x) { P { if (x < 0) throw new IllegalArgumentException(); } }
                }
                """);
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor()).compile(base,
                JavaFileObjects.forSourceString("demo.Sub", HEADER + """
                        public class Sub extends Base {
                            @Async static int m(Future<Integer> f) { return await(f) + new P(1).x(); }
                        }
                        """));
        assertThat(c).hadErrorContaining("canonical constructor of record P").inFile(base).onLine(3);
        assertThat(c).hadErrorContaining("Declare P outside Sub and its superclasses");
        assertEquals(1, c.errors().size(), c.errors().toString());
    }

    @Test
    void recordsJavacKeepsCompilingStayAllowed() throws Throwable {
        Compiled c = Compiled.ok("demo.Shapes", HEADER + """
                public class Shapes {
                    record Plain(int x, int y) {}
                    record Delegating(int x, int y) {
                        Delegating(int x) { this(x, 0); }
                    }
                    @Async static int m(Future<Integer> f) {
                        record Local(String name) {}
                        return await(f) + new Plain(1, 2).y() + new Delegating(3).x() + new Local("ab").name().length();
                    }
                }
                record Checked(int x) {
                    Checked { if (x < 0) throw new IllegalArgumentException(); }
                }
                """);
        assertEquals(17, (int) Compiled.<Integer>run((dev.jawait.Future<?>) c.call("demo.ShapesAsync", "m", dev.jawait.Future.ready(10))));
    }
}
