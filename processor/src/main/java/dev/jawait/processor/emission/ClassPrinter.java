package dev.jawait.processor.emission;

import com.sun.source.tree.*;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * Prints local and anonymous classes, records, enums and interfaces of a template as written
 * (members, modifiers, annotations), with the names of their bodies resolved inside the class.
 *
 * <pre>{@code
 * Code c = printer.classes.classBody(anonymousClassTree);   // "{ public void run() { ... } }"
 * }</pre>
 */
final class ClassPrinter extends PrinterPart {
    ClassPrinter(SourcePrinter printer) {
        super(printer);
    }

    Code modifiers(ModifiersTree m) {
        Code out = new Code();
        for (AnnotationTree a : m.getAnnotations()) {
            out.text("@").add(printer.typeTrees.type(a.getAnnotationType()));
            if (!a.getArguments().isEmpty()) {
                out.text("(");
                for (int i = 0; i < a.getArguments().size(); i++) {
                    out.text(i > 0 ? ", " : "").add(annotationValue(a.getArguments().get(i)));
                }
                out.text(")");
            }
            out.text(" ");
        }
        for (Modifier flag : m.getFlags()) {
            out.text(flag.toString() + " ");
        }
        return out;
    }

    Code annotationValue(ExpressionTree arg) {
        if (arg instanceof AssignmentTree) {
            AssignmentTree a = (AssignmentTree) arg;
            return new Code().text(a.getVariable().toString() + " = ").add(annotationValue(a.getExpression()));
        }
        if (arg instanceof NewArrayTree && ((NewArrayTree) arg).getType() == null) {
            Code c = new Code().text("{");
            List<? extends ExpressionTree> inits = ((NewArrayTree) arg).getInitializers();
            for (int i = 0; i < inits.size(); i++) {
                c.text(i > 0 ? ", " : "").add(annotationValue(inits.get(i)));
            }
            return c.text("}");
        }
        return printer.expressions.expression(arg);
    }

    Code classDeclaration(ClassTree c) {
        String keyword;
        switch (c.getKind()) {
            case CLASS: keyword = "class "; break;
            case INTERFACE: keyword = "interface "; break;
            case ENUM: keyword = "enum "; break;
            case RECORD: keyword = "record "; break;
            default: throw printer.unsupported(c);
        }
        Code out = modifiers(c.getModifiers()).text(keyword + c.getSimpleName())
                .add(printer.typeTrees.typeParameters(c.getTypeParameters()));
        if (c.getKind() == Tree.Kind.RECORD) {
            out.text("(");
            int n = 0;
            for (Tree member : c.getMembers()) {
                if (member instanceof VariableTree && isComponentField(t.elementOf(member))) {
                    VariableTree v = (VariableTree) member;
                    out.text(n++ > 0 ? ", " : "").add(printer.typeTrees.type(v.getType())).text(" " + v.getName());
                }
            }
            out.text(")");
        }
        if (c.getExtendsClause() != null) {
            out.text(" extends ").add(printer.typeTrees.type(c.getExtendsClause()));
        }
        if (!c.getImplementsClause().isEmpty()) {
            out.text(c.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            for (int i = 0; i < c.getImplementsClause().size(); i++) {
                out.text(i > 0 ? ", " : "").add(printer.typeTrees.type(c.getImplementsClause().get(i)));
            }
        }
        return out.text(" ").add(classBody(c));
    }

    Code classBody(ClassTree c) {
        Element e = t.elementOf(c);
        if (!(e instanceof TypeElement)) {
            throw printer.unsupported(c);
        }
        printer.nestedDepth++;
        printer.nestedClasses.push((TypeElement) e);
        printer.jumpScopes.push(SourcePrinter.BARRIER);
        try {
            Code out = new Code().text("{\n").indent();
            if (c.getKind() == Tree.Kind.ENUM && c.getSimpleName().length() > 0) {   // not a constant's body
                out.add(enumConstants(c));
            }
            for (Tree member : c.getMembers()) {
                out.add(member(c, member));
            }
            return out.unindent().text("}");
        } finally {
            printer.jumpScopes.pop();
            printer.nestedClasses.pop();
            printer.nestedDepth--;
        }
    }

    /** {@code A, B(args), C(args) { body };} */
    Code enumConstants(ClassTree c) {
        Code out = new Code();
        int n = 0;
        for (Tree member : c.getMembers()) {
            Element e = member instanceof VariableTree ? t.elementOf(member) : null;
            if (e == null || e.getKind() != ElementKind.ENUM_CONSTANT) {
                continue;
            }
            out.text(n++ > 0 ? ",\n" : "").text(e.getSimpleName().toString());
            ExpressionTree init = ((VariableTree) member).getInitializer();
            if (init instanceof NewClassTree) {
                NewClassTree constant = (NewClassTree) init;
                if (!constant.getArguments().isEmpty()) {
                    out.add(printer.expressions.arguments(constant.getArguments(), null, 0));
                }
                if (constant.getClassBody() != null) {
                    out.text(" ").add(classBody(constant.getClassBody()));
                }
            }
        }
        return out.text(";\n");
    }

    /** Whether {@code field} is the private field javac declares for a record component. */
    static boolean isComponentField(Element field) {
        if (field == null || field.getKind() != ElementKind.FIELD || field.getModifiers().contains(Modifier.STATIC)
                || field.getEnclosingElement().getKind() != ElementKind.RECORD) {
            return false;
        }
        for (Element rc : ((TypeElement) field.getEnclosingElement()).getRecordComponents()) {
            if (rc.getSimpleName().equals(field.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ctor} is a record's compact constructor: javac supplies its parameters, the source has none. */
    boolean isCompactConstructor(MethodTree ctor) {
        return ctor.getName().contentEquals("<init>") && !ctor.getParameters().isEmpty()
                && t.trees.getSourcePositions().getEndPosition(t.unit, ctor.getParameters().get(0)) < 0;
    }

    Code member(ClassTree owner, Tree member) {
        if (member instanceof VariableTree) {
            VariableTree v = (VariableTree) member;
            Element ve = t.elementOf(v);
            if (ve != null && (ve.getKind() == ElementKind.ENUM_CONSTANT || isComponentField(ve))) {
                return new Code();   // printed with the enum's constants, or in the record header
            }
            Code out = modifiers(v.getModifiers()).add(printer.typeTrees.type(v.getType())).text(" " + v.getName());
            if (v.getInitializer() != null) {
                out.text(" = ").add(printer.expressions.expression(v.getInitializer()));
            }
            return out.text(";\n");
        }
        if (member instanceof BlockTree) {
            return printer.statements.block((BlockTree) member).text("\n");
        }
        if (member instanceof ClassTree) {
            return classDeclaration((ClassTree) member).text("\n");
        }
        if (member instanceof MethodTree) {
            MethodTree m = (MethodTree) member;
            Element me = t.elementOf(m);
            boolean ctor = m.getName().contentEquals("<init>");
            if (ctor && (owner.getSimpleName().length() == 0 || me != null
                    && t.env.getElementUtils().getOrigin(me) == javax.lang.model.util.Elements.Origin.MANDATED)) {
                return new Code();   // the implicit default constructor
            }
            Code out = modifiers(m.getModifiers()).add(printer.typeTrees.typeParameters(m.getTypeParameters()));
            if (!ctor) {
                out.add(printer.typeTrees.type(m.getReturnType())).text(" " + m.getName());
            } else {
                out.text(owner.getSimpleName().toString());
            }
            if (isCompactConstructor(m)) {
                return out.text(" ").add(printer.statements.block(m.getBody())).text("\n");
            }
            out.text("(");
            for (int i = 0; i < m.getParameters().size(); i++) {
                VariableTree p = m.getParameters().get(i);
                out.text(i > 0 ? ", " : "").add(printer.statements.modifierFlags(p.getModifiers()))
                        .add(printer.typeTrees.type(p.getType()))
                        .text(" " + printer.statements.localName(p));
            }
            out.text(")");
            for (int i = 0; i < m.getThrows().size(); i++) {
                out.text(i == 0 ? " throws " : ", ").add(printer.typeTrees.type(m.getThrows().get(i)));
            }
            if (m.getBody() == null) {
                return out.text(";\n");
            }
            return out.text(" ").add(printer.statements.block(m.getBody())).text("\n");
        }
        throw printer.unsupported(member);
    }
}
