package dev.jawait.processor.emission;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Operators;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeMirror;

/**
 * Prints what reaches private members of the template's classes, and {@code super} calls, through
 * the state machine's {@link PrivateAccess} handle bridges: {@code get_secret(self)},
 * {@code set_secret(self, v)}, {@code call_helper(self, x)}, {@code super_m(self, x)}.
 *
 * <pre>{@code
 * Code c = printer.bridges.privateAssignment(lhs, receiver, value);   // set_secret(tmp0, 5)
 * }</pre>
 */
final class Bridges extends PrinterPart {
    Bridges(SourcePrinter printer) {
        super(printer);
    }

    /**
     * The receiver code of a bridged member named by {@code tree}. For a static member:
     * {@code null}, or the value it was named through when that has to be evaluated
     * ({@code make().count}: Java runs {@code make()} first and discards its value).
     */
    public Code bridgeTarget(ExpressionTree tree, Code loweredReceiver) {
        Element e = t.elementOf(tree);
        if (e.getModifiers().contains(Modifier.STATIC)) {
            if (!(tree instanceof MemberSelectTree)
                    || !Reachability.isValueReceiver(t, ((MemberSelectTree) tree).getExpression())) {
                return null;
            }
            Code value = loweredReceiver != null ? loweredReceiver
                    : printer.expressions.expression(((MemberSelectTree) tree).getExpression());
            return value.isSimpleName() ? null : value; // a name has no effect to keep
        }
        if (tree instanceof MemberSelectTree) {
            return loweredReceiver != null ? loweredReceiver
                    : printer.expressions.expression(((MemberSelectTree) tree).getExpression());
        }
        String problem = Reachability.bridgeTargetProblem(t, e);
        if (problem != null) {
            throw new TemplateError(tree, problem);
        }
        return Code.of("self");
    }

    /** {@code lhs = value} where {@code lhs} is a private field, or {@code null} if it is not one. */
    public Code privateAssignment(ExpressionTree lhs, Code receiver, Code value) {
        ExpressionTree f = Reachability.bridgedField(t, lhs);
        return f == null ? null : printer.access.write((javax.lang.model.element.VariableElement) t.elementOf(f),
                bridgeTarget(f, receiver), value);
    }

    /**
     * {@code value} cast to the field's primitive when it is another primitive: javac narrows a
     * constant in {@code b = 100} for a {@code byte} (or {@code Short}) {@code b}, but not as the
     * argument of its set bridge. Any other primitive value is widened, which the cast repeats.
     */
    Code assignable(AssignmentTree a, Code value) {
        TypeMirror field = Operators.computedIn(types, t.typeOf(a.getVariable()));
        TypeMirror v = t.typeOf(a.getExpression());
        if (!field.getKind().isPrimitive() || !v.getKind().isPrimitive() || field.getKind() == v.getKind()) {
            return value;
        }
        return new Code().text("(").type(TypeName.get(field)).text(") ").add(value.isAtomic() ? value
                : new Code().text("(").add(value).text(")"));
    }

    /** {@code get_f(receiver)}: the private field {@code field}, its receiver already lowered (or {@code null}). */
    public Code privateRead(ExpressionTree field, Code receiver) {
        ExpressionTree f = Reachability.bridgedField(t, field);
        return printer.access.read((javax.lang.model.element.VariableElement) t.elementOf(f), bridgeTarget(f, receiver));
    }

    /** {@code lhs op= value} where {@code lhs} is a private field, or {@code null}. */
    public Code privateUpdate(CompoundAssignmentTree c, Code receiver, Code value) {
        ExpressionTree f = Reachability.bridgedField(t, c.getVariable());
        if (f == null) {
            return null;
        }
        javax.lang.model.element.VariableElement field = (javax.lang.model.element.VariableElement) t.elementOf(f);
        Code target = bridgeTarget(f, receiver);
        String op = Operators.spelling(c.getKind());
        boolean isStatic = field.getModifiers().contains(Modifier.STATIC);
        if (target == null || target.isSimpleName() || isStatic) {
            // Java reads (and unboxes) the field before it evaluates the right-hand side (JLS
            // 15.26.2), which may change it: set_f(target, (P) ((P) get_f(target) op (value)))
            // keeps that order, arguments being evaluated left to right (P: the field's type, a
            // box's primitive). A name (self, a spilled receiver) is read twice harmlessly; a
            // static field's discarded receiver goes to the set bridge only, evaluated first.
            TypeMirror in = Operators.computedIn(types, field.asType());
            Code old = printer.access.read(field, isStatic ? null : target);
            if (!types.isSameType(in, field.asType())) {
                old = new Code().text("(").type(TypeName.get(in)).text(") ").add(old);
            }
            Code computed = new Code().text("(").type(TypeName.get(in)).text(") (").add(old).text(" " + op + " (")
                    .add(value).text("))");
            return printer.access.write(field, target, computed);
        }
        // A receiver with side effects is evaluated once, into a bridge that reads the field before the right side.
        return printer.access.update(field, target, op, value, t.typeOf(c.getExpression()));
    }

    /** {@code ++lhs}/{@code lhs--}... where {@code lhs} is a private field, or {@code null}. */
    public Code privateIncrement(UnaryTree u, Code receiver) {
        Tree.Kind kind = u.getKind();
        if (kind != Tree.Kind.PREFIX_INCREMENT && kind != Tree.Kind.PREFIX_DECREMENT
                && kind != Tree.Kind.POSTFIX_INCREMENT && kind != Tree.Kind.POSTFIX_DECREMENT) {
            return null; // -p, ~p, !p, +p only read the field: no bridge (they were printed as p--)
        }
        ExpressionTree f = Reachability.bridgedField(t, u.getExpression());
        if (f == null) {
            return null;
        }
        boolean prefix = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_DECREMENT;
        boolean up = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        return printer.access.increment((javax.lang.model.element.VariableElement) t.elementOf(f),
                bridgeTarget(f, receiver), prefix, up);
    }

    /**
     * {@code super.m(args)} or {@code Iface.super.m(args)} of the template, made from the state
     * machine through a {@code findSpecial} handle on {@code self}; a static {@code m} is called
     * on its class.
     */
    Code superCall(Tree at, ExpressionTree qualifier, ExecutableElement m, List<Code> args) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
            Code out = printer.names.qualifier(m, at).text(m.getSimpleName().toString()).text("(");
            for (int i = 0; i < args.size(); i++) {
                out.text(i > 0 ? ", " : "").add(args.get(i));
            }
            return out.text(")");
        }
        TypeElement via = null;
        Element named = qualifier instanceof MemberSelectTree ? t.elementOf(((MemberSelectTree) qualifier).getExpression())
                : null;
        if (named != null && !named.equals(self)) {   // Iface.super.m(): a default method of a direct superinterface
            if (!(named instanceof TypeElement) || named.getKind() != ElementKind.INTERFACE) {
                throw new TemplateError(at, Reachability.superCallVia(t, qualifier, m.getSimpleName()));
            }
            via = (TypeElement) named;
            printer.names.typeRef(via, qualifier);   // reports an interface the machine cannot name
        }
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            throw new TemplateError(at, Reachability.privateSuperMethod(m));
        }
        javax.lang.model.type.ExecutableType asMember = (javax.lang.model.type.ExecutableType) types.asMemberOf(
                (javax.lang.model.type.DeclaredType) self.asType(), m);
        return printer.access.invokeSuper(m, asMember, self, via, Code.of("self"), args);
    }

    /**
     * {@code Owner::new} of a private constructor as the lambda {@code (a, b) -> new_Owner(a, b)},
     * with as many parameters as the functional interface's method.
     */
    Code privateConstructorReference(MemberReferenceTree r, ExecutableElement ctor) {
        String problem = Reachability.privateConstructorReference(t, r, ctor);
        if (problem != null) {
            throw new TemplateError(r, problem);
        }
        printer.names.typeRef((TypeElement) ctor.getEnclosingElement(), r);   // reports a class the bridge cannot name
        List<Code> args = new ArrayList<>();
        Code out = new Code().text("(");
        for (int i = 0; i < Reachability.functionArity(t, t.typeOf(r)); i++) {
            String name = vars.claim("ctorArg");
            out.text((i > 0 ? ", " : "") + name);
            args.add(Code.of(name));
        }
        return out.text(") -> ").add(printer.access.construct(ctor, null, args));
    }

    /**
     * {@code super::m} as the lambda {@code (a, b) -> super_m(self, a, b)}, with as many
     * parameters as the functional interface's method.
     */
    Code superReference(MemberReferenceTree r, ExecutableElement m) {
        int arity = Reachability.functionArity(t, t.typeOf(r));
        if (arity < 0) {
            throw new TemplateError(r, Reachability.superReference(r));
        }
        List<Code> args = new java.util.ArrayList<>();
        Code out = new Code().text("(");
        for (int i = 0; i < arity; i++) {
            String name = vars.claim("superArg");
            out.text((i > 0 ? ", " : "") + name);
            args.add(Code.of(name));
        }
        return out.text(") -> ").add(superCall(r, r.getQualifierExpression(), m, args));
    }
}
