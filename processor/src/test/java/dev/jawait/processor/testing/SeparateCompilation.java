package dev.jawait.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.AsyncProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A second javac run against the class files of a first one, as a separately compiled module or
 * jar would be: the first's classes are written to a directory on the second's classpath, and the
 * second's classes load from memory with the first's loader as parent.
 *
 * <pre>{@code
 * Compiled api = Compiled.ok("p.Repo", "...");
 * SeparateCompilation impl = SeparateCompilation.against(api, dir, "q.JdbcRepo", "...");
 * Object repo = impl.instance("q.JdbcRepo");
 * }</pre>
 */
public final class SeparateCompilation {
    public final Compilation compilation;
    private final ClassLoader loader;

    private SeparateCompilation(Compilation compilation, ClassLoader loader) {
        this.compilation = compilation;
        this.loader = loader;
    }

    /**
     * Compiles pairs of (qualified name, source) through the processor with {@code first}'s
     * classes (written under {@code dir}) on the classpath; fails with the diagnostics if javac does.
     * {@code anyFirstClass} names a class of {@code first}, whose loader becomes the parent.
     */
    public static SeparateCompilation against(Compiled first, String anyFirstClass, Path dir, String... namesAndSources) {
        writeClasses(first.compilation, dir);
        List<File> classpath = new ArrayList<>();
        classpath.add(dir.toFile());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classpath.add(new File(entry));
        }
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(namesAndSources[i], namesAndSources[i + 1]));
        }
        Compilation second = Compiler.javac().withProcessors(new AsyncProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing").withClasspath(classpath).compile(files);
        if (second.status() != Compilation.Status.SUCCESS) {
            StringBuilder out = new StringBuilder("second compilation failed:\n");
            for (Diagnostic<? extends JavaFileObject> d : second.diagnostics()) {
                out.append(d.getKind()).append(' ').append(d.getMessage(null)).append('\n');
            }
            throw new AssertionError(out);
        }
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject f : second.generatedFiles()) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                classes.put(binaryName(f), bytes(f));
            }
        }
        ClassLoader parent = first.load(anyFirstClass).getClassLoader();
        return new SeparateCompilation(second, new ClassLoader(parent) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] b = classes.get(name);
                if (b == null) {
                    throw new ClassNotFoundException(name);
                }
                return defineClass(name, b, 0, b.length);
            }
        });
    }

    public Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Creates an instance through the no-argument constructor. */
    public Object instance(String className) throws ReflectiveOperationException {
        var c = load(className).getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }

    private static void writeClasses(Compilation compilation, Path dir) {
        try {
            for (JavaFileObject f : compilation.generatedFiles()) {
                if (f.getKind() == JavaFileObject.Kind.CLASS) {
                    Path out = dir.resolve(binaryName(f).replace('.', '/') + ".class");
                    Files.createDirectories(out.getParent());
                    Files.write(out, bytes(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String binaryName(JavaFileObject f) {
        String path = f.toUri().getPath();
        int at = path.indexOf("CLASS_OUTPUT/");
        return path.substring(at + "CLASS_OUTPUT/".length(), path.length() - ".class".length()).replace('/', '.');
    }

    private static byte[] bytes(JavaFileObject f) {
        try (InputStream in = f.openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
