package dev.jawait.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewArrayTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.LocalCaptures;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.Template;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;

/**
 * The operands of an expression that awaits, in Java's evaluation order, and which of them the
 * lowering may leave in place (stable: their value and any exception they throw cannot change
 * between their turn and the await that follows) instead of spilling them into a temporary.
 * A stable operand is printed where it is used, after the await, so a local it names must
 * outlive the await.
 *
 * <pre>{@code
 * Operands operands = new Operands(template, awaits);
 * for (ExpressionTree op : operands.of(call)) if (!operands.isStable(op)) spill(op);
 * }</pre>
 */
public final class Operands {
    private final Template t;
    private final Awaits awaits;

    /**
     * The operand rules for {@code t}'s body.
     *
     * @param t the template, attributed
     * @param awaits its awaits and assignments
     */
    public Operands(Template t, Awaits awaits) {
        this.t = t;
        this.awaits = awaits;
    }

    /**
     * The operands evaluated left to right before {@code e} itself is computed: receiver (when a
     * value) and arguments of a call, enclosing instance and arguments of {@code new}, dimensions
     * and initializers of an array creation, array and index, both sides of a binary operator other
     * than {@code &&}/{@code ||}; {@code null} for any other expression.
     *
     * @param e an expression
     * @return its operands in evaluation order, or {@code null}
     */
    public List<ExpressionTree> of(ExpressionTree e) {
        List<ExpressionTree> ops = new ArrayList<>();
        switch (e.getKind()) {
            case METHOD_INVOCATION: {
                MethodInvocationTree m = (MethodInvocationTree) e;
                if (m.getMethodSelect() instanceof MemberSelectTree
                        && Reachability.isValueReceiver(t, ((MemberSelectTree) m.getMethodSelect()).getExpression())) {
                    ops.add(((MemberSelectTree) m.getMethodSelect()).getExpression());
                }
                ops.addAll(m.getArguments());
                return ops;
            }
            case NEW_CLASS: {
                NewClassTree n = (NewClassTree) e;
                if (n.getEnclosingExpression() != null) {
                    ops.add(n.getEnclosingExpression());
                }
                ops.addAll(n.getArguments());
                return ops;
            }
            case NEW_ARRAY: {
                NewArrayTree n = (NewArrayTree) e;
                ops.addAll(n.getDimensions());
                if (n.getInitializers() != null) {
                    ops.addAll(n.getInitializers());
                }
                return ops;
            }
            case ARRAY_ACCESS:
                return List.of(((ArrayAccessTree) e).getExpression(), ((ArrayAccessTree) e).getIndex());
            case CONDITIONAL_AND: case CONDITIONAL_OR:
                return null;
            default:
                if (e instanceof BinaryTree) {
                    return List.of(((BinaryTree) e).getLeftOperand(), ((BinaryTree) e).getRightOperand());
                }
                return null;
        }
    }

    /**
     * Whether {@code op} may be evaluated later than its turn, once {@code evaluatedAfter} (the
     * operands and right side that follow it) have run, without changing the result: literals,
     * {@code this}, types, locals that {@code evaluatedAfter} does not assign (nothing else can
     * assign a local), static final fields and final fields of {@code this}, lambdas that capture no
     * local, method references on a type or {@code this}. A field of another object is not stable
     * (its receiver may be null, and the exception must come before the await), nor is anything
     * that computes.
     *
     * @param op an operand
     * @param evaluatedAfter the trees evaluated after it and before the await
     * @return {@code true} if {@code op} need not be spilled to a field
     */
    public boolean isStable(ExpressionTree op, List<? extends Tree> evaluatedAfter) {
        ExpressionTree e = stripParens(op);
        if (e instanceof LiteralTree) {
            return true;
        }
        if (e instanceof LambdaExpressionTree) {
            return !capturesLocal(e);
        }
        if (e instanceof MemberReferenceTree) {
            ExpressionTree q = stripParens(((MemberReferenceTree) e).getQualifierExpression());
            return isSelf(q) || t.elementOf(q) instanceof TypeElement || q.getKind() == Tree.Kind.ARRAY_TYPE
                    || q.getKind() == Tree.Kind.PARAMETERIZED_TYPE;   // int[]::new, List<String>::size
        }
        if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
            if (isSelf(e)) {
                return true;
            }
            if (e instanceof MemberSelectTree && ((MemberSelectTree) e).getIdentifier().contentEquals("class")) {
                return true;
            }
            Element el = t.elementOf(e);
            if (el == null) {
                return false;
            }
            if (LocalCaptures.isLocal(el)) {
                return e instanceof IdentifierTree && !assignedWithin(el, evaluatedAfter);
            }
            switch (el.getKind()) {
                case FIELD: case ENUM_CONSTANT:
                    return el.getModifiers().contains(Modifier.FINAL) && (e instanceof IdentifierTree
                            || el.getModifiers().contains(Modifier.STATIC)
                            || isSelf(stripParens(((MemberSelectTree) e).getExpression())));
                default:
                    return el instanceof TypeElement;
            }
        }
        return false;
    }

    /** Whether an assignment to the local {@code variable} lies inside one of {@code trees}. */
    private boolean assignedWithin(Element variable, List<? extends Tree> trees) {
        for (Tree target : awaits.assignmentsOf(variable)) {
            for (Tree x = target; x != null; x = t.parentOf(x)) {
                for (Tree root : trees) {
                    if (x == root) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** {@code this}, {@code super}, {@code Outer.this}: the receiver, which the machine holds in a final field. */
    private static boolean isSelf(ExpressionTree e) {
        javax.lang.model.element.Name n = e instanceof IdentifierTree ? ((IdentifierTree) e).getName()
                : e instanceof MemberSelectTree ? ((MemberSelectTree) e).getIdentifier() : null;
        return n != null && (n.contentEquals("this") || n.contentEquals("super"));
    }

    /** Whether {@code tree} names a local or parameter of the template declared outside it. */
    private boolean capturesLocal(Tree tree) {
        Set<Element> inside = new HashSet<>();
        boolean[] found = new boolean[1];
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitVariable(VariableTree node, Void unused) {
                Element e = t.elementOf(node);
                if (e != null) {
                    inside.add(e);
                }
                return super.visitVariable(node, unused);
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                Element e = t.elementOf(node);
                if (e != null && LocalCaptures.isLocal(e) && !inside.contains(e)) {
                    found[0] = true;
                }
                return null;
            }
        }.scan(tree, null);
        return found[0];
    }

    static ExpressionTree stripParens(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }
}
