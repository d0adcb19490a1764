package dev.jawait.processor.emission;

import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Operators;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;

/**
 * Prints template expressions: operators, calls, instance and array creation, lambdas, method
 * references and switch expressions; an expression the lowering has already evaluated prints as
 * its replacement, and calls or creations whose operands were lowered print with those.
 *
 * <pre>{@code
 * Code c = printer.expressions.expression(tree);   // "list.add(x + 1)"
 * }</pre>
 */
final class ExpressionPrinter extends PrinterPart {
    ExpressionPrinter(SourcePrinter printer) {
        super(printer);
    }

    public Code expression(ExpressionTree e) {
        Code replaced = printer.hooks.replacement(e);
        if (replaced != null) {
            return replaced.isAtomic() ? replaced : new Code().text("(").add(replaced).text(")");
        }
        switch (e.getKind()) {
            case IDENTIFIER:
                return printer.names.identifier((IdentifierTree) e);
            case MEMBER_SELECT:
                return printer.names.memberSelect((MemberSelectTree) e);
            case METHOD_INVOCATION:
                return invocation((MethodInvocationTree) e, null);
            case NEW_CLASS:
                return newClass((NewClassTree) e, null);
            case NEW_ARRAY:
                return newArray((NewArrayTree) e, null);
            case PARENTHESIZED:
                return new Code().text("(").add(expression(((ParenthesizedTree) e).getExpression())).text(")");
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) e;
                if (Reachability.bridgedField(t, a.getVariable()) != null) {
                    return printer.bridges.privateAssignment(a.getVariable(), null,
                            printer.bridges.assignable(a, expression(a.getExpression())));
                }
                return new Code().add(expression(a.getVariable())).text(" = ").add(expression(a.getExpression()));
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                return new Code().add(expression(c.getCondition())).text(" ? ").add(expression(c.getTrueExpression()))
                        .text(" : ").add(expression(c.getFalseExpression()));
            }
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) e;
                return new Code().text("(").add(printer.typeTrees.type(c.getType())).text(") ")
                        .add(expression(c.getExpression()));
            }
            case INSTANCE_OF:
                return instanceOf((InstanceOfTree) e, null);
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) e;
                return new Code().add(expression(a.getExpression())).text("[").add(expression(a.getIndex())).text("]");
            }
            case LAMBDA_EXPRESSION:
                return lambda((LambdaExpressionTree) e);
            case MEMBER_REFERENCE:
                return memberReference((MemberReferenceTree) e);
            case NULL_LITERAL:
                return Code.of("null");
            case INT_LITERAL: case LONG_LITERAL: case FLOAT_LITERAL: case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL: case CHAR_LITERAL: case STRING_LITERAL:
                return Code.of(t.env.getElementUtils().getConstantExpression(((LiteralTree) e).getValue()));
            case SWITCH_EXPRESSION:
                return switchExpression((SwitchExpressionTree) e);
            case PRIMITIVE_TYPE: case ARRAY_TYPE: case PARAMETERIZED_TYPE:
                return printer.typeTrees.type(e);
            default:
                break;
        }
        if (e instanceof UnaryTree) {
            Code bridged = printer.bridges.privateIncrement((UnaryTree) e, null);
            if (bridged != null) {
                return bridged;
            }
            return unary((UnaryTree) e, expression(((UnaryTree) e).getExpression()));
        }
        if (e instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) e;
            return binary(b, expression(b.getLeftOperand()), expression(b.getRightOperand()));
        }
        if (e instanceof CompoundAssignmentTree) {
            CompoundAssignmentTree c = (CompoundAssignmentTree) e;
            if (Reachability.bridgedField(t, c.getVariable()) != null) {
                return printer.bridges.privateUpdate(c, null, expression(c.getExpression()));
            }
            return new Code().add(expression(c.getVariable())).text(" " + Operators.spelling(e.getKind()) + "= ")
                    .add(expression(c.getExpression()));
        }
        throw printer.unsupported(e);
    }

    public Code unary(UnaryTree u, Code operand) {
        switch (u.getKind()) {
            case POSTFIX_INCREMENT: return operand.text("++");
            case POSTFIX_DECREMENT: return operand.text("--");
            case PREFIX_INCREMENT: return signed("++", operand);
            case PREFIX_DECREMENT: return signed("--", operand);
            case UNARY_PLUS: return signed("+", operand);
            case UNARY_MINUS: return signed("-", operand);
            case BITWISE_COMPLEMENT: return new Code().text("~").add(operand);
            case LOGICAL_COMPLEMENT: return new Code().text("!").add(operand);
            default: throw printer.unsupported(u);
        }
    }

    /** {@code op} before {@code operand}, apart when they would fuse: {@code - -2} (javac's literal -2), {@code - -x}, {@code + +x}. */
    private static Code signed(String op, Code operand) {
        return new Code().text(operand.startsWithSign() ? op + " " : op).add(operand);
    }

    public Code binary(BinaryTree b, Code left, Code right) {
        return new Code().add(left).text(" " + Operators.spelling(b.getKind()) + " ").add(right);
    }

    /** {@code operand instanceof T} or a pattern, binding hoisted pattern variables to fields. */
    public Code instanceOf(InstanceOfTree i, Code operand) {
        Code left = operand != null ? operand : expression(i.getExpression());
        Tree pattern = i.getPattern();
        if (pattern == null) {
            return left.text(" instanceof ").add(printer.typeTrees.type(i.getType()));
        }
        if (!(pattern instanceof BindingPatternTree)) {
            return printer.patterns.test(left, pattern);   // a record pattern (JDK 21+)
        }
        VariableTree v = ((BindingPatternTree) pattern).getVariable();
        Element e = t.elementOf(v);
        if (e != null && vars.isHoisted(e)) {
            String field = vars.nameOf(e);
            String matched = vars.claim(field + "_matched");
            return new Code().text("(").add(left).text(" instanceof ").add(printer.typeTrees.type(v.getType()))
                    .text(" " + matched + " && (" + field + " = " + matched + ") != null)");
        }
        return left.text(" instanceof ").add(printer.statements.modifierFlags(v.getModifiers()))
                .add(printer.typeTrees.type(v.getType()))
                .text(" " + (e == null ? v.getName().toString() : vars.nameOf(e)));
    }

    /** Prints a call; {@code args} (already lowered operand codes) replaces the arguments when given. */
    public Code invocation(MethodInvocationTree m, List<Code> loweredOperands) {
        ExpressionTree select = m.getMethodSelect();
        Element e = t.elementOf(m);
        Code typeArgs = printer.typeTrees.typeArguments(m.getTypeArguments());
        Code out = new Code();
        int next = 0;
        if (select instanceof MemberSelectTree && Reachability.isSuper(((MemberSelectTree) select).getExpression())
                && printer.nestedClasses.isEmpty() && e instanceof ExecutableElement) {
            List<Code> args = new java.util.ArrayList<>();
            for (ExpressionTree arg : m.getArguments()) {
                args.add(loweredOperands != null ? loweredOperands.get(next++) : expression(arg));
            }
            return printer.bridges.superCall(select, ((MemberSelectTree) select).getExpression(), (ExecutableElement) e,
                    args);
        }
        if (e instanceof ExecutableElement && Reachability.isBridged(e) && printer.names.nestedClassesDoNotHave(e)) {
            // A static method named through a value gets it too, evaluated first and discarded.
            Code target;
            if (select instanceof MemberSelectTree && loweredOperands != null
                    && Reachability.isValueReceiver(t, ((MemberSelectTree) select).getExpression())) {
                target = printer.bridges.bridgeTarget(select, loweredOperands.get(next++));
            } else {
                target = printer.bridges.bridgeTarget(select, null);
            }
            List<Code> args = new java.util.ArrayList<>();
            for (ExpressionTree arg : m.getArguments()) {
                args.add(loweredOperands != null ? loweredOperands.get(next++) : expression(arg));
            }
            return printer.access.invoke((ExecutableElement) e, target, args);
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            Code receiver;
            if (loweredOperands != null && Reachability.isValueReceiver(t, ms.getExpression())) {
                receiver = loweredOperands.get(next++);
            } else {
                if (e != null && !(ms.getExpression() instanceof IdentifierTree
                        && ((IdentifierTree) ms.getExpression()).getName().contentEquals("super"))) {
                    printer.names.checkAccess(e, m);
                }
                receiver = memberSelectTarget(ms);
            }
            out.add(receiver).text(".").add(typeArgs).text(ms.getIdentifier().toString());
        } else {
            String name = ((IdentifierTree) select).getName().toString();
            if (name.equals("this") || name.equals("super")) {
                if (printer.nestedClasses.isEmpty()) {
                    throw printer.unsupported(m);
                }
                return out.text(name).add(arguments(m.getArguments(), loweredOperands, next));
            }
            Code q = e == null ? new Code() : printer.names.qualifier(e, select);
            if (!typeArgs.isEmpty() && q.isEmpty()) {
                q = Code.of("this.");
            }
            out.add(q).add(typeArgs).text(name);
        }
        return out.add(arguments(m.getArguments(), loweredOperands, next));
    }

    Code arguments(List<? extends ExpressionTree> args, List<Code> loweredOperands, int next) {
        Code out = new Code().text("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.text(", ");
            }
            out.add(loweredOperands != null ? loweredOperands.get(next++) : expression(args.get(i)));
        }
        return out.text(")");
    }

    Code memberSelectTarget(MemberSelectTree ms) {
        ExpressionTree target = ms.getExpression();
        if (Reachability.isSuper(target) && !printer.nestedClasses.isEmpty()) {
            if (target instanceof IdentifierTree) {
                return Code.of("super");
            }
            ExpressionTree named = ((MemberSelectTree) target).getExpression();
            if (t.elementOf(named) == null || t.elementOf(named).getKind() != ElementKind.INTERFACE) {
                throw new TemplateError(ms, Reachability.nestedSuperCall(ms));
            }
            return printer.typeTrees.type(named)
                    .text(".super");   // a default method of the nested class's own superinterface
        }
        return expression(target);
    }

    /** Prints {@code new T(args)}; {@code loweredOperands} are [enclosing?] + args when given. */
    public Code newClass(NewClassTree n, List<Code> loweredOperands) {
        Code out = new Code();
        int next = 0;
        ExpressionTree enclosing = n.getEnclosingExpression();
        Element ctor = t.elementOf(n);
        if (ctor != null && n.getClassBody() == null) {
            if (Reachability.isBridgedConstructor(ctor)) {
                return privateConstructor(n, (ExecutableElement) ctor, loweredOperands);
            }
            printer.names.checkAccess(ctor, n);
        }
        if (enclosing != null) {
            out.add(loweredOperands != null ? loweredOperands.get(next++) : expression(enclosing)).text(".new ")
                    .add(printer.typeTrees.typeArguments(n.getTypeArguments())).add(simpleClassName(n.getIdentifier()));
        } else {
            Element type = t.elementOf(n.getIdentifier());
            if (type instanceof TypeElement && needsSelfAsOuter((TypeElement) type)) {
                out.text("self.new ").add(printer.typeTrees.typeArguments(n.getTypeArguments()))
                        .add(simpleClassName(n.getIdentifier()));
            } else {
                out.text("new ").add(printer.typeTrees.typeArguments(n.getTypeArguments()))
                        .add(printer.typeTrees.type(n.getIdentifier()));
            }
        }
        out.text("(");
        // a local class moved to a member takes the locals it captures first (LocalClasses)
        Map<Element, String> captures = printer.movedCaptures.getOrDefault(t.elementOf(n.getIdentifier()), Map.of());
        int written = 0;
        for (Element captured : captures.keySet()) {
            out.text(written++ > 0 ? ", " : "").add(printer.names.variable(captured));
        }
        List<? extends ExpressionTree> args = n.getArguments();
        for (int i = 0; i < args.size(); i++) {
            out.text(written++ > 0 ? ", " : "").add(loweredOperands != null ? loweredOperands.get(next++) : expression(args.get(i)));
        }
        out.text(")");
        if (n.getClassBody() != null) {
            out.text(" ").add(printer.classes.classBody(n.getClassBody()));
        }
        return out;
    }

    /**
     * {@code new T(args)} for a private constructor: {@code new_T(args)} through its handle, with
     * the enclosing instance ({@code outer.new T()} or {@code self}) first for an inner class.
     */
    private Code privateConstructor(NewClassTree n, ExecutableElement ctor, List<Code> loweredOperands) {
        TypeElement created = (TypeElement) ctor.getEnclosingElement();
        printer.names.typeRef(created, n.getIdentifier());   // reports a class the bridge cannot name
        int next = 0;
        Code outer = null;
        if (n.getEnclosingExpression() != null) {
            outer = loweredOperands != null ? loweredOperands.get(next++) : expression(n.getEnclosingExpression());
        } else if (Reachability.isInner(created)) {
            if (!needsSelfAsOuter(created)) {
                throw new TemplateError(n, Reachability.implicitOuterInstance(created));
            }
            outer = Code.of("self");
        }
        List<Code> args = new ArrayList<>();
        for (ExpressionTree arg : n.getArguments()) {
            args.add(loweredOperands != null ? loweredOperands.get(next++) : expression(arg));
        }
        return printer.access.construct(ctor, outer, args);
    }

    boolean needsSelfAsOuter(TypeElement type) {
        if (type.getNestingKind() != NestingKind.MEMBER || type.getModifiers().contains(Modifier.STATIC)
                || type.getKind() != ElementKind.CLASS || !printer.nestedClasses.isEmpty()) {
            return false;
        }
        Element outer = type.getEnclosingElement();
        return outer instanceof TypeElement && printer.names.isSubclass(self, (TypeElement) outer)
                && !t.method.getModifiers().contains(Modifier.STATIC);
    }

    Code simpleClassName(Tree identifier) {
        if (identifier instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) identifier;
            Code c = simpleClassName(p.getType()).text("<");
            for (int i = 0; i < p.getTypeArguments().size(); i++) {
                c.text(i > 0 ? ", " : "").add(printer.typeTrees.type(p.getTypeArguments().get(i)));
            }
            return c.text(">");
        }
        if (identifier instanceof MemberSelectTree) {
            return Code.of(((MemberSelectTree) identifier).getIdentifier().toString());
        }
        return Code.of(identifier.toString());
    }

    /** Prints an array creation; {@code loweredOperands} are dimensions then initializers when given. */
    public Code newArray(NewArrayTree n, List<Code> loweredOperands) {
        Code out = new Code();
        int next = 0;
        if (n.getType() != null) {
            Tree elem = n.getType();
            while (elem instanceof ArrayTypeTree) {
                elem = ((ArrayTypeTree) elem).getType();
            }
            out.text("new ").add(printer.typeTrees.type(elem));
            for (ExpressionTree d : n.getDimensions()) {
                out.text("[").add(loweredOperands != null ? loweredOperands.get(next++) : expression(d)).text("]");
            }
            int extra = arrayDepth(t.typeOf(n)) - n.getDimensions().size();
            for (int i = 0; i < extra; i++) {
                out.text("[]");
            }
        }
        if (n.getInitializers() != null) {
            out.text(n.getType() != null ? " {" : "{");
            List<? extends ExpressionTree> inits = n.getInitializers();
            for (int i = 0; i < inits.size(); i++) {
                out.text(i > 0 ? ", " : "")
                        .add(loweredOperands != null ? loweredOperands.get(next++) : expression(inits.get(i)));
            }
            out.text("}");
        }
        return out;
    }

    static int arrayDepth(TypeMirror type) {
        int d = 0;
        for (TypeMirror x = type; x instanceof javax.lang.model.type.ArrayType;
                x = ((javax.lang.model.type.ArrayType) x).getComponentType()) {
            d++;
        }
        return d;
    }

    Code lambda(LambdaExpressionTree l) {
        Code out = new Code().text("(");
        List<? extends VariableTree> params = l.getParameters();
        boolean typed = !params.isEmpty() && printer.typeTrees.hasWrittenType(params.get(0));
        for (int i = 0; i < params.size(); i++) {
            VariableTree p = params.get(i);
            out.text(i > 0 ? ", " : "");
            if (typed) {
                out.add(printer.statements.modifierFlags(p.getModifiers())).add(printer.typeTrees.variableType(p))
                        .text(" ");
            }
            out.text(printer.statements.localName(p));
        }
        out.text(") -> ");
        printer.nestedDepth++;
        printer.jumpScopes.push(SourcePrinter.BARRIER);
        try {
            Tree body = l.getBody();
            if (body instanceof BlockTree) {
                out.add(printer.statements.block((BlockTree) body));
            } else {
                out.add(expression((ExpressionTree) body));
            }
        } finally {
            printer.jumpScopes.pop();
            printer.nestedDepth--;
        }
        return out;
    }

    Code memberReference(MemberReferenceTree r) {
        ExpressionTree q = r.getQualifierExpression();
        Element e = t.elementOf(r);
        if (Reachability.isSuper(q) && printer.nestedClasses.isEmpty() && e instanceof ExecutableElement) {
            return printer.bridges.superReference(r, (ExecutableElement) e);
        }
        if (Reachability.isBridgedConstructor(e)) {
            return printer.bridges.privateConstructorReference(r, (ExecutableElement) e);
        }
        if (e != null && e.getKind() != ElementKind.CONSTRUCTOR) {
            if (Reachability.isBridged(e)) {
                throw new TemplateError(r, Reachability.privateMethodReference(e));
            }
            printer.names.checkAccess(e, r);
        }
        Code target = q instanceof ParameterizedTypeTree || q instanceof ArrayTypeTree ? printer.typeTrees.type(q)
                : expression(q);
        List<? extends Tree> typeArguments = r.getTypeArguments() == null ? List.of() : r.getTypeArguments();
        return target.text("::").add(printer.typeTrees.typeArguments(typeArguments))
                .text(r.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : r.getName().toString());
    }

    Code switchExpression(SwitchExpressionTree s) {
        Code out = new Code().text("switch (").add(expression(s.getExpression())).text(") {\n").indent();
        printer.jumpScopes.push(SourcePrinter.SWITCH_EXPRESSION);
        try {
            for (CaseTree c : s.getCases()) {
                out.add(printer.statements.caseClause(c));
            }
        } finally {
            printer.jumpScopes.pop();
        }
        return out.unindent().text("}");
    }
}
