package dev.jawait.processor.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.AsyncProcessor;
import dev.jawait.processor.front.JawaitApi;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.annotation.processing.Processor;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The processor keeps the rules of Gradle's isolating category, which
 * {@code META-INF/gradle/incremental.annotation.processors} declares: every file it generates
 * is created through the {@code Filer} with exactly one originating element, the template class
 * the file is made from (so Gradle can regenerate exactly the files of the classes that changed);
 * it creates no other kind of file and reads no resource.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IncrementalProcessingTest {

    @Test
    void declaredIsolatingForTheProcessorTheServiceFileNames() throws IOException {
        String declared;
        try (InputStream in = AsyncProcessor.class.getClassLoader()
                .getResourceAsStream("META-INF/gradle/incremental.annotation.processors")) {
            assertTrue(in != null, "no META-INF/gradle/incremental.annotation.processors");
            declared = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        List<String> services = new ArrayList<>();
        ServiceLoader.load(Processor.class, AsyncProcessor.class.getClassLoader()).stream()
                .filter(p -> p.type().getName().startsWith("dev.jawait."))
                .forEach(p -> services.add(p.type().getName()));
        assertEquals(List.of(AsyncProcessor.class.getName()), services);
        assertEquals(AsyncProcessor.class.getName() + ",isolating", declared);
        assertFalse(new AsyncProcessor().getSupportedAnnotationTypes().contains("*"),
                "an isolating processor names its annotations");
    }

    @Test
    void everyGeneratedFileHasItsTemplateClassAsItsOnlyOriginatingElement() {
        RecordingFiler filer = compileThroughGradle(Templates.sources());
        assertTrue(filer.generated().size() >= 2 * Templates.NAMES.size(), filer.generated().keySet().toString());
        assertEachFromItsOwnTemplate(filer);
    }

    @Test
    void aTemplateClassThatCannotBeAttributedStillGetsOneOriginatingElement() {
        // the hazard path writes failed state machines: the same rule holds there
        RecordingFiler filer = compileThroughGradle(List.of(JavaFileObjects.forSourceString("demo.Bad", """
                package demo;

                import static dev.jawait.Await.await;
                import dev.jawait.Async;
                import dev.jawait.Future;

                public class Bad {
                    record Point(int x, int y) {
                        Point {
                            if (x < 0) throw new IllegalArgumentException();
                        }
                    }
                    @Async static int m(Future<Integer> f) {
                        return await(f) + new Point(1, 2).x();
                    }
                }
                """)));
        assertEquals(Set.of("demo.BadAsync", "demo.Bad_StateMachines"), filer.generated().keySet());
        assertEachFromItsOwnTemplate(filer);
    }

    private static RecordingFiler compileThroughGradle(List<JavaFileObject> sources) {
        AtomicReference<IncrementalProcessingEnvironment> gradle = new AtomicReference<>();
        Compilation c = Compiler.javac().withProcessors(new WrappingProcessor(new AsyncProcessor(), env -> {
            gradle.set(new IncrementalProcessingEnvironment(env));
            return gradle.get();
        })).withOptions("-Xlint:-processing").compile(sources);
        assertFalse(gradle.get().filer.generated().isEmpty(), c.diagnostics().toString());
        assertEquals(List.of(), gradle.get().filer.resourcesRead(), "an isolating processor reads no resource");
        return gradle.get().filer;
    }

    /** Each file: one originating element, a type, whose companion or state-machine holder the file is. */
    private static void assertEachFromItsOwnTemplate(RecordingFiler filer) {
        Set<String> wrong = new TreeSet<>();
        for (Map.Entry<String, List<Element>> file : filer.generated().entrySet()) {
            List<Element> origins = file.getValue();
            if (origins.size() != 1 || !(origins.get(0) instanceof TypeElement)) {
                wrong.add(file.getKey() + " from " + origins);
                continue;
            }
            TypeElement owner = (TypeElement) origins.get(0);
            String companion = JawaitApi.companionSimpleName(owner);
            String flat = companion.substring(0, companion.length() - "Async".length());
            String pkg = packageOf(owner);
            if (!file.getKey().equals(pkg + companion) && !file.getKey().equals(pkg + flat + "_StateMachines")) {
                wrong.add(file.getKey() + " from " + owner.getQualifiedName());
            }
        }
        assertEquals(Set.of(), wrong, "files without exactly their template class as originating element");
    }

    private static String packageOf(TypeElement type) {
        Element e = type;
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        PackageElement p = (PackageElement) e;
        return p.isUnnamed() ? "" : p.getQualifiedName() + ".";
    }
}
