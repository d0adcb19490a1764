package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.testing.Compiled;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Virtual dispatch's positioned errors and warnings: what the rule cannot serve, and why. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DispatchDiagnosticsTest {

    private static final String HEADER = """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            """;

    /** Compiles {@code body} as the file demo.Bad; line 5 is its first line. */
    private static Compilation compile(String body) {
        Compiled c = Compiled.compile("demo.Bad", HEADER + body);
        assertFalse(c.diagnostics().contains("internal error"), c.diagnostics());
        assertFalse(c.diagnostics().contains("SOURCE_OUTPUT"), "diagnostics must point at the template: " + c.diagnostics());
        return c.compilation;
    }

    private static JavaFileObject file() {
        return JavaFileObjects.forSourceString("demo.Bad", "");
    }

    @Test
    void anAsyncOverrideOfAMethodNoCompanionReaches() {
        Compilation c = compile("""
                public class Bad {
                    static class Sub extends Base {
                        @Async @Override public String name(int id) {
                            return await(Future.ready("n" + id));
                        }
                    }
                    interface Named {
                        String name(int id);
                    }
                    static class Base implements Named {
                        public String name(int id) {
                            return "base";
                        }
                    }
                }
                """);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("@Async method name overrides Base.name").inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("which is not @Async: code that calls it through");
        assertThat(c).hadErrorContaining("@Async too (");
    }

    @Test
    void anAsyncOverrideOfALibraryMethodOrBelowAnAsyncOneIsFine() {
        Compilation c = compile("""
                public class Bad implements java.util.concurrent.Callable<String> {
                    @Async @Override public String call() {
                        return await(Future.ready("called"));
                    }
                    static class Top {
                        @Async String f() {
                            return "top";
                        }
                    }
                    static class Middle extends Top {
                        String f() {
                            return "plain middle";
                        }
                    }
                    static class Bottom extends Middle {
                        @Async String f() {
                            return await(Future.ready("bottom"));
                        }
                    }
                }
                """);
        assertThat(c).succeeded();
        assertFalse(c.diagnostics().toString().contains("jawait"), c.diagnostics().toString());
    }

    @Test
    void aMethodNamedLikeAnotherOnesEntry() {
        Compilation c = compile("""
                public class Bad {
                    @Async String find(int id) {
                        return "x";
                    }
                    @Async String find_super(int id) {
                        return "y";
                    }
                }
                """);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("@Async method find_super has the name of the companion's entry super of the"
                + " @Async method find").inFile(file()).onLine(9);
    }

    @Test
    void aDirectSuperCallNamesTheNonVirtualEntry() {
        Compilation c = compile("""
                public class Bad {
                    static class Sub extends Base {
                        @Async @Override String who() {
                            return "bad " + super.who();
                        }
                    }
                    static class Base {
                        @Async String who() {
                            return await(Future.ready("base"));
                        }
                    }
                }
                """);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("write await(Bad_BaseAsync.who_super(this, ...))").inFile(file()).onLine(8);
    }

    @Test
    void theBasesCompanionOnThisInsideTheOverrideWarns() {
        Compilation c = compile("""
                public class Bad {
                    static class Sub extends Base {
                        @Async @Override String who(int n) {
                            return "bad " + await(Bad_BaseAsync.who(this, n));
                        }
                    }
                    static class Base {
                        @Async String who(int n) {
                            return await(Future.ready("base"));
                        }
                    }
                }
                """);
        assertThat(c).succeeded();
        assertThat(c).hadWarningContaining("Bad_BaseAsync.who(this, ...) dispatches like this.who(...) and runs this"
                + " override again; for the overridden method (super.who(...)) call Bad_BaseAsync.who_super(this, ...)")
                .inFile(file()).onLine(8);
    }

    @Test
    void recursionThroughTheOwnCompanionOrOnAnotherReceiverDoesNotWarn() {
        Compilation c = compile("""
                public class Bad {
                    static class Sub extends Base {
                        Base next;
                        @Async @Override String who(int n) {
                            return n == 0 ? "end" : await(Bad_SubAsync.who(this, n - 1)) + await(Bad_BaseAsync.who(next, n));
                        }
                    }
                    static class Base {
                        @Async String who(int n) {
                            return await(Future.ready("base"));
                        }
                    }
                }
                """);
        assertThat(c).succeeded();
        assertFalse(c.diagnostics().toString().contains("jawait"), c.diagnostics().toString());
    }

    @Test
    void abstractAndInterfaceMethodsCompileToDispatchingCompanionsWithoutMachines() {
        Compiled c = Compiled.ok("demo.Repo", HEADER + """
                public interface Repo {
                    @Async String find(int id);
                }
                """, "demo.Job", HEADER + """
                public abstract class Job {
                    @Async protected abstract int step(int input);
                }
                """);
        assertEquals(List.of(), c.generatedWarnings());
        assertFalse(c.allGenerated().contains("Repo_StateMachines") || c.allGenerated().contains("Job_StateMachines"),
                c.allGenerated());
    }

    @Test
    void anAbstractMethodInAPrivateNestedInterfaceIsStillRejected() {
        Compilation c = compile("""
                public class Bad {
                    private interface Hidden {
                        @Async String find(int id);
                    }
                }
                """);
        assertThat(c).failed();
        assertThat(c).hadErrorContaining("which its companion cannot name").inFile(file()).onLine(7);
    }
}
