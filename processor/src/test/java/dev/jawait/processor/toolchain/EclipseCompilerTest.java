package dev.jawait.processor.toolchain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.palantir.javapoet.JavaFile;
import dev.jawait.Async;
import dev.jawait.processor.AsyncProcessor;
import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.jdt.internal.compiler.batch.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Eclipse's compiler (ecj, also behind VS Code's Java extension) has no {@code com.sun.source}
 * trees: compiling a template with it and the processor fails with one error saying to build
 * with javac, and no stack trace. ecj runs as its own process, as a build would run it, so the
 * exit status is the real one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EclipseCompilerTest {

    @Test
    void ecjReportsOneClearErrorAndFails(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, WrappedEnvironmentTest.GREETER);
        Path log = dir.resolve("ecj.log");
        Process ecj = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", location(Main.class),
                Main.class.getName(),
                "-17", "-proc:only", "-encoding", "UTF-8",
                // the classpath, searched for processors: ecj 3.42's batch -processorpath finds none
                "-cp", String.join(File.pathSeparator, location(Async.class), location(AsyncProcessor.class),
                        location(JavaFile.class)),
                "-s", dir.resolve("generated").toString(),
                "-d", dir.resolve("classes").toString(),
                source.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!ecj.waitFor(90, TimeUnit.SECONDS)) {
            ecj.destroyForcibly();
            throw new AssertionError("ecj did not finish in 90 s: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertNotEquals(0, ecj.exitValue(), output);
        assertEquals(1, count(output, "jawait: the @Async processor needs javac"), output);
        assertTrue(output.contains("delegate the build to Maven or Gradle"), output);
        assertEquals(1, count(output, "ERROR"), output);
        assertFalse(output.contains("Exception") || output.contains("\tat "), output);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            n++;
        }
        return n;
    }

    private static String location(Class<?> c) throws URISyntaxException, IOException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
