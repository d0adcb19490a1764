package dev.jawait.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A build with every lint on and warnings fatal ({@code -Xlint:all -Werror}) compiles templates:
 * the processor claims {@code @Async} (javac's {@code processing} lint warns about unclaimed
 * annotations), and processors that run after it in the same build still see every class.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BuildHygieneTest {

    private static final JavaFileObject TEMPLATE = JavaFileObjects.forSourceString("demo.Greeter", """
            package demo;
            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;
            import java.util.List;
            public class Greeter {
                @Async
                static String greet(Future<String> name, List<String> log) {
                    String n = await(name);
                    log.add(n);
                    return "hello " + n;
                }
            }
            """);

    /** Records the root classes of each round and the elements of the annotations it is given. */
    static final class Recorder extends AbstractProcessor {
        final String supported;
        final List<String> roots = new ArrayList<>();
        final List<String> annotated = new ArrayList<>();

        Recorder(String supported) {
            this.supported = supported;
        }

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of(supported);
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> set, RoundEnvironment round) {
            round.getRootElements().forEach(e -> roots.add(e.getSimpleName().toString()));
            for (TypeElement a : set) {
                round.getElementsAnnotatedWith(a).forEach(e -> annotated.add(a.getSimpleName() + " " + e.getSimpleName()));
            }
            return false;
        }
    }

    /** Another code generator: writes {@code demo.Other}, marked {@code @Generated}, in the first round. */
    static final class OtherGenerator extends AbstractProcessor {
        private boolean done;

        @Override
        public Set<String> getSupportedAnnotationTypes() {
            return Set.of("*");
        }

        @Override
        public SourceVersion getSupportedSourceVersion() {
            return SourceVersion.latestSupported();
        }

        @Override
        public boolean process(Set<? extends TypeElement> set, RoundEnvironment round) {
            if (!done) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("demo.Other").openWriter()) {
                    w.write("package demo; @javax.annotation.processing.Generated(\"other\") public class Other {}");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void templatesCompileWithEveryLintOnAndWarningsAsErrors() {
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor()).withOptions("-Xlint:all", "-Werror")
                .compile(TEMPLATE);
        assertThat(c).succeededWithoutWarnings();
    }

    @Test
    void aUniversalProcessorBeforeJawaitSeesEveryClassAndAnotherGeneratorsGeneratedIsLeftUnclaimed() {
        Recorder everything = new Recorder("*");
        Recorder generated = new Recorder("javax.annotation.processing.Generated");
        Compilation c = Compiler.javac()
                .withProcessors(new OtherGenerator(), everything, new AsyncProcessor(), generated)
                .compile(TEMPLATE);
        assertThat(c).succeeded();
        assertTrue(everything.roots.containsAll(List.of("Greeter", "GreeterAsync", "Greeter_StateMachines", "Other")),
                everything.roots.toString());
        assertTrue(everything.annotated.contains("Async greet"), everything.annotated.toString());
        assertTrue(generated.annotated.contains("Generated Other"), "another generator's @Generated is not claimed: "
                + generated.annotated);
    }

    /** What README.md says about processor order: JSR 269 passes claimed annotations to no later processor. */
    @Test
    void aUniversalProcessorAfterJawaitMissesARoundWhoseOnlyAnnotationsJawaitClaimed() {
        Recorder everything = new Recorder("*");
        Compilation c = Compiler.javac().withProcessors(new AsyncProcessor(), everything).compile(TEMPLATE);
        assertThat(c).succeeded();
        assertFalse(everything.roots.contains("Greeter"), everything.roots.toString());
    }
}
