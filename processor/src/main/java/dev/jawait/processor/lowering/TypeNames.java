package dev.jawait.processor.lowering;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.Tree;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.IntersectionType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.UnionType;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Types;

/**
 * Turns javac's types into names the generated code can write: captured type variables become
 * their bounds or wildcards, anonymous classes their supertype, intersections their first bound,
 * unions (multi-catch) their nearest common superclass.
 *
 * <pre>{@code
 * TypeName field = typeNames.denotable(template.typeOf(expr), expr);
 * }</pre>
 */
public final class TypeNames {
    private final Types types;
    private final Set<String> typeVariables;

    /**
     * Type names for one template.
     *
     * @param types javac's type utilities
     * @param typeVariablesInScope the names of the type variables the generated class declares
     */
    public TypeNames(Types types, Set<String> typeVariablesInScope) {
        this.types = types;
        this.typeVariables = typeVariablesInScope;
    }

    /**
     * The field type of a template variable that lives across an await.
     *
     * @param variable the variable
     * @param declaration its declaration, where an error points
     * @return the field's type
     */
    public TypeName variableType(Element variable, Tree declaration) {
        TypeMirror type = variable.asType();
        if (type.getKind() == TypeKind.DECLARED
                && ((TypeElement) ((DeclaredType) type).asElement()).getNestingKind() == NestingKind.ANONYMOUS) {
            throw new TemplateError(declaration, Variables.anonymousType(variable));
        }
        return denotable(type, declaration);
    }

    /**
     * The nearest type the generated code can write for {@code type}: no captures, anonymous classes,
     * intersections or unions.
     *
     * @param type a type of the template
     * @param at the tree an error points at
     * @return a type name for fields and casts
     * @throws dev.jawait.processor.front.TemplateError if {@code type} is unknown or cannot be named
     */
    public TypeName denotable(TypeMirror type, Tree at) {
        return denotable(type, at, 0);
    }

    private TypeName denotable(TypeMirror type, Tree at, int depth) {
        if (depth > 20) {
            return ClassName.OBJECT;
        }
        if (type == null) {
            throw new TemplateError(at, "the type of this expression is unknown");
        }
        switch (type.getKind()) {
            case BOOLEAN: case BYTE: case SHORT: case INT: case LONG: case CHAR: case FLOAT: case DOUBLE:
                return TypeName.get(type);
            case VOID: case NONE:
                return ClassName.get(Void.class);
            case NULL:
                return ClassName.OBJECT;
            case ARRAY:
                return ArrayTypeName.of(denotable(((ArrayType) type).getComponentType(), at, depth + 1));
            case DECLARED: {
                DeclaredType d = (DeclaredType) type;
                TypeElement e = (TypeElement) d.asElement();
                if (e.getNestingKind() == NestingKind.ANONYMOUS) {
                    TypeMirror sup = e.getInterfaces().isEmpty() ? e.getSuperclass() : e.getInterfaces().get(0);
                    return denotable(sup, at, depth + 1);
                }
                if (e.getNestingKind() == NestingKind.LOCAL) {
                    return ClassName.get("", e.getSimpleName().toString());   // moved into the state machine
                }
                List<TypeName> args = new ArrayList<>();
                for (TypeMirror arg : d.getTypeArguments()) {
                    args.add(typeArgument(arg, at, depth + 1));
                }
                TypeName outer = d.getEnclosingType().getKind() == TypeKind.DECLARED
                        ? denotable(d.getEnclosingType(), at, depth + 1) : null;
                if (outer instanceof ParameterizedTypeName) {
                    // an inner class of a generic class: M<T>.Inner (ClassName.get would drop the <T>)
                    return ((ParameterizedTypeName) outer).nestedClass(e.getSimpleName().toString(), args);
                }
                ClassName raw = ClassName.get(e);
                if (args.isEmpty()) {
                    return raw;
                }
                return ParameterizedTypeName.get(raw, args.toArray(new TypeName[0]));
            }
            case TYPEVAR: {
                TypeVariable v = (TypeVariable) type;
                String name = v.asElement().getSimpleName().toString();
                if (typeVariables.contains(name)) {
                    return TypeVariableName.get(name);
                }
                return denotable(v.getUpperBound(), at, depth + 1);
            }
            case WILDCARD: {
                TypeMirror bound = ((WildcardType) type).getExtendsBound();
                return bound == null ? ClassName.OBJECT : denotable(bound, at, depth + 1);
            }
            case INTERSECTION:
                return denotable(((IntersectionType) type).getBounds().get(0), at, depth + 1);
            case UNION:
                return denotable(commonSuperclass(((UnionType) type).getAlternatives()), at, depth + 1);
            default:
                throw new TemplateError(at, "the type " + type + " cannot be named in the generated code");
        }
    }

    private TypeName typeArgument(TypeMirror arg, Tree at, int depth) {
        if (arg.getKind() == TypeKind.WILDCARD) {
            WildcardType w = (WildcardType) arg;
            if (w.getExtendsBound() != null) {
                return WildcardTypeName.subtypeOf(denotable(w.getExtendsBound(), at, depth));
            }
            if (w.getSuperBound() != null) {
                return WildcardTypeName.supertypeOf(denotable(w.getSuperBound(), at, depth));
            }
            return WildcardTypeName.subtypeOf(Object.class);
        }
        if (arg.getKind() == TypeKind.TYPEVAR
                && !typeVariables.contains(((TypeVariable) arg).asElement().getSimpleName().toString())) {
            TypeVariable v = (TypeVariable) arg;   // a capture: ? extends its bound
            TypeMirror upper = v.getUpperBound();
            if (upper == null || isObject(upper)) {
                TypeMirror lower = v.getLowerBound();
                if (lower != null && lower.getKind() != TypeKind.NULL) {
                    return WildcardTypeName.supertypeOf(denotable(lower, at, depth));
                }
                return WildcardTypeName.subtypeOf(Object.class);
            }
            return WildcardTypeName.subtypeOf(denotable(upper, at, depth));
        }
        return denotable(arg, at, depth);
    }

    private static boolean isObject(TypeMirror t) {
        if (t.getKind() != TypeKind.DECLARED) {
            return false;
        }
        Element e = ((DeclaredType) t).asElement();
        return ((TypeElement) e).getQualifiedName().contentEquals("java.lang.Object");
    }

    /**
     * The nearest class all {@code alternatives} extend (Throwable at worst for catch types).
     *
     * @param alternatives types, at least one
     * @return their nearest common superclass
     */
    public TypeMirror commonSuperclass(List<? extends TypeMirror> alternatives) {
        TypeMirror candidate = alternatives.get(0);
        while (candidate != null && candidate.getKind() == TypeKind.DECLARED) {
            boolean all = true;
            for (TypeMirror alt : alternatives) {
                all &= types.isSubtype(types.erasure(alt), types.erasure(candidate));
            }
            if (all) {
                return types.erasure(candidate);
            }
            List<? extends TypeMirror> supers = types.directSupertypes(candidate);
            candidate = supers.isEmpty() ? null : supers.get(0);
        }
        return alternatives.get(0);
    }
}
