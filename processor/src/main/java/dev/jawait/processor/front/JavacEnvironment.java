package dev.jawait.processor.front;

import com.sun.source.util.JavacTask;
import com.sun.source.util.Trees;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.util.IdentityHashMap;
import java.util.Map;
import javax.annotation.processing.ProcessingEnvironment;

/**
 * javac's compiler API ({@link Trees}, {@link JavacTask}) behind the {@link ProcessingEnvironment}
 * a processor is given, also when a build tool wrapped it: IntelliJ IDEA's build hands processors
 * a {@link Proxy} whose handler holds javac's environment (in a captured {@code delegateTo}),
 * Gradle an {@code IncrementalProcessingEnvironment} with a {@code delegate} field. Lombok,
 * MapStruct and javalin-openapi unwrap the same way: follow fields holding another environment
 * until javac's own class is reached. Only the compiler API comes from the unwrapped environment;
 * the processor keeps using the wrapper for its {@code Filer} and {@code Messager}, so the build
 * tool still sees every generated file (Gradle's incremental bookkeeping).
 *
 * <p>Under ecj (Eclipse, the VS Code Java extension) there is no javac underneath:
 * {@link #trees()} is {@code null} and {@link #unavailableMessage()} says what to do.
 *
 * <pre>{@code
 * JavacEnvironment javac = JavacEnvironment.of(processingEnv);
 * Trees trees = javac.trees();          // null when no javac is underneath
 * if (trees == null) messager.printMessage(ERROR, javac.unavailableMessage());
 * }</pre>
 */
public final class JavacEnvironment {
    private static final String JAVAC_ENVIRONMENT = "com.sun.tools.javac.processing.JavacProcessingEnvironment";
    /** Wrappers nest (a Gradle wrapper inside an IDE proxy, say); a cycle would be a bug in one of them. */
    private static final int MAX_DEPTH = 8;

    private final ProcessingEnvironment given;
    private final ProcessingEnvironment javac;
    private final Trees trees;
    private final JavacTask task;

    private JavacEnvironment(ProcessingEnvironment given, ProcessingEnvironment javac, Trees trees, JavacTask task) {
        this.given = given;
        this.javac = javac;
        this.trees = trees;
        this.task = task;
    }

    /**
     * Finds javac's environment behind {@code env}; never throws.
     *
     * @param env the environment the processor was given
     * @return what was found, with {@link #trees()} {@code null} when javac is not there
     */
    public static JavacEnvironment of(ProcessingEnvironment env) {
        ProcessingEnvironment javac = unwrap(env);
        if (javac == null) {
            return new JavacEnvironment(env, null, null, null);
        }
        try {
            return new JavacEnvironment(env, javac, Trees.instance(javac), JavacTask.instance(javac));
        } catch (RuntimeException | LinkageError e) {
            // jdk.compiler not readable from here (a module layer without it): as good as no javac
            return new JavacEnvironment(env, null, null, null);
        }
    }

    /** javac's own environment behind {@code env} (itself when not wrapped), or {@code null}. */
    static ProcessingEnvironment unwrap(ProcessingEnvironment env) {
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        ProcessingEnvironment current = env;
        for (int depth = 0; current != null && depth < MAX_DEPTH && seen.put(current, Boolean.TRUE) == null; depth++) {
            if (current.getClass().getName().equals(JAVAC_ENVIRONMENT)) {
                return current;
            }
            Object holder = Proxy.isProxyClass(current.getClass()) ? Proxy.getInvocationHandler(current) : current;
            current = heldEnvironment(holder, current);
        }
        return null;
    }

    /**
     * The environment {@code holder} keeps in one of its instance fields (own or inherited):
     * {@code delegate} (Gradle), {@code val$delegateTo} (IntelliJ's handler), or any other name
     * a wrapper may use.
     */
    private static ProcessingEnvironment heldEnvironment(Object holder, ProcessingEnvironment wrapper) {
        for (Class<?> c = holder.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object value = read(f, holder);
                if (value instanceof ProcessingEnvironment && value != wrapper) {
                    return (ProcessingEnvironment) value;
                }
            }
        }
        return null;
    }

    private static Object read(Field f, Object holder) {
        try {
            f.setAccessible(true);
            return f.get(holder);
        } catch (RuntimeException | IllegalAccessException e) {
            return null;   // a module that does not open the wrapper's package: not ours to read
        }
    }

    /**
     * javac's trees, or {@code null} when no javac is underneath.
     *
     * @return the trees, or {@code null}
     */
    public Trees trees() {
        return trees;
    }

    /**
     * javac's task, or {@code null} when no javac is underneath.
     *
     * @return the task, or {@code null}
     */
    public JavacTask task() {
        return task;
    }

    /**
     * Whether the environment was a wrapper around javac's (an IDE's or a build tool's).
     *
     * @return {@code true} if the environment had to be unwrapped
     */
    public boolean wrapped() {
        return javac != null && javac != given;
    }

    /**
     * The one error to report when {@link #trees()} is {@code null}: what is needed and how to get it.
     *
     * @return the error message
     */
    public String unavailableMessage() {
        return "jawait: the @Async processor needs javac (it reads method bodies through javac's "
                + "com.sun.source API), and this compiler does not offer it (its processing environment is "
                + given.getClass().getName() + "). Build with javac: Maven or Gradle, or IntelliJ IDEA's build; "
                + "in Eclipse or VS Code, delegate the build to Maven or Gradle instead of the Eclipse compiler.";
    }
}
