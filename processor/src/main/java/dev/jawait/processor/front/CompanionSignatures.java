package dev.jawait.processor.front;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.TypeParameterElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * What the companion class repeats of a template's signature, checked before it is written, so
 * that a signature the companion cannot have is an error at the template and never one inside
 * the generated {@code XAsync.java}: a type the companion cannot name (a private class, a
 * protected or package-private class of another package), a type javac has not resolved (not
 * written yet: it may come from a processor in a later round), and two templates whose
 * companion methods would have the same erasure ({@code static m(X a, int b)} and the instance
 * {@code m(int b)} of {@code X}: both {@code XAsync.m(X, int)}).
 *
 * <pre>{@code
 * if (CompanionSignatures.unresolved(method)) deferToNextRound(method);
 * Problem p = CompanionSignatures.unnameable(method);   // null when every type can be named
 * }</pre>
 */
public final class CompanionSignatures {
    /** A problem and the element it is reported at (a parameter, or the method). */
    public record Problem(Element at, String message) {}

    private CompanionSignatures() {}

    /**
     * Whether a type of {@code m}'s companion signature is not resolved (yet).
     *
     * @param m the template
     * @return {@code true} while one of its types is an error type
     */
    public static boolean unresolved(ExecutableElement m) {
        for (TypeMirror type : signatureTypes(m)) {
            if (anyPart(type, new HashSet<>(), t -> t.getKind() == TypeKind.ERROR)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The first type of {@code m}'s signature its companion (in the owner's package) cannot name, or {@code null}.
     *
     * @param m the template
     * @return the problem, or {@code null}
     */
    public static Problem unnameable(ExecutableElement m) {
        String companionPackage = packageOf(m).getQualifiedName().toString();
        List<Element> places = new ArrayList<>(m.getParameters());
        places.add(m);   // return, thrown and type-parameter types: reported at the method
        for (Element place : places) {
            List<TypeMirror> types = place instanceof VariableElement ? List.of(place.asType()) : nonParameterTypes(m);
            for (TypeMirror type : types) {
                TypeElement[] found = new TypeElement[1];
                anyPart(type, new HashSet<>(), t -> {
                    TypeElement hidden = unnameableFrom(companionPackage, t);
                    found[0] = hidden;
                    return hidden != null;
                });
                if (found[0] != null) {
                    String where = place instanceof VariableElement ? "its parameter " + place.getSimpleName()
                            : "its signature";
                    return new Problem(place, "@Async method " + m.getSimpleName() + " has " + describe(found[0])
                            + " in " + where + ", which its companion " + JawaitApi.companionSimpleName(owner(m))
                            + " cannot name; " + (found[0].getModifiers().contains(Modifier.PRIVATE)
                            ? "make it package-private" : "make it public"));
                }
            }
        }
        return null;
    }

    /**
     * The templates of one class whose companion method repeats the erased signature of an
     * earlier one (the first keeps its companion), each with its error.
     *
     * @param types javac's type utilities
     * @param templates the templates of one class, in source order
     * @return the later template of each clash, with its error message
     */
    public static Map<ExecutableElement, String> clashes(Types types, List<ExecutableElement> templates) {
        Map<String, ExecutableElement> seen = new LinkedHashMap<>();
        Map<ExecutableElement, String> out = new LinkedHashMap<>();
        for (ExecutableElement m : templates) {
            List<String> erased = new ArrayList<>();
            if (!m.getModifiers().contains(Modifier.STATIC)) {
                erased.add(types.erasure(owner(m).asType()).toString());   // the receiver comes first
            }
            for (VariableElement p : m.getParameters()) {
                erased.add(types.erasure(p.asType()).toString());
            }
            String companion = JawaitApi.companionSimpleName(owner(m)) + "." + m.getSimpleName()
                    + "(" + String.join(", ", erased) + ")";
            ExecutableElement earlier = seen.putIfAbsent(companion, m);
            if (earlier != null) {
                out.put(m, "@Async methods " + describe(earlier) + " and " + describe(m)
                        + " would both have the companion method " + companion + " (an instance method's takes"
                        + " its receiver first); rename one or change its parameters");
            }
        }
        return out;
    }

    private static List<TypeMirror> signatureTypes(ExecutableElement m) {
        List<TypeMirror> out = new ArrayList<>();
        for (VariableElement p : m.getParameters()) {
            out.add(p.asType());
        }
        out.addAll(nonParameterTypes(m));
        return out;
    }

    /** Return, thrown and type-parameter bound types (the receiver's type parameters' too). */
    private static List<TypeMirror> nonParameterTypes(ExecutableElement m) {
        List<TypeMirror> out = new ArrayList<>();
        out.add(m.getReturnType());
        out.addAll(m.getThrownTypes());
        List<TypeParameterElement> parameters = new ArrayList<>(m.getTypeParameters());
        if (!m.getModifiers().contains(Modifier.STATIC)) {
            for (TypeElement type : AsyncMethod.receiverTypes(owner(m))) {
                parameters.addAll(type.getTypeParameters());
            }
        }
        for (TypeParameterElement p : parameters) {
            out.addAll(p.getBounds());
        }
        return out;
    }

    /** Whether {@code test} holds for {@code type} or a type in it (arguments, components, bounds). */
    private static boolean anyPart(TypeMirror type, Set<Element> visited, Predicate<TypeMirror> test) {
        if (type == null) {
            return false;
        }
        if (test.test(type)) {
            return true;
        }
        switch (type.getKind()) {
            case DECLARED:
                for (TypeMirror arg : ((DeclaredType) type).getTypeArguments()) {
                    if (anyPart(arg, visited, test)) {
                        return true;
                    }
                }
                return false;
            case ARRAY:
                return anyPart(((ArrayType) type).getComponentType(), visited, test);
            case WILDCARD:
                return anyPart(((WildcardType) type).getExtendsBound(), visited, test)
                        || anyPart(((WildcardType) type).getSuperBound(), visited, test);
            case TYPEVAR:   // T extends Comparable<T>: each variable's bound once
                return visited.add(((TypeVariable) type).asElement())
                        && anyPart(((TypeVariable) type).getUpperBound(), visited, test);
            case INTERSECTION:
                for (TypeMirror bound : ((IntersectionType) type).getBounds()) {
                    if (anyPart(bound, visited, test)) {
                        return true;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** The class (itself or one it is nested in) that code of {@code pkg} cannot name in {@code type}, or null. */
    private static TypeElement unnameableFrom(String pkg, TypeMirror type) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        for (Element e = ((DeclaredType) type).asElement(); e instanceof TypeElement; e = e.getEnclosingElement()) {
            Set<Modifier> modifiers = e.getModifiers();
            boolean samePackage = packageOf(e).getQualifiedName().contentEquals(pkg);
            if (modifiers.contains(Modifier.PRIVATE) || (!modifiers.contains(Modifier.PUBLIC) && !samePackage)) {
                return (TypeElement) e;
            }
        }
        return null;
    }

    private static String describe(ExecutableElement m) {
        return (m.getModifiers().contains(Modifier.STATIC) ? "static " : "") + m;
    }

    private static String describe(TypeElement type) {
        Set<Modifier> m = type.getModifiers();
        String access = m.contains(Modifier.PRIVATE) ? "private" : m.contains(Modifier.PROTECTED) ? "protected"
                : "package-private";
        return "the " + access + " type " + type.getQualifiedName();
    }

    private static TypeElement owner(ExecutableElement m) {
        return (TypeElement) m.getEnclosingElement();
    }

    private static PackageElement packageOf(Element e) {
        while (!(e instanceof PackageElement)) {
            e = e.getEnclosingElement();
        }
        return (PackageElement) e;
    }
}
