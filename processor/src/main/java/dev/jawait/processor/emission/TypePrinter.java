package dev.jawait.processor.emission;

import com.sun.source.tree.*;
import java.util.List;
import java.util.Locale;
import javax.lang.model.element.Element;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Prints types as the template wrote them, with named types as JavaPoet references (imported by
 * the generated file).
 *
 * <pre>{@code
 * Code c = printer.typeTrees.type(tree);   // "List<String>", "int[]"
 * }</pre>
 */
final class TypePrinter extends PrinterPart {
    TypePrinter(SourcePrinter printer) {
        super(printer);
    }

    Code typeArguments(List<? extends Tree> args) {
        Code c = new Code();
        if (args.isEmpty()) {
            return c;
        }
        c.text("<");
        for (int i = 0; i < args.size(); i++) {
            c.text(i > 0 ? ", " : "").add(type(args.get(i)));
        }
        return c.text(">");
    }

    /** Prints a type as written, with named types as JavaPoet references. */
    public Code type(Tree type) {
        switch (type.getKind()) {
            case PRIMITIVE_TYPE:
                return Code.of(((PrimitiveTypeTree) type).getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT));
            case ARRAY_TYPE:
                return type(((ArrayTypeTree) type).getType()).text("[]");
            case PARAMETERIZED_TYPE: {
                ParameterizedTypeTree p = (ParameterizedTypeTree) type;
                Code c = type(p.getType()).text("<");
                for (int i = 0; i < p.getTypeArguments().size(); i++) {
                    c.text(i > 0 ? ", " : "").add(type(p.getTypeArguments().get(i)));
                }
                return c.text(">");
            }
            case UNBOUNDED_WILDCARD:
                return Code.of("?");
            case EXTENDS_WILDCARD:
                return new Code().text("? extends ").add(type(((WildcardTree) type).getBound()));
            case SUPER_WILDCARD:
                return new Code().text("? super ").add(type(((WildcardTree) type).getBound()));
            case UNION_TYPE: {
                Code c = new Code();
                List<? extends Tree> alts = ((UnionTypeTree) type).getTypeAlternatives();
                for (int i = 0; i < alts.size(); i++) {
                    c.text(i > 0 ? " | " : "").add(type(alts.get(i)));
                }
                return c;
            }
            case INTERSECTION_TYPE: {
                Code c = new Code();
                List<? extends Tree> bounds = ((IntersectionTypeTree) type).getBounds();
                for (int i = 0; i < bounds.size(); i++) {
                    c.text(i > 0 ? " & " : "").add(type(bounds.get(i)));
                }
                return c;
            }
            case ANNOTATED_TYPE:
                return type(((AnnotatedTypeTree) type).getUnderlyingType());
            case IDENTIFIER: case MEMBER_SELECT: {
                if (type instanceof MemberSelectTree && hasTypeArguments(((MemberSelectTree) type).getExpression())) {
                    // M<String>.Inner: the reference by element would drop the qualifier's <String>
                    return type(((MemberSelectTree) type).getExpression()).text("." + ((MemberSelectTree) type).getIdentifier());
                }
                Element e = t.elementOf(type);
                if (e instanceof TypeElement) {
                    return printer.names.typeRef((TypeElement) e, type);
                }
                if (e instanceof PackageElement) {
                    return Code.of(((PackageElement) e).getQualifiedName().toString());
                }
                if (type instanceof MemberSelectTree) {
                    return type(((MemberSelectTree) type).getExpression())
                            .text("." + ((MemberSelectTree) type).getIdentifier());
                }
                return Code.of(type.toString());
            }
            default:
                throw printer.unsupported(type);
        }
    }

    /** Whether the type {@code qualifier} is written with type arguments, itself or a type it is nested in. */
    private static boolean hasTypeArguments(Tree qualifier) {
        for (Tree q = qualifier; ; q = ((MemberSelectTree) q).getExpression()) {
            if (q.getKind() == Tree.Kind.PARAMETERIZED_TYPE) {
                return true;
            }
            if (!(q instanceof MemberSelectTree)) {
                return false;
            }
        }
    }

    /** Whether a variable's type was written (not {@code var}, not an implicit lambda parameter). */
    boolean hasWrittenType(VariableTree v) {
        Tree type = v.getType();
        if (type == null) {
            return false;
        }
        long pos = t.trees.getSourcePositions().getStartPosition(t.unit, type);
        return pos >= 0;
    }

    /** The declared type of a local, or {@code var}. */
    public Code variableType(VariableTree v) {
        if (!hasWrittenType(v) || "var".equals(t.sourceOf(v.getType()))) {
            return Code.of("var");
        }
        return type(v.getType());
    }

    Code typeParameters(List<? extends TypeParameterTree> params) {
        Code out = new Code();
        if (params.isEmpty()) {
            return out;
        }
        out.text("<");
        for (int i = 0; i < params.size(); i++) {
            TypeParameterTree p = params.get(i);
            out.text((i > 0 ? ", " : "") + p.getName());
            for (int b = 0; b < p.getBounds().size(); b++) {
                out.text(b == 0 ? " extends " : " & ").add(type(p.getBounds().get(b)));
            }
        }
        return out.text(">");
    }
}
