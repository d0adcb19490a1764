package dev.jawait.processor.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.processor.AsyncProcessor;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The processor finds javac's trees through the environments IDEs and build tools wrap around
 * javac's: IntelliJ IDEA's {@code Proxy} and Gradle's delegating environment generate exactly
 * what a plain javac run generates.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WrappedEnvironmentTest {
    private static Map<String, String> plain;

    @BeforeAll
    static void compilePlain() {
        plain = Templates.generatedBy(new AsyncProcessor());
        assertTrue(plain.keySet().stream().anyMatch(p -> p.endsWith("LoopsAsync.java")), plain.keySet().toString());
        assertTrue(plain.keySet().stream().anyMatch(p -> p.endsWith("Loops_StateMachines.java")), plain.keySet().toString());
    }

    @Test
    void intellijProxyGeneratesWhatPlainJavacDoes() {
        assertEquals(plain, Templates.generatedBy(new WrappingProcessor(new AsyncProcessor(), IntellijProxy::wrap)));
    }

    @Test
    void gradleDelegatingEnvironmentGeneratesWhatPlainJavacDoesThroughItsFiler() {
        AtomicReference<IncrementalProcessingEnvironment> gradle = new AtomicReference<>();
        Map<String, String> generated = Templates.generatedBy(new WrappingProcessor(new AsyncProcessor(), env -> {
            gradle.set(new IncrementalProcessingEnvironment(env));
            return gradle.get();
        }));
        assertEquals(plain, generated);
        // every file went through the wrapper's Filer, so Gradle's bookkeeping sees it
        assertEquals(plain.size(), gradle.get().filer.generated().size(), gradle.get().filer.generated().keySet().toString());
    }

    @Test
    void nestedWrappersAreUnwrappedToo() {
        assertEquals(plain, Templates.generatedBy(new WrappingProcessor(new AsyncProcessor(),
                env -> IntellijProxy.wrap(new IncrementalProcessingEnvironment(env)))));
    }

    @Test
    void anEnvironmentWithNoJavacUnderneathIsOneClearError() {
        var c = com.google.testing.compile.Compiler.javac()
                .withProcessors(new WrappingProcessor(new AsyncProcessor(), NoJavacEnvironment::new))
                .compile(com.google.testing.compile.JavaFileObjects.forSourceString("demo.Greeter", GREETER));
        assertEquals(com.google.testing.compile.Compilation.Status.FAILURE, c.status());
        assertEquals(1, c.errors().size(), c.errors().toString());
        String message = c.errors().get(0).getMessage(null);
        assertTrue(message.contains("needs javac") && message.contains("delegate the build to Maven or Gradle"), message);
        assertFalse(message.contains("Exception"), message);
    }

    static final String GREETER = """
            package demo;

            import static dev.jawait.Await.await;
            import dev.jawait.Async;
            import dev.jawait.Future;

            public class Greeter {
                @Async
                static String greet(Future<String> name) {
                    return "hello " + await(name);
                }
            }
            """;
}
