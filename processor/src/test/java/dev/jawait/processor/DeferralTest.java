package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A template using a type another processor generates late waits for it (round deferral). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DeferralTest {

    /** Generates demo.Late only once it sees jawait's companion, i.e. in round 2. */
    static final class LateProcessor extends AbstractProcessor {
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
        public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
            if (!done && processingEnv.getElementUtils().getTypeElement("demo.UserAsync") != null) {
                done = true;
                try (Writer w = processingEnv.getFiler().createSourceFile("demo.Late").openWriter()) {
                    w.write("package demo; public class Late { public static Late make() { return new Late(); }"
                            + " public int value() { return 41; } }");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return false;
        }
    }

    @Test
    void classWaitsForTypesGeneratedInALaterRound() throws Throwable {
        Compilation compilation = Compiler.javac().withProcessors(new LateProcessor(), new AsyncProcessor())   // universal processors go before jawait (README)
                .compile(JavaFileObjects.forSourceString("demo.User", """
                        package demo;
                        import static dev.jawait.Await.await;
                        import dev.jawait.Async;
                        import dev.jawait.Future;
                        public class User {
                            @Async
                            static int answer(Future<Integer> one) {
                                Late late = Late.make();   // a field of the machine: its type must be known
                                int x = await(one);
                                return late.value() + x;
                            }
                        }
                        """));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
        assertEquals(true, compilation.generatedSourceFile("demo.User_StateMachines").isPresent());
    }
}
