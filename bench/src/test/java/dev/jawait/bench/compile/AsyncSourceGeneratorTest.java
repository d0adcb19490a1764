package dev.jawait.bench.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AsyncSourceGeneratorTest {
    @Test
    void writesTheAskedNumberOfAsyncMethodsThatCompileWithoutTheProcessor(@TempDir Path dir) throws Exception {
        List<Path> files = AsyncSourceGenerator.write(dir, 120, 50);
        assertEquals(3, files.size());
        int asyncMethods = 0;
        for (Path f : files) {
            asyncMethods += Files.readString(f).split("@Async", -1).length - 1;
        }
        assertEquals(120, asyncMethods);

        // The baseline of the compile-time comparison: plain javac, no processor, must accept them.
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", dir.resolve("out").toString(),
                "-cp", System.getProperty("java.class.path")));
        files.forEach(f -> args.add(f.toString()));
        StringWriter errors = new StringWriter();
        int exit = javac.run(null, null, new java.io.PrintStream(new java.io.OutputStream() {
            @Override
            public void write(int b) {
                errors.write(b);
            }
        }), args.toArray(String[]::new));
        assertEquals(0, exit, errors.toString());
        assertTrue(Files.exists(dir.resolve("out/gen/Service2.class")));
    }
}
