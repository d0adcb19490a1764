package dev.jawait.processor.fuzz;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.AsyncProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * One source file compiled through the jawait processor in memory, bounded in time, with its
 * outcome sorted into what the fuzz tests care about: compiled (classes loadable), javac errors
 * in the source (the processor's positioned errors included), or one of the outcomes the
 * processor must never produce — an exception or "internal error", an error located in generated
 * code, a hang.
 *
 * <pre>{@code
 * ProcessorCompile.Result r = ProcessorCompile.run("fuzz.Batch0", source, Duration.ofSeconds(60));
 * if (r.verdict() == ProcessorCompile.Verdict.COMPILED) r.loader().loadClass("fuzz.Batch0Async");
 * }</pre>
 */
final class ProcessorCompile {
    /** What became of a compilation. */
    enum Verdict {
        /** No errors: the classes are loaded. */
        COMPILED,
        /** javac or the processor reported errors in the source itself. */
        SOURCE_ERRORS,
        /** The processor threw, or reported an internal error. Never allowed. */
        PROCESSOR_CRASH,
        /** An error inside a generated file. Never allowed. */
        GENERATED_CODE_ERROR,
        /** The compilation did not finish in time. Never allowed. */
        HANG;

        /** Whether this outcome is a processor bug whatever the input. */
        boolean isProcessorBug() {
            return this == PROCESSOR_CRASH || this == GENERATED_CODE_ERROR || this == HANG;
        }
    }

    /**
     * @param verdict     the sorted outcome
     * @param errors      the error diagnostics (file:line: message), or the crash
     * @param loader      the compiled classes (COMPILED only, else null)
     * @param cpuNanos    CPU time the compiling thread used (wall time on a loaded machine says little)
     */
    record Result(Verdict verdict, List<String> errors, ClassLoader loader, long cpuNanos) {
        /** The first error line, for one-line reports. */
        String firstError() {
            return errors.isEmpty() ? "" : errors.get(0);
        }
    }

    private static final ExecutorService COMPILER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fuzz-javac");
        t.setDaemon(true); // a hung javac is abandoned, never joined
        return t;
    });

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    private ProcessorCompile() {}

    /** Compiles {@code source} (top-level class {@code qualifiedName}) with the processor. */
    static Result run(String qualifiedName, String source, Duration limit) {
        return run(Map.of(qualifiedName, source), limit);
    }

    /** Compiles several sources (qualified top-level name to text) together with the processor. */
    static Result run(Map<String, String> sources, Duration limit) {
        if (Boolean.getBoolean("jawait.fuzz.dump")) sources.forEach(ProcessorCompile::dump);
        java.util.concurrent.Future<Result> pending = COMPILER.submit(() -> compile(sources));
        try {
            return pending.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            return new Result(Verdict.HANG, List.of("did not finish within " + limit.toSeconds() + " s"), null, 0);
        } catch (ExecutionException e) {
            return crash(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while compiling " + sources.keySet(), e);
        }
    }

    private static Result compile(Map<String, String> sources) {
        long cpuStart = CPU.getCurrentThreadCpuTime();
        Result r = compileUntimed(sources);
        return new Result(r.verdict, r.errors, r.loader, CPU.getCurrentThreadCpuTime() - cpuStart);
    }

    private static Result compileUntimed(Map<String, String> sources) {
        List<JavaFileObject> files = new ArrayList<>();
        sources.forEach((name, text) -> files.add(JavaFileObjects.forSourceString(name, text)));
        Compilation compilation;
        try {
            compilation = Compiler.javac()
                    .withProcessors(new AsyncProcessor())
                    .compile(files);
        } catch (RuntimeException | Error e) {
            return crash(e); // compile-testing rethrows what a processor threw
        }
        List<String> errors = new ArrayList<>();
        Verdict verdict = Verdict.COMPILED;
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            String message = d.getMessage(Locale.ROOT);
            if (message.contains("internal error")) verdict = Verdict.PROCESSOR_CRASH;
            if (d.getKind() != Diagnostic.Kind.ERROR) continue;
            String path = d.getSource() == null ? "" : d.getSource().toUri().getPath();
            boolean generated = path.contains("/SOURCE_OUTPUT/");
            if (generated && Boolean.getBoolean("jawait.fuzz.dump")) {
                try {
                    dump("fuzz." + fileName(path).replace(".java", ""), d.getSource().getCharContent(true).toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            errors.add((generated ? "[generated] " : "") + fileName(path) + ":" + d.getLineNumber() + ": " + message);
            if (verdict == Verdict.COMPILED || verdict == Verdict.SOURCE_ERRORS) {
                verdict = generated ? Verdict.GENERATED_CODE_ERROR : Verdict.SOURCE_ERRORS;
            } else if (generated && verdict != Verdict.PROCESSOR_CRASH) {
                verdict = Verdict.GENERATED_CODE_ERROR;
            }
        }
        if (verdict != Verdict.COMPILED) return new Result(verdict, errors, null, 0);
        return new Result(verdict, errors, loader(compilation), 0);
    }

    private static Result crash(Throwable t) {
        StringBuilder text = new StringBuilder(t.toString());
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) text.append(" / caused by ").append(c);
        StackTraceElement[] stack = t.getCause() != null ? t.getCause().getStackTrace() : t.getStackTrace();
        for (int i = 0; i < Math.min(6, stack.length); i++) text.append("\n    at ").append(stack[i]);
        return new Result(Verdict.PROCESSOR_CRASH, List.of(text.toString()), null, 0);
    }

    private static ClassLoader loader(Compilation compilation) {
        Map<String, byte[]> classes = new HashMap<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() != JavaFileObject.Kind.CLASS) continue;
            String path = file.toUri().getPath();
            String name = path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(), path.length() - ".class".length());
            try (InputStream in = file.openInputStream()) {
                classes.put(name.replace('/', '.'), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ClassLoader(ProcessorCompile.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
                byte[] bytes = classes.get(name);
                if (bytes == null) throw new ClassNotFoundException(name);
                return defineClass(name, bytes, 0, bytes.length);
            }
        };
    }

    /** With {@code -Djawait.fuzz.dump=true}: the source next to the test classes, for reading. */
    private static void dump(String qualifiedName, String source) {
        try {
            java.nio.file.Path testClasses = java.nio.file.Path.of(ProcessorCompile.class.getProtectionDomain()
                    .getCodeSource().getLocation().toURI());
            java.nio.file.Path out = testClasses.resolveSibling("fuzz-generated").resolve(qualifiedName.replace('.', '/') + ".java");
            java.nio.file.Files.createDirectories(out.getParent());
            java.nio.file.Files.writeString(out, source);
        } catch (Exception e) {
            System.err.println("[fuzz] cannot dump " + qualifiedName + ": " + e);
        }
    }

    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
