package dev.jawait.processor.front;

import com.sun.source.util.Trees;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * The signatures virtual dispatch cannot serve, reported at the method:
 * <ul>
 * <li>an {@code @Async} method that overrides methods of which none is {@code @Async}, one of them
 *     compiled from source with it: callers holding that supertype run the override as a blocking
 *     call, and no companion reaches it (marking the overridden method {@code @Async} gives the
 *     supertype a companion that dispatches here). Supertypes from a library ({@code Callable},
 *     {@code Object}) cannot be annotated, and stay allowed;
 * <li>an {@code @Async} method whose name is an entry the companion makes for another one
 *     ({@code find_super} and {@code find_plain} for an instance method {@code find}).
 * </ul>
 *
 * <pre>{@code
 * String problem = DispatchRules.problem(env, trees, element);   // null when fine
 * }</pre>
 */
public final class DispatchRules {
    private DispatchRules() {}

    /**
     * The reason {@code m} cannot be served, or {@code null}.
     *
     * @param env the processing environment
     * @param trees javac's trees
     * @param m an instance template
     * @return the reason, or {@code null} when it can be dispatched
     */
    public static String problem(ProcessingEnvironment env, Trees trees, ExecutableElement m) {
        String clash = entryClash(m);
        if (clash != null) {
            return clash;
        }
        if (m.getModifiers().contains(Modifier.STATIC) || !(m.getEnclosingElement() instanceof TypeElement)) {
            return null;
        }
        TypeElement owner = (TypeElement) m.getEnclosingElement();
        TypeElement unreached = null;
        for (TypeElement type : supertypes(owner)) {
            for (Element member : type.getEnclosedElements()) {
                if (member.getKind() != ElementKind.METHOD || !member.getSimpleName().contentEquals(m.getSimpleName())
                        || !env.getElementUtils().overrides(m, (ExecutableElement) member, owner)) {
                    continue;
                }
                if (isAsync(member)) {
                    return null;   // that supertype's companion dispatches here
                }
                if (unreached == null && trees.getTree(member) != null) {
                    unreached = type;   // the nearest: superclasses before interfaces, level by level
                }
            }
        }
        if (unreached == null) {
            return null;
        }
        String base = unreached.getSimpleName() + "." + m.getSimpleName();
        return "@Async method " + m.getSimpleName() + " overrides " + base + ", which is not @Async: code that calls it"
                + " through " + unreached.getSimpleName() + " runs this override as a blocking call, which no companion"
                + " can make asynchronous; mark " + base + " @Async too (" + JawaitApi.companionSimpleName(unreached) + "."
                + m.getSimpleName() + " then dispatches here)";
    }

    private static String entryClash(ExecutableElement m) {
        String name = m.getSimpleName().toString();
        for (String suffix : new String[] {"_super", "_plain"}) {
            if (!name.endsWith(suffix) || name.length() == suffix.length()) {
                continue;
            }
            String other = name.substring(0, name.length() - suffix.length());
            for (Element sibling : m.getEnclosingElement().getEnclosedElements()) {
                if (sibling.getKind() == ElementKind.METHOD && sibling.getSimpleName().contentEquals(other)
                        && isAsync(sibling) && !sibling.getModifiers().contains(Modifier.STATIC)) {
                    return "@Async method " + name + " has the name of the companion's entry " + suffix.substring(1)
                            + " of the @Async method " + other + " (" + other + suffix + "); rename it";
                }
            }
        }
        return null;
    }

    /** Every proper supertype of {@code owner}, breadth first, each superclass before the interfaces. */
    private static Set<TypeElement> supertypes(TypeElement owner) {
        Set<TypeElement> out = new LinkedHashSet<>();
        Deque<TypeMirror> work = new ArrayDeque<>();
        work.add(owner.getSuperclass());
        work.addAll(owner.getInterfaces());
        while (!work.isEmpty()) {
            TypeMirror t = work.poll();
            if (t.getKind() != TypeKind.DECLARED) {
                continue;
            }
            TypeElement e = (TypeElement) ((DeclaredType) t).asElement();
            if (out.add(e)) {
                work.add(e.getSuperclass());
                work.addAll(e.getInterfaces());
            }
        }
        return out;
    }

    private static boolean isAsync(Element e) {
        for (AnnotationMirror a : e.getAnnotationMirrors()) {
            Element type = a.getAnnotationType().asElement();
            if (type instanceof TypeElement && ((TypeElement) type).getQualifiedName().contentEquals(JawaitApi.ASYNC_ANNOTATION)) {
                return true;
            }
        }
        return false;
    }
}
