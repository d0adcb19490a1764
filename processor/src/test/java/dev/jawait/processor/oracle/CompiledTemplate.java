package dev.jawait.processor.oracle;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import dev.jawait.processor.AsyncProcessor;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.annotation.processing.Processor;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A template file compiled through the jawait processor and loaded in memory: for each shape,
 * the template method (run directly, blocking) and the companion method (the state machine).
 * Generated sources are also written under {@code target…/oracle-generated/} for reading.
 *
 * <pre>{@code
 * CompiledTemplate t = CompiledTemplate.compile(TemplateSource.named("Loops"));
 * Method direct = t.template("shapeWhile");
 * Method async = t.companion("shapeWhile");
 * }</pre>
 */
public final class CompiledTemplate {
    /** {@code -Djawait.oracle.processor=<class>} runs the oracle against another processor. */
    static final String PROCESSOR = System.getProperty("jawait.oracle.processor", AsyncProcessor.class.getName());

    private static final int MAX_ISOLATION_ROUNDS = 6;
    private static final Pattern TEMPLATE_LINE = Pattern.compile("(\\w+)\\.java:(\\d+)");
    private static final Pattern SHAPE_NAME = Pattern.compile("\\b(shape\\w*)\\b");

    private final TemplateSource source;
    private final Compilation compilation;
    private final ClassLoader loader;
    private final Set<String> templateClasses;
    private final Map<String, String> isolated;

    private CompiledTemplate(TemplateSource source, Compilation compilation, ClassLoader loader,
                             Set<String> templateClasses, Map<String, String> isolated) {
        this.source = source;
        this.compilation = compilation;
        this.loader = loader;
        this.templateClasses = templateClasses;
        this.isolated = isolated;
    }

    /**
     * Compiles {@code source} with the processor; check {@link #succeeded()} before use. When
     * errors can be traced to particular shapes (by position in the template, or by the
     * generated file or the template line its code came from), those shapes are cut out and the
     * rest recompiled, so one unsupported shape does not hide the file's others; the cut shapes
     * report their diagnostics through {@link #isolated(String)}.
     */
    public static CompiledTemplate compile(TemplateSource source) {
        Map<String, String> isolated = new LinkedHashMap<>();
        String text = source.text();
        for (int round = 0; ; round++) {
            Compilation compilation = Compiler.javac()
                    .withProcessors(newProcessor())
                    .compile(JavaFileObjects.forSourceString(source.qualifiedName(), text));
            if (compilation.status() == Compilation.Status.SUCCESS) {
                return loaded(source, compilation, isolated);
            }
            Map<String, String> culprits = culprits(source, text, compilation);
            culprits.keySet().removeAll(isolated.keySet());
            if (culprits.isEmpty() || round == MAX_ISOLATION_ROUNDS) {
                return new CompiledTemplate(source, compilation, null, Set.of(), isolated);
            }
            isolated.putAll(culprits);
            text = strip(text, culprits.keySet());
        }
    }

    private static CompiledTemplate loaded(TemplateSource source, Compilation compilation, Map<String, String> isolated) {
        Map<String, byte[]> classes = new HashMap<>();
        Set<String> generatedTopLevel = new HashSet<>();
        for (JavaFileObject file : compilation.generatedFiles()) {
            String path = file.toUri().getPath();
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                classes.put(binaryName(path, "CLASS_OUTPUT", ".class"), bytes(file));
            } else if (file.getKind() == JavaFileObject.Kind.SOURCE) {
                String name = binaryName(path, "SOURCE_OUTPUT", ".java");
                generatedTopLevel.add(name);
                dumpGenerated(name, content(file));
            }
        }
        Set<String> templateClasses = classes.keySet().stream()
                .filter(n -> !generatedTopLevel.contains(n.contains("$") ? n.substring(0, n.indexOf('$')) : n))
                .collect(Collectors.toSet());
        ClassLoader loader = new InMemoryClassLoader(classes, CompiledTemplate.class.getClassLoader());
        return new CompiledTemplate(source, compilation, loader, templateClasses, isolated);
    }

    /**
     * The shapes each error belongs to, with the error text; empty when any error cannot be
     * traced to a shape (then the whole file fails, which is the honest answer).
     */
    private static Map<String, String> culprits(TemplateSource source, String text, Compilation compilation) {
        Map<String, String> culprits = new LinkedHashMap<>();
        for (Diagnostic<? extends JavaFileObject> d : compilation.errors()) {
            String shape = null;
            if (d.getSource() != null) {
                String path = d.getSource().toUri().getPath();
                if (path.endsWith("/" + source.name() + ".java") && !path.contains("SOURCE_OUTPUT")) {
                    shape = shapeAtLine(source, text, (int) d.getLineNumber());
                } else if (path.contains("/SOURCE_OUTPUT/")) {
                    String generated = content(d.getSource());
                    dumpGenerated(binaryName(path, "SOURCE_OUTPUT", ".java"), generated);
                    shape = shapeOfGenerated(source, text, path, generated, (int) d.getLineNumber());
                }
            }
            if (shape == null) return Map.of();
            culprits.merge(shape, describe(d), (a, b) -> a + "\n" + b);
        }
        return culprits;
    }

    /** Generated code: a shape named in the file name, else the nearest template line or shape above. */
    private static String shapeOfGenerated(TemplateSource source, String text, String path, String generated, int line) {
        String fileName = path.substring(path.lastIndexOf('/') + 1);
        for (String token : fileName.replace(".java", "").split("[_$]")) {
            if (source.shapes().contains(token)) return token;
        }
        List<String> lines = generated.lines().toList();
        for (int i = Math.min(line, lines.size()) - 1; i >= 0; i--) {
            Matcher at = TEMPLATE_LINE.matcher(lines.get(i));
            while (at.find()) {
                if (at.group(1).equals(source.name())) {
                    String shape = shapeAtLine(source, text, Integer.parseInt(at.group(2)));
                    if (shape != null) return shape;
                }
            }
            Matcher named = SHAPE_NAME.matcher(lines.get(i));
            while (named.find()) {
                if (source.shapes().contains(named.group(1))) return named.group(1);
            }
        }
        return null;
    }

    /** The shape whose declaration spans {@code line} (1-based), if any. */
    private static String shapeAtLine(TemplateSource source, String text, int line) {
        for (String shape : source.shapes()) {
            int[] span = span(text, shape);
            if (span != null && line >= span[0] + 1 && line <= span[1] + 1) return shape;
        }
        return null;
    }

    /** 0-based first and last line of a shape: its annotations through its closing brace. */
    private static int[] span(String text, String shape) {
        List<String> lines = text.lines().toList();
        Pattern signature = Pattern.compile(".*\\b" + shape + "\\s*\\(\\s*\\).*");
        for (int i = 0; i < lines.size(); i++) {
            if (!signature.matcher(lines.get(i)).matches()) continue;
            int first = i;
            while (first > 0 && lines.get(first - 1).strip().startsWith("@")) first--;
            int depth = 0;
            boolean opened = false;
            for (int j = i; j < lines.size(); j++) {
                for (char c : lines.get(j).toCharArray()) {
                    if (c == '{') {
                        depth++;
                        opened = true;
                    } else if (c == '}') {
                        depth--;
                    }
                }
                if (opened && depth <= 0) return new int[] {first, j};
            }
            return null;
        }
        return null;
    }

    /** Blanks out the given shapes' lines (keeping line numbers, so positions stay true). */
    private static String strip(String text, Set<String> shapes) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        for (String shape : shapes) {
            int[] span = span(String.join("\n", lines), shape);
            if (span == null) continue;
            for (int i = span[0]; i <= span[1]; i++) lines.set(i, "");
        }
        return String.join("\n", lines) + "\n";
    }

    /**
     * Why {@code shape} was cut out of its file (the processor's or javac's errors for it), if
     * it was; the file's other shapes still ran.
     */
    public Optional<String> isolated(String shape) {
        return Optional.ofNullable(isolated.get(shape));
    }

    private static String describe(Diagnostic<? extends JavaFileObject> d) {
        String file = d.getSource() == null ? "" : d.getSource().getName();
        return d.getKind() + " " + file + ":" + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT);
    }

    /** Whether the file compiled (with the processor's output) without errors. */
    public boolean succeeded() {
        return loader != null;
    }

    /** Every diagnostic of the compilation, one per line with its position. */
    public String diagnostics() {
        StringBuilder out = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : compilation.diagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR || d.getKind() == Diagnostic.Kind.WARNING) {
                out.append(describe(d)).append('\n');
            }
        }
        return out.toString();
    }

    /** The template method {@code shape()} (static, or instance on a no-arg-constructible class). */
    public Method template(String shape) throws ReflectiveOperationException {
        for (String className : templateClasses) {
            Class<?> type = loader.loadClass(className);
            for (Method m : type.getDeclaredMethods()) {
                if (m.getName().equals(shape) && m.getParameterCount() == 0 && !m.isSynthetic()) {
                    m.setAccessible(true);
                    return m;
                }
            }
        }
        throw new NoSuchMethodException(source.name() + ": no template method " + shape + "()");
    }

    /** The companion method for {@code shape}: {@code XAsync.shape()} or {@code XAsync.shape(X self)}. */
    public Method companion(String shape) throws ReflectiveOperationException {
        Method template = template(shape);
        Class<?> owner = template.getDeclaringClass();
        String companionName = owner.getName().replace('$', '_') + "Async";
        Class<?> companion = loader.loadClass(companionName);
        Method m = Modifier.isStatic(template.getModifiers())
                ? companion.getDeclaredMethod(shape)
                : companion.getDeclaredMethod(shape, owner);
        if (!Modifier.isStatic(m.getModifiers())) {
            throw new AssertionError(companionName + "." + shape + " must be static");
        }
        m.setAccessible(true);
        return m;
    }

    /** The template this was compiled from. */
    public TemplateSource source() {
        return source;
    }

    private static Processor newProcessor() {
        if (PROCESSOR.equals(AsyncProcessor.class.getName())) return new AsyncProcessor();
        try {
            return (Processor) Class.forName(PROCESSOR).getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate " + PROCESSOR, e);
        }
    }

    /** {@code /CLASS_OUTPUT/oracle/Loops$1.class} → {@code oracle.Loops$1}. */
    private static String binaryName(String path, String root, String suffix) {
        String p = path;
        int at = p.indexOf("/" + root + "/");
        if (at >= 0) p = p.substring(at + root.length() + 2);
        if (p.startsWith("/")) p = p.substring(1);
        return p.substring(0, p.length() - suffix.length()).replace('/', '.');
    }

    private static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JavaFileObject file) {
        try (InputStream in = file.openInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a generated source next to the test classes, so failures can be read. */
    private static void dumpGenerated(String name, String content) {
        try {
            Path testClasses = Path.of(CompiledTemplate.class.getProtectionDomain().getCodeSource()
                    .getLocation().toURI());
            Path out = testClasses.resolveSibling("oracle-generated").resolve(name.replace('.', '/') + ".java");
            Files.createDirectories(out.getParent());
            Files.writeString(out, content, StandardCharsets.UTF_8);
        } catch (Exception e) {
            // Only a convenience for humans; never fails a test.
        }
    }

    /** The shape's declaration, from its line to the matching closing brace, for failure messages. */
    static String excerpt(String text, String shape) {
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).matches(".*\\b" + shape + "\\s*\\(\\s*\\).*")) continue;
            StringBuilder out = new StringBuilder();
            int depth = 0;
            boolean opened = false;
            for (int j = i; j < lines.size(); j++) {
                String line = lines.get(j);
                out.append(String.format("%4d  %s%n", j + 1, line));
                for (char c : line.toCharArray()) {
                    if (c == '{') { depth++; opened = true; }
                    if (c == '}') depth--;
                }
                if (opened && depth <= 0) break;
            }
            return out.toString();
        }
        return "";
    }
}
