package dev.jawait.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Machines are written in round 1 with the companions when the file names no companion (one javac
 * round fewer, which matters for compile time), and one round later when it does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RoundsTest {

    /** Records, per round, the types javac sees as newly generated root elements. */
    static final class RoundRecorder extends AbstractProcessor {
        final List<List<String>> rounds = new ArrayList<>();

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
            List<String> names = new ArrayList<>();
            round.getRootElements().forEach(e -> names.add(e.getSimpleName().toString()));
            names.sort(null);
            rounds.add(names);
            return false;
        }
    }

    private static List<List<String>> rounds(String source) {
        RoundRecorder recorder = new RoundRecorder();
        Compilation compilation = Compiler.javac().withProcessors(recorder, new AsyncProcessor())   // before jawait, which claims @Async
                .compile(JavaFileObjects.forSourceString("demo.User", source));
        assertEquals(Compilation.Status.SUCCESS, compilation.status(), compilation.diagnostics().toString());
        return recorder.rounds;
    }

    @Test
    void machinesOfAFileNamingNoCompanionComeWithTheCompanion() {
        List<List<String>> rounds = rounds("""
                package demo;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;
                public class User {
                    @Async
                    static int twice(Future<Integer> one) {
                        return 2 * await(one);
                    }
                }
                """);
        assertEquals(List.of(List.of("User"), List.of("UserAsync", "User_StateMachines"), List.of()), rounds);
    }

    @Test
    void machinesOfAFileCallingItsCompanionWaitForTheNextRound() {
        List<List<String>> rounds = rounds("""
                package demo;
                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;
                public class User {
                    @Async
                    static int countdown(int n) {
                        return n == 0 ? 0 : 1 + await(UserAsync.countdown(n - 1));
                    }
                }
                """);
        assertEquals(List.of(List.of("User"), List.of("UserAsync"), List.of("User_StateMachines"), List.of()), rounds);
    }
}
