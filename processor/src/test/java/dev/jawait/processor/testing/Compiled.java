// D2 (oracle): this helper is reusable — Compiled.compile(sources...) runs javac with the
// AsyncProcessor, Compiled.loader() loads the in-memory class files, Compiled.run(...) drives a
// future by hand (no runtime needed) and Compiled.source("p.XAsync") shows generated code.
package dev.jawait.processor.testing;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.processor.AsyncProcessor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A compilation through the jawait processor, with its classes loadable from memory.
 *
 * <pre>{@code
 * Compiled c = Compiled.compile("demo.Greeter", "package demo; ... @Async static String greet() ...");
 * Object future = c.call("demo.GreeterAsync", "greet");
 * assertEquals("hi", Compiled.run((Future<?>) future));
 * }</pre>
 */
public final class Compiled {
    public final Compilation compilation;
    private final ClassLoader loader;

    private Compiled(Compilation compilation) {
        this.compilation = compilation;
        Map<String, byte[]> classes = new HashMap<>();
        List<JavaFileObject> generated = compilation.status() == Compilation.Status.SUCCESS
                ? compilation.generatedFiles() : List.of();
        for (JavaFileObject f : generated) {
            if (f.getKind() == JavaFileObject.Kind.CLASS) {
                String path = f.toUri().getPath();
                int at = path.indexOf("CLASS_OUTPUT/");
                String name = path.substring(at + "CLASS_OUTPUT/".length(), path.length() - ".class".length())
                        .replace('/', '.');
                classes.put(name, bytes(f));
            }
        }
        this.loader = new MemoryLoader(classes, Compiled.class.getClassLoader());
    }

    /** Compiles pairs of (qualified name, source text). */
    public static Compiled compile(String... namesAndSources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(namesAndSources[i], namesAndSources[i + 1]));
        }
        return new Compiled(Compiler.javac().withProcessors(new AsyncProcessor())
                .withOptions("-Xlint:all", "-Xlint:-processing").compile(files));
    }

    /** Compiles and fails with every diagnostic and the generated sources when javac failed. */
    public static Compiled ok(String... namesAndSources) {
        Compiled c = compile(namesAndSources);
        if (c.compilation.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("compilation failed:\n" + c.diagnostics() + "\n" + c.allGenerated());
        }
        return c;
    }

    public String diagnostics() {
        StringBuilder sb = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            sb.append(d.getKind()).append(' ')
                    .append(d.getSource() == null ? "" : d.getSource().getName() + ":" + d.getLineNumber() + ": ")
                    .append(d.getMessage(null)).append('\n');
        }
        return sb.toString();
    }

    /** Warnings javac reported in generated files. */
    public List<String> generatedWarnings() {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (d.getKind() != Diagnostic.Kind.NOTE && d.getSource() != null
                    && d.getSource().toUri().getPath().contains("SOURCE_OUTPUT")) {
                out.add(d.getSource().getName() + ":" + d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return out;
    }

    public String source(String qualifiedName) {
        if (compilation.status() != Compilation.Status.SUCCESS) {
            throw new AssertionError("compilation failed:\n" + diagnostics());
        }
        try {
            return compilation.generatedSourceFile(qualifiedName)
                    .orElseThrow(() -> new AssertionError("no generated " + qualifiedName))
                    .getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source of the state machine of {@code owner.method} (the first overload): its nested
     * class in the generated {@code Owner_StateMachines} file, up to the next machine.
     */
    public String machineSource(String owner, String method) {
        String file = source(owner + "_StateMachines");
        int start = file.indexOf("    static final class " + method + "_StateMachine");
        if (start < 0) {
            throw new AssertionError("no state machine of " + method + " in\n" + file);
        }
        int end = file.indexOf("\n    static final class ", start + 1);
        return file.substring(start, end < 0 ? file.length() : end);
    }

    public String allGenerated() {
        StringBuilder sb = new StringBuilder();
        if (compilation.status() != Compilation.Status.SUCCESS) {
            return "";
        }
        for (JavaFileObject f : compilation.generatedSourceFiles()) {
            try {
                sb.append("// ---- ").append(f.getName()).append('\n').append(f.getCharContent(true));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }

    public Class<?> load(String name) {
        try {
            return Class.forName(name, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }

    /** Calls the only static method named {@code method} of {@code className}. */
    public Object call(String className, String method, Object... args) throws Throwable {
        for (Method m : load(className).getDeclaredMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true);
                try {
                    return m.invoke(null, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        }
        throw new AssertionError("no method " + className + "." + method + "/" + args.length);
    }

    /** Creates an instance through the no-argument constructor. */
    public Object instance(String className) throws Exception {
        var c = load(className).getDeclaredConstructor();
        c.setAccessible(true);
        return c.newInstance();
    }

    /**
     * Drives {@code future} on this thread: polls, and when pending waits until woken (wakes from
     * other threads are honoured). Fails after {@code maxPolls} polls.
     */
    @SuppressWarnings("unchecked")
    public static <T> T run(Future<?> future) {
        Object lock = new Object();
        AtomicInteger wakes = new AtomicInteger();
        Context cx = Context.of(() -> {
            synchronized (lock) {
                wakes.incrementAndGet();
                lock.notifyAll();
            }
        });
        for (int polls = 0; polls < 100_000; polls++) {
            int before = wakes.get();
            Poll<?> p = future.poll(cx);
            if (p.isReady()) {
                return (T) p.value();
            }
            synchronized (lock) {
                long deadline = System.nanoTime() + 5_000_000_000L;
                while (wakes.get() == before) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new AssertionError("future pending and never woken: " + future);
                    }
                    try {
                        lock.wait(left / 1_000_000 + 1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new AssertionError(e);
                    }
                }
            }
        }
        throw new AssertionError("too many polls: " + future);
    }

    private static byte[] bytes(JavaFileObject f) {
        try (InputStream in = f.openInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class MemoryLoader extends ClassLoader {
        private final Map<String, byte[]> classes;

        MemoryLoader(Map<String, byte[]> classes, ClassLoader parent) {
            super(parent);
            this.classes = classes;
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] b = classes.get(name);
            if (b == null) {
                throw new ClassNotFoundException(name);
            }
            return defineClass(name, b, 0, b.length);
        }
    }
}
