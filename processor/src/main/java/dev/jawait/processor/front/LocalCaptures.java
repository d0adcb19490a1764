package dev.jawait.processor.front;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;

/**
 * The local variables a local class captures: those its body (its nested classes and lambdas
 * included) names but that are declared outside it, in source order. A local class moved to a
 * member of the state machine (its block awaits) gets each as a constructor argument kept in a
 * field, as javac's synthetic {@code val$x} fields.
 *
 * <pre>{@code
 * List<Element> captured = LocalCaptures.of(template, classTree);   // [c, limit]
 * }</pre>
 */
public final class LocalCaptures {
    private LocalCaptures() {}

    /**
     * The locals {@code c} captures.
     *
     * @param t the template declaring the local class
     * @param c the local class
     * @return the captured locals, in the order the class's body first names them
     */
    public static List<Element> of(Template t, ClassTree c) {
        Element type = t.elementOf(c);
        Set<Element> found = new LinkedHashSet<>();
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = t.elementOf(node);
                if (e != null && isLocal(e) && !declaredInside(e, type)) {
                    found.add(e);
                }
                return null;
            }
        }.scan(c, null);
        return new ArrayList<>(found);
    }

    /**
     * Whether {@code e} is a local of a method: a local variable, parameter, catch parameter,
     * resource or pattern binding.
     *
     * @param e an element a tree names
     * @return whether it is a local
     */
    public static boolean isLocal(Element e) {
        switch (e.getKind()) {
            case LOCAL_VARIABLE: case PARAMETER: case EXCEPTION_PARAMETER: case RESOURCE_VARIABLE: case BINDING_VARIABLE:
                return true;
            default:
                return false;
        }
    }

    private static boolean declaredInside(Element variable, Element type) {
        for (Element x = variable.getEnclosingElement(); x != null; x = x.getEnclosingElement()) {
            if (x.equals(type)) {
                return true;
            }
            if (x instanceof PackageElement) {
                return false;
            }
        }
        return false;
    }
}
