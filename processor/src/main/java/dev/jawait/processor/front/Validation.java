package dev.jawait.processor.front;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;

/**
 * Checks that an {@code @Async} element can have a companion: a non-private, non-synchronized
 * method (abstract ones included: their companion only dispatches) of a class or interface the
 * companion can name.
 *
 * <pre>{@code
 * String problem = Validation.problem(element);   // null when fine
 * }</pre>
 */
public final class Validation {
    private Validation() {}

    /**
     * The reason {@code e} cannot be compiled, or {@code null}.
     *
     * @param e an {@code @Async} method
     * @return the reason, or {@code null}
     */
    public static String problem(Element e) {
        if (e.getKind() != ElementKind.METHOD) {
            return "@Async applies to methods only";
        }
        ExecutableElement m = (ExecutableElement) e;
        String name = m.getSimpleName().toString();
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            return "@Async method " + name + " must not be private: its companion calls into this class;"
                    + " make it package-private";
        }
        if (m.getModifiers().contains(Modifier.NATIVE)) {
            return "@Async method " + name + " must not be native";
        }
        if (m.getModifiers().contains(Modifier.SYNCHRONIZED)) {
            // The companion's future runs the body in polls on any worker and suspends at awaits:
            // no thread can hold the monitor for the whole method, so one is never taken silently.
            return "@Async method " + name + " must not be synchronized: it runs in polls on any worker thread and"
                    + " suspends at each await, so no monitor can be held for the whole method; guard the shared"
                    + " state with a dev.jawait.sync.Mutex (try (var guard = await(mutex.lock())) { ... })";
        }
        Element owner = m.getEnclosingElement();
        if (!(owner instanceof TypeElement)) {
            return "@Async method " + name + " must be declared in a class";
        }
        for (Element x = owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
            TypeElement te = (TypeElement) x;
            if (te.getNestingKind() == NestingKind.LOCAL || te.getNestingKind() == NestingKind.ANONYMOUS) {
                return localOrAnonymous(name);
            }
            if (te.getModifiers().contains(Modifier.PRIVATE)) {
                return "@Async method " + name + " is in the private class " + te.getSimpleName()
                        + ", which its companion cannot name; make the class package-private";
            }
        }
        return hiddenTypeParameter(m);
    }

    /**
     * The message for an {@code @Async} method of a local or anonymous class (the companion cannot name it).
     *
     * @param name the class's name
     * @return the error message
     */
    public static String localOrAnonymous(CharSequence name) {
        return "@Async method " + name + " must not be declared in a local or anonymous class: its companion"
                + " cannot name the class; declare the method in a named class";
    }

    /**
     * The companion method of an instance method declares the type parameters of the receiver's
     * class (and of the classes it is inner to) next to the method's own: one that hides another
     * ({@code class C<T> { <T> T m() }}) would be declared twice.
     */
    private static String hiddenTypeParameter(ExecutableElement m) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        Set<String> names = new HashSet<>();
        List<TypeParameterElement> all = new ArrayList<>();
        for (TypeElement type : AsyncMethod.receiverTypes((TypeElement) m.getEnclosingElement())) {
            all.addAll(type.getTypeParameters());
        }
        all.addAll(m.getTypeParameters());
        for (TypeParameterElement p : all) {
            if (!names.add(p.getSimpleName().toString())) {
                return "@Async method " + m.getSimpleName() + " sees two type parameters named " + p.getSimpleName()
                        + " (one hides the other); its companion method declares both: rename one";
            }
        }
        return null;
    }
}
