package dev.jawait.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Awaits;
import dev.jawait.processor.analysis.Operands;
import dev.jawait.processor.analysis.Operators;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * Lowers an expression that awaits (Roslyn's spiller): what must run before its value is emitted
 * into the current state, and the code of the value is returned. Operands evaluated before an
 * await that follows them are spilled into temporaries (fields) unless their value cannot change
 * ({@link Operands#isStable}), so Java's left-to-right evaluation order holds; {@code &&},
 * {@code ||}, {@code ?:} and switch expressions that await become jumps between states.
 *
 * <pre>{@code
 * Fragment value = expressions.expression(tree);   // e.g. "tmp0_read + ((Integer) awaited())"
 * }</pre>
 */
final class Expressions {
    static final ClassName STAGE_FUTURE = ClassName.get("dev.jawait.internal", "CompletionStageFuture");

    private final Lowering lowering;
    private final Template t;
    private final Awaits awaits;
    private final Variables vars;
    private final Operands operands;
    private final TypeNames typeNames;
    private final Holes holes;
    private final StateBuilder sb;

    Expressions(Lowering lowering) {
        this.lowering = lowering;
        this.t = lowering.t;
        this.awaits = lowering.awaits;
        this.vars = lowering.vars;
        this.operands = lowering.operands;
        this.typeNames = lowering.typeNames;
        this.holes = lowering.holes;
        this.sb = lowering.sb;
    }

    /** A switch expression that awaits: a lowered switch whose arms store into a temporary. */
    private Fragment switchExpression(SwitchExpressionTree s) {
        Fragment sel = expression(stripParens(s.getExpression()));
        String result = lowering.addField("switch", typeNames.denotable(t.typeOf(s), s));
        lowering.lowerSwitch(s, sel, s.getCases(), result);
        return Fragment.of(result);
    }

    static ExpressionTree stripParens(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }

    /** Lowers {@code e}: emits what must run before its value, returns the code of its value. */
    Fragment expression(ExpressionTree e) {
        if (!awaits.contains(e)) {
            return holes.expression(e);
        }
        switch (e.getKind()) {
            case PARENTHESIZED:
                return new Fragment().text("(").add(expression(((ParenthesizedTree) e).getExpression())).text(")");
            case METHOD_INVOCATION: {
                MethodInvocationTree m = (MethodInvocationTree) e;
                if (awaits.isAwait(m)) {
                    return suspend(m);
                }
                return holes.of(Hole.Kind.INVOCATION, m, operands(operands.of(m), null));
            }
            case NEW_CLASS: {
                NewClassTree n = (NewClassTree) e;
                return holes.of(Hole.Kind.NEW_CLASS, n, operands(operands.of(n), null));
            }
            case NEW_ARRAY: {
                NewArrayTree n = (NewArrayTree) e;
                return holes.of(Hole.Kind.NEW_ARRAY, n, operands(operands.of(n), null));
            }
            case MEMBER_SELECT: {
                MemberSelectTree m = (MemberSelectTree) e;
                if (Reachability.bridgedField(t, m) != null) {
                    // the machine cannot write "receiver.f" for a private f: read it through its bridge
                    // (a static f named through a value still takes it: evaluated first, then discarded)
                    Fragment receiver = expression(m.getExpression());
                    boolean hasValue = Reachability.privateFieldReceiver(t, m) != null;
                    return holes.of(Hole.Kind.PRIVATE_READ, m, hasValue ? receiver : null);
                }
                return expression(m.getExpression()).text("." + m.getIdentifier());
            }
            case ARRAY_ACCESS: {
                List<Fragment> c = operands(operands.of(e), null);
                return c.get(0).text("[").add(c.get(1)).text("]");
            }
            case CONDITIONAL_AND: case CONDITIONAL_OR:
                return shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case SWITCH_EXPRESSION:
                return switchExpression((SwitchExpressionTree) e);
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) e;
                return new Fragment().text("(").add(holes.type(c.getType())).text(") ").add(expression(c.getExpression()));
            }
            case INSTANCE_OF:
                return holes.of(Hole.Kind.INSTANCE_OF, e, expression(((InstanceOfTree) e).getExpression()));
            case MEMBER_REFERENCE: {
                MemberReferenceTree r = (MemberReferenceTree) e;
                Fragment target = expression(r.getQualifierExpression());
                return target.text("::" + (r.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : r.getName()));
            }
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) e;
                ExpressionTree privateReceiver = Reachability.privateFieldReceiver(t, a.getVariable());
                if (privateReceiver != null || Reachability.isBridged(t.elementOf(stripParens(a.getVariable())))) {
                    Fragment receiver = privateReceiver == null ? null
                            : operands(List.of(privateReceiver), ifAwaits(a.getExpression())).get(0);
                    return holes.of(Hole.Kind.PRIVATE_ASSIGNMENT, a.getVariable(), receiver, expression(a.getExpression()));
                }
                Fragment lhs = lvalue(a.getVariable(), ifAwaits(a.getExpression()));
                Fragment rhs = expression(a.getExpression());
                return lhs.text(" = ").add(rhs);
            }
            default:
                break;
        }
        if (e instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) e;
            List<Fragment> c = operands(operands.of(b), null);
            return holes.of(Hole.Kind.BINARY, b, c.get(0), c.get(1));
        }
        if (e instanceof UnaryTree) {
            UnaryTree u = (UnaryTree) e;
            switch (u.getKind()) {
                case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT: {
                    ExpressionTree privateReceiver = Reachability.privateFieldReceiver(t, u.getExpression());
                    if (privateReceiver != null) {
                        return holes.of(Hole.Kind.PRIVATE_INCREMENT, u, expression(privateReceiver));
                    }
                    return holes.of(Hole.Kind.UNARY, u, lvalue(u.getExpression(), null));
                }
                default:
                    return holes.of(Hole.Kind.UNARY, u, expression(u.getExpression()));
            }
        }
        if (e instanceof CompoundAssignmentTree) {
            return compoundAssignment((CompoundAssignmentTree) e);
        }
        throw new TemplateError(e, "await inside " + describe(e) + " is not supported yet");
    }

    private static String describe(Tree e) {
        switch (e.getKind()) {
            case SWITCH_EXPRESSION: return "a switch expression";
            case LAMBDA_EXPRESSION: return "a lambda";
            case MEMBER_REFERENCE: return "a method reference";
            default: return "a " + e.getKind().toString().toLowerCase().replace('_', ' ');
        }
    }

    /** The suspension point: hand the future to the driver loop, resume in a new state. */
    Fragment suspend(MethodInvocationTree await) {
        ExpressionTree arg = await.getArguments().get(0);
        Fragment future = expression(arg);
        ExecutableElement m = (ExecutableElement) t.elementOf(await);
        TypeMirror param = t.env.getTypeUtils().erasure(m.getParameters().get(0).asType());
        boolean stage = param.toString().equals("java.util.concurrent.CompletionStage");
        Fragment child = stage ? new Fragment().text("new ").type(STAGE_FUTURE).text("<>(").add(future).text(")") : future;
        int resume = sb.newState();
        lowering.suspensionPoints.put(resume, t.locationOf(await));
        // Polled in place: a ready future falls through into the resume state without a dispatch.
        lowering.emit(new Fragment().text("if (suspend(" + StateBuilder.ref(resume) + ", ").add(child).text(", cx)) {\n")
                .indent().text("return PENDING;\n").unindent().text("}\n"));
        sb.mark(resume);
        lowering.emit(new Fragment().text("if (resume(cx)) {\n").indent().text("return PENDING;\n").unindent().text("}\n"));
        TypeName type = typeNames.denotable(t.typeOf(await), await);
        return new Fragment().text("((").type(type).text(") awaited())").atomic();
    }

    /**
     * Evaluates operands left to right: those before the last operand that awaits are stored in
     * temporaries (unless their value cannot change), so they keep Java's evaluation order.
     * {@code awaitingRest} is the right side of an assignment that awaits after these operands
     * (the array, index or receiver of its target), or {@code null}.
     */
    private List<Fragment> operands(List<? extends ExpressionTree> ops, ExpressionTree awaitingRest) {
        int last = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (awaits.contains(ops.get(i))) {
                last = i;
            }
        }
        if (awaitingRest != null) {
            last = ops.size();
        }
        List<Fragment> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            ExpressionTree op = ops.get(i);
            if (i < last) {
                Fragment c = expression(op);
                List<ExpressionTree> after = new ArrayList<>(ops.subList(i + 1, ops.size()));
                if (awaitingRest != null) {
                    after.add(awaitingRest);
                }
                if (!operands.isStable(op, after)) {
                    if (isBareInitializer(op)) {
                        c = arrayCreation(op).add(c);   // a row {..} is no expression outside its initializer
                    }
                    String tmp = lowering.addField(hint(op), typeNames.denotable(t.typeOf(op), op));
                    lowering.emit(new Fragment().text(tmp + " = ").add(c).text(";\n"));
                    c = Fragment.of(tmp);
                }
                out.add(c);
            } else if (i == last) {
                out.add(expression(op));
            } else {
                out.add(holes.expression(op));
            }
        }
        return out;
    }

    /** Whether {@code e} is an array initializer without {@code new T[]}: a declaration's or a row of another. */
    static boolean isBareInitializer(ExpressionTree e) {
        return e instanceof NewArrayTree && ((NewArrayTree) e).getType() == null;
    }

    /**
     * {@code new int[] }: what a bare initializer {@code {...}} needs to stand where the lowering
     * moves it (a hoisted variable's field, a temporary holding a row evaluated before a later
     * row's await). Its type is reifiable: Java rejects initializers of generic array types.
     */
    Fragment arrayCreation(ExpressionTree bareInitializer) {
        return new Fragment().text("new ").type(typeNames.denotable(t.typeOf(bareInitializer), bareInitializer)).text(" ");
    }

    private String hint(ExpressionTree op) {
        ExpressionTree e = stripParens(op);
        if (e instanceof MethodInvocationTree) {
            ExpressionTree sel = ((MethodInvocationTree) e).getMethodSelect();
            return sel instanceof MemberSelectTree ? ((MemberSelectTree) sel).getIdentifier().toString()
                    : ((IdentifierTree) sel).getName().toString();
        }
        if (e instanceof IdentifierTree) {
            return ((IdentifierTree) e).getName().toString();
        }
        if (e instanceof MemberSelectTree) {
            return ((MemberSelectTree) e).getIdentifier().toString();
        }
        if (e instanceof LambdaExpressionTree) {
            return "lambda";
        }
        return "";
    }

    /**
     * The target of an assignment, with its array/receiver operands evaluated (and spilled when
     * {@code awaitingRest}, the right side, awaits).
     */
    private Fragment lvalue(ExpressionTree target, ExpressionTree awaitingRest) {
        ExpressionTree e = stripParens(target);
        if (e instanceof ArrayAccessTree) {
            List<Fragment> c = operands(operands.of(e), awaitingRest);
            return c.get(0).text("[").add(c.get(1)).text("]");
        }
        if (e instanceof MemberSelectTree && Reachability.isValueReceiver(t, ((MemberSelectTree) e).getExpression())) {
            MemberSelectTree m = (MemberSelectTree) e;
            Element el = t.elementOf(m);
            if (el != null && el.getModifiers().contains(Modifier.PRIVATE)) {
                return holes.expression(e);   // reports the private member
            }
            List<Fragment> c = operands(List.of(m.getExpression()), awaitingRest);
            return c.get(0).text("." + m.getIdentifier());
        }
        return holes.expression(e);
    }

    /** {@code rest} when it awaits (the operands before it must then survive the await), else {@code null}. */
    private ExpressionTree ifAwaits(ExpressionTree rest) {
        return awaits.contains(rest) ? rest : null;
    }

    private Fragment compoundAssignment(CompoundAssignmentTree c) {
        ExpressionTree target = stripParens(c.getVariable());
        String op = Operators.spelling(c.getKind());
        if (Reachability.isBridged(t.elementOf(target))) {
            ExpressionTree privateReceiver = Reachability.privateFieldReceiver(t, target);
            Fragment receiver = privateReceiver == null ? null
                    : operands(List.of(privateReceiver), ifAwaits(c.getExpression())).get(0);
            if (!awaits.contains(c.getExpression())) {
                if (receiver != null && awaits.contains(privateReceiver)) {
                    // into a field: a name lets the printer read the field before the right side (Bridges.privateUpdate)
                    String tmp = lowering.addField("receiver", typeNames.denotable(t.typeOf(privateReceiver), privateReceiver));
                    lowering.emit(new Fragment().text(tmp + " = ").add(receiver).text(";\n"));
                    receiver = Fragment.of(tmp);
                }
                return holes.of(Hole.Kind.PRIVATE_UPDATE, c, receiver, holes.expression(c.getExpression()));
            }
            // Java reads (and unboxes) the field before the right side runs (JLS 15.26.2), and the
            // await lets others change it meanwhile: keep the old value, then store (P) (old op rhs).
            TypeName type = typeNames.denotable(Operators.computedIn(t.env.getTypeUtils(), t.typeOf(target)), target);
            String old = lowering.addField("old", type);
            lowering.emit(new Fragment().text(old + " = ").add(holes.of(Hole.Kind.PRIVATE_READ, target, receiver))
                    .text(";\n"));
            Fragment value = new Fragment().text("(").type(type).text(") (" + old + " " + op + " (")
                    .add(expression(c.getExpression())).text("))");
            return holes.of(Hole.Kind.PRIVATE_ASSIGNMENT, target, receiver, value);
        }
        if (!awaits.contains(c.getExpression())) {
            return lvalue(target, null).text(" " + op + "= ").add(holes.expression(c.getExpression()));
        }
        Fragment lhs = lvalue(target, c.getExpression());
        // javac unboxes a boxed target as it reads it, before the right side: a null one throws first
        TypeMirror declared = t.typeOf(target);
        TypeMirror computed = Operators.computedIn(t.env.getTypeUtils(), declared);
        TypeName type = typeNames.denotable(computed, target);
        Fragment old;
        if (operands.isStable(target, List.of(c.getExpression())) && target instanceof IdentifierTree
                && computed == declared) {   // not a box
            old = holes.expression(target);   // a local the right side does not assign: read it after the await
        } else {
            String field = lowering.addField("old", type);
            lowering.emit(new Fragment().text(field + " = ").add(lhs).text(";\n"));
            old = Fragment.of(field);
        }
        Fragment rhs = expression(c.getExpression());
        return lhs.text(" = (").type(type).text(") (").add(old).text(" " + op + " (").add(rhs).text("))");
    }

    private Fragment shortCircuit(BinaryTree b) {
        boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        if (!awaits.contains(b.getRightOperand())) {
            return holes.of(Hole.Kind.BINARY, b, expression(b.getLeftOperand()), holes.expression(b.getRightOperand()));
        }
        String tmp = lowering.addField(and ? "and" : "or", TypeName.BOOLEAN);
        lowering.emit(new Fragment().text(tmp + " = ").add(expression(b.getLeftOperand())).text(";\n"));
        int end = sb.newState();
        lowering.emit(new Fragment().text("if (" + (and ? "!" : "") + tmp + ") {\n").indent().add(StateBuilder.goTo(end, false))
                .unindent().text("}\n"));
        lowering.emit(new Fragment().text(tmp + " = ").add(expression(b.getRightOperand())).text(";\n"));
        sb.mark(end);
        return Fragment.of(tmp);
    }

    private Fragment conditional(ConditionalExpressionTree c) {
        Fragment cond = expression(stripParens(c.getCondition()));
        if (!lowering.splits.splits(c)) {
            return new Fragment().text("(").add(cond).text(") ? ").add(holes.expression(c.getTrueExpression())).text(" : ")
                    .add(holes.expression(c.getFalseExpression()));
        }
        String tmp = lowering.addField("choice", typeNames.denotable(t.typeOf(c), c));
        int otherwise = sb.newState();
        int end = sb.newState();
        lowering.exitUnless(cond, otherwise);
        lowering.emit(new Fragment().text(tmp + " = ").add(expression(c.getTrueExpression())).text(";\n"));
        sb.jump(end);
        sb.mark(otherwise);
        lowering.emit(new Fragment().text(tmp + " = ").add(expression(c.getFalseExpression())).text(";\n"));
        sb.mark(end);
        return Fragment.of(tmp);
    }
}
