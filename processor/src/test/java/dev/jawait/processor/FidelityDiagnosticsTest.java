package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.jawait.processor.testing.BadTemplate.HEADER;
import static dev.jawait.processor.testing.BadTemplate.bad;
import static dev.jawait.processor.testing.BadTemplate.errors;
import static dev.jawait.processor.testing.BadTemplate.file;
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

/**
 * Templates the companion cannot reproduce faithfully are positioned errors in the template's
 * own file (issue 17): never an error inside a generated file, never silently dropped semantics.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FidelityDiagnosticsTest {

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

    @Test
    void synchronizedAsyncMethodIsAnErrorWithOrWithoutAwait() {
        Compilation c = bad("""
                    @Async synchronized int counted(Future<Integer> f) {
                        return await(f) + 1;
                    }
                    @Async
                    public static synchronized int noAwait() {
                        return 1;
                    }
                    @Async int fine(Future<Integer> f) {
                        synchronized (this) {
                            Thread.yield();
                        }
                        return await(f);
                    }
                """);
        assertThat(c).hadErrorContaining("@Async method counted must not be synchronized").inFile(file()).onLine(6);
        assertThat(c).hadErrorContaining("dev.jawait.sync.Mutex").inFile(file()).onLine(6);
        assertThat(c).hadErrorContaining("@Async method noAwait must not be synchronized").inFile(file()).onLine(10);
        assertEquals(2, c.errors().size(), errors(c).toString());
    }

    @Test
    void templatesWhoseCompanionMethodsClashAreAnErrorAtTheLaterTemplate() {
        Compilation c = bad("""
                    @Async static int m(Bad a, int b) { return b; }
                    @Async int m(int b) {
                        return await(Future.ready(b));
                    }
                    @Async static int n(int b) { return b; }
                    @Async int n(long b) { return 1; }
                """);
        assertThat(c).hadErrorContaining("@Async methods static m(demo.Bad,int) and m(int) would both have the companion"
                + " method BadAsync.m(demo.Bad, int)").inFile(file()).onLine(7);
        assertEquals(1, c.errors().size(), errors(c).toString());
    }

    @Test
    void privateTypeInASignatureIsAnErrorAtTheParameterOrMethod() {
        Compilation c = bad("""
                    private static class Hidden {}
                    private static class Problem extends Exception {}
                    @Async static int param(String s,
                            Hidden h) { return 1; }
                    @Async static java.util.List<Hidden> result() { return null; }
                    @Async static int thrown() throws Problem { return 1; }
                    @Async static <T extends Hidden> int bound(T t) { return 1; }
                """);
        assertThat(c).hadErrorContaining("@Async method param has the private type demo.Bad.Hidden in its parameter h,"
                + " which its companion BadAsync cannot name; make it package-private").inFile(file()).onLine(9);
        assertThat(c).hadErrorContaining("@Async method result has the private type demo.Bad.Hidden in its signature")
                .inFile(file()).onLine(10);
        assertThat(c).hadErrorContaining("@Async method thrown has the private type demo.Bad.Problem").inFile(file())
                .onLine(11);
        assertThat(c).hadErrorContaining("@Async method bound has the private type demo.Bad.Hidden").inFile(file())
                .onLine(12);
        assertEquals(4, c.errors().size(), errors(c).toString());
    }

    @Test
    void protectedTypeOfASuperclassInAnotherPackageIsAnError() {
        Compiled c = Compiled.compile("lib.Base", """
                package lib;
                public class Base {
                    protected static class Token {}
                }
                """, "demo.Bad", HEADER + """
                public class Bad extends lib.Base {
                    @Async static int m(Token t) { return 1; }
                }
                """);
        assertFalse(c.diagnostics().contains("SOURCE_OUTPUT"), c.diagnostics());
        assertThat(c.compilation).hadErrorContaining("@Async method m has the protected type lib.Base.Token in its"
                + " parameter t, which its companion BadAsync cannot name; make it public").inFile(file()).onLine(6);
        assertEquals(1, c.compilation.errors().size(), errors(c.compilation).toString());
    }

    @Test
    void unknownTypeInASignatureIsReportedOnlyAtTheTemplate() {
        Compilation c = bad("""
                    @Async static int m(Missing x) { return 1; }
                    @Async static java.util.List<Absent> n() { return null; }
                """);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(file()).onLine(6);
        assertThat(c).hadErrorContaining("cannot find symbol").inFile(file()).onLine(7);
        assertEquals(2, c.errors().size(), errors(c).toString());
    }

    /** Writes {@code demo.Late} in the first round: templates naming it wait one round. */
    static final class LateTypeWriter extends javax.annotation.processing.AbstractProcessor {
        private boolean done;

        @Override
        public java.util.Set<String> getSupportedAnnotationTypes() {
            return java.util.Set.of("*");
        }

        @Override
        public javax.lang.model.SourceVersion getSupportedSourceVersion() {
            return javax.lang.model.SourceVersion.latestSupported();
        }

        @Override
        public boolean process(java.util.Set<? extends javax.lang.model.element.TypeElement> annotations,
                javax.annotation.processing.RoundEnvironment round) {
            if (!done) {
                done = true;
                try (java.io.Writer w = processingEnv.getFiler().createSourceFile("demo.Late").openWriter()) {
                    w.write("package demo; public class Late { public int value() { return 41; } }");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void aSignatureTypeAnotherProcessorWritesLaterGetsItsCompanionThen() throws Throwable {
        Compilation compilation = com.google.testing.compile.Compiler.javac()
                .withProcessors(new LateTypeWriter(), new AsyncProcessor())
                .compile(JavaFileObjects.forSourceString("demo.User", HEADER + """
                        public class User {
                            @Async static int answer(Late late, Future<Integer> one) {
                                return late.value() + await(one);
                            }
                        }
                        """));
        assertThat(compilation).succeededWithoutWarnings();
        assertThat(compilation).generatedSourceFile("demo.UserAsync").contentsAsUtf8String()
                .contains("static Future<Integer> answer(Late late, Future<Integer> one)");
    }

    @Test
    void asyncMethodsOfLocalAndAnonymousClassesAreErrorsWhereverTheyAre() {
        Compilation c = bad("""
                    enum Kind { A { @Async int constant() { return 1; } } }
                    Object field = new Object() { @Async int anonymous() { return 1; } };
                    void plain() {
                        class Local {
                            @Async int local() { return 1; }
                            class Member { @dev.jawait.Async int member() { return 2; } }
                        }
                        Runnable r = () -> { class InLambda { @Async void inLambda() {} } };
                    }
                    @Async static int template(Future<Integer> f) {
                        Object o = new Object() { @Async int inTemplate() { return 1; } };
                        return await(f);
                    }
                """);
        assertThat(c).hadErrorContaining("@Async method constant must not be declared in a local or anonymous class")
                .inFile(file()).onLine(6);
        assertThat(c).hadErrorContaining("@Async method anonymous must not").inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("@Async method local must not").inFile(file()).onLine(10);
        assertThat(c).hadErrorContaining("@Async method member must not").inFile(file()).onLine(11);
        assertThat(c).hadErrorContaining("@Async method inLambda must not").inFile(file()).onLine(13);
        assertThat(c).hadErrorContaining("@Async method inTemplate must not").inFile(file()).onLine(16);
        assertEquals(6, c.errors().size(), errors(c).toString());
    }

    @Test
    void anAnnotationNamedAsyncFromAnotherPackageIsNotJawaits() {
        Compiled c = Compiled.compile("other.Async", """
                package other;
                public @interface Async {}
                """, "demo.Fine", """
                package demo;
                import other.Async;
                public class Fine {
                    Object o = new Object() { @Async int m() { return 1; } };
                }
                """);
        assertThat(c.compilation).succeeded();
    }

    @Test
    void awaitAsAMethodReferenceInATemplateIsAnError() {
        Compilation c = bad("""
                    @Async static int sum(java.util.List<Future<Integer>> futures) {
                        java.util.function.Function<Future<Integer>, Integer> f = dev.jawait.Await::<Integer>await;
                        Runnable r = () -> futures.forEach(dev.jawait.Await::await);
                        return futures.stream().map(dev.jawait.Await::await).mapToInt(i -> i).sum() + f.apply(null);
                    }
                    static int plain(java.util.List<Future<Integer>> futures) {
                        return futures.stream().map(dev.jawait.Await::await).mapToInt(i -> i).sum();   // blocking: fine
                    }
                """);
        assertThat(c).hadErrorContaining("Await::await as a method reference cannot suspend the @Async method")
                .inFile(file()).onLine(7);
        assertThat(c).hadErrorContaining("Await::await as a method reference").inFile(file()).onLine(8);
        assertThat(c).hadErrorContaining("Await::await as a method reference").inFile(file()).onLine(9);
        assertEquals(3, c.errors().size(), errors(c).toString());
    }
}
