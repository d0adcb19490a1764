package dev.jawait.processor.toolchain;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.annotation.processing.Processor;
import javax.tools.JavaFileObject;

/**
 * A fixed set of the oracle's templates (loops, try/finally, inheritance and dispatch, private
 * access, switches, generics, local, inner and nested classes, super calls), compiled with javac and a
 * given processor, and the sources that processor generated.
 *
 * <pre>{@code
 * Map<String, String> plain = Templates.generatedBy(new AsyncProcessor());   // path -> source text
 * }</pre>
 */
final class Templates {
    static final List<String> NAMES = List.of("Loops", "TryFinally", "Inheritance", "PrivateAccess", "Switches",
            "Generics", "LocalClasses", "InnerClasses", "SuperCalls", "Nested");

    private Templates() {}

    static List<JavaFileObject> sources() {
        List<JavaFileObject> files = new ArrayList<>();
        for (String name : NAMES) {
            files.add(JavaFileObjects.forSourceString("oracle." + name, resource("oracle/" + name + ".java")));
        }
        return files;
    }

    static Compilation compile(Processor processor) {
        return Compiler.javac().withProcessors(processor).withOptions("-Xlint:-processing").compile(sources());
    }

    /** The generated sources (path under SOURCE_OUTPUT -> text) of a compilation that must succeed. */
    static Map<String, String> generatedBy(Processor processor) {
        Compilation c = compile(processor);
        if (c.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("compilation failed: " + c.diagnostics());
        }
        Map<String, String> out = new TreeMap<>();
        for (JavaFileObject f : c.generatedSourceFiles()) {
            try {
                String path = f.toUri().getPath();
                out.put(path.substring(path.indexOf("SOURCE_OUTPUT/") + "SOURCE_OUTPUT/".length()),
                        f.getCharContent(true).toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static String resource(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
