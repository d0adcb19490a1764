package dev.jawait.processor.front;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.Element;
import javax.lang.model.element.ModuleElement;

/**
 * Whether generated code may carry {@code @javax.annotation.processing.Generated}: that
 * annotation lives in module {@code java.compiler}, which a class-path build always sees but an
 * application module reads only if it requires it. Generated files in a module that does not
 * go without it, as Dagger's and AutoValue's do, rather than fail to compile.
 *
 * <pre>{@code
 * if (GeneratedAnnotation.readableFrom(env, owner)) type.addAnnotation(GENERATED);
 * }</pre>
 */
public final class GeneratedAnnotation {
    static final String NAME = "javax.annotation.processing.Generated";
    private static final String MODULE = "java.compiler";

    private GeneratedAnnotation() {}

    /**
     * Whether code generated next to {@code owner} can name {@code @Generated}.
     *
     * @param env the processing environment
     * @param owner the template's class
     * @return {@code true} if {@code @Generated} can be used there
     */
    public static boolean readableFrom(ProcessingEnvironment env, Element owner) {
        if (env.getElementUtils().getTypeElement(NAME) == null) {
            return false;   // a modular build that did not resolve java.compiler
        }
        ModuleElement module = env.getElementUtils().getModuleOf(owner);
        return module == null || module.isUnnamed() || reads(module);
    }

    /** Whether {@code module} reads java.compiler: requires it, or requires a module that requires it transitively. */
    private static boolean reads(ModuleElement module) {
        Deque<ModuleElement> transitive = new ArrayDeque<>();
        for (ModuleElement.RequiresDirective r : requires(module)) {
            transitive.add(r.getDependency());
        }
        Set<ModuleElement> seen = new HashSet<>();
        while (!transitive.isEmpty()) {
            ModuleElement m = transitive.poll();
            if (!seen.add(m)) {
                continue;
            }
            if (m.getQualifiedName().contentEquals(MODULE)) {
                return true;
            }
            for (ModuleElement.RequiresDirective r : requires(m)) {
                if (r.isTransitive()) {
                    transitive.add(r.getDependency());
                }
            }
        }
        return false;
    }

    private static Iterable<ModuleElement.RequiresDirective> requires(ModuleElement module) {
        return javax.lang.model.util.ElementFilter.requiresIn(module.getDirectives());
    }
}
