package dev.jawait.processor.analysis;

import com.sun.source.tree.*;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.Template;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.VariableElement;

/**
 * Java's "can complete normally" rule (JLS 14.22) for statements copied into the generated code,
 * so the lowering never appends a jump after a statement javac knows cannot complete (which
 * would be an "unreachable statement" error).
 *
 * <pre>{@code
 * if (!Completion.canCompleteNormally(template, stmt)) builder.close();
 * }</pre>
 */
public final class Completion {
    private Completion() {}

    /**
     * Whether javac considers that {@code s} can complete normally (JLS 14.22), as far as the lowering needs
     * to know.
     *
     * @param t the template
     * @param s a statement of its body
     * @return {@code false} if control cannot reach the end of {@code s}
     */
    public static boolean canCompleteNormally(Template t, StatementTree s) {
        switch (s.getKind()) {
            case BLOCK: {
                List<? extends StatementTree> stats = ((BlockTree) s).getStatements();
                return stats.isEmpty() || canCompleteNormally(t, stats.get(stats.size() - 1));
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                return canCompleteNormally(t, l.getStatement()) || hasBreak(l.getStatement(), l.getLabel().toString(), true);
            }
            case IF: {
                IfTree i = (IfTree) s;
                return i.getElseStatement() == null || canCompleteNormally(t, i.getThenStatement())
                        || canCompleteNormally(t, i.getElseStatement());
            }
            case WHILE_LOOP:
                return !isConstantTrue(t, ((WhileLoopTree) s).getCondition()) || hasBreak(s, label(t, s), false);
            case DO_WHILE_LOOP:
                return !isConstantTrue(t, ((DoWhileLoopTree) s).getCondition()) || hasBreak(s, label(t, s), false);
            case FOR_LOOP: {
                ExpressionTree c = ((ForLoopTree) s).getCondition();
                return (c != null && !isConstantTrue(t, c)) || hasBreak(s, label(t, s), false);
            }
            case SWITCH:
                return switchCanComplete(t, (SwitchTree) s);
            case RETURN: case THROW: case BREAK: case CONTINUE: case YIELD:
                return false;
            case TRY: {
                TryTree tr = (TryTree) s;
                if (tr.getFinallyBlock() != null && !canCompleteNormally(t, tr.getFinallyBlock())) {
                    return false;
                }
                if (canCompleteNormally(t, tr.getBlock())) {
                    return true;
                }
                for (CatchTree c : tr.getCatches()) {
                    if (canCompleteNormally(t, c.getBlock())) {
                        return true;
                    }
                }
                return false;
            }
            case SYNCHRONIZED:
                return canCompleteNormally(t, ((SynchronizedTree) s).getBlock());
            default:
                return true;
        }
    }

    private static boolean switchCanComplete(Template t, SwitchTree s) {
        boolean hasDefault = false;
        for (CaseTree c : s.getCases()) {
            hasDefault |= c.getExpressions().isEmpty();
        }
        if (!hasDefault || hasBreak(s, label(t, s), false)) {
            return true;
        }
        List<? extends CaseTree> cases = s.getCases();
        if (cases.get(0).getCaseKind() == CaseTree.CaseKind.RULE) {
            for (CaseTree c : cases) {
                Tree body = c.getBody();
                if (body instanceof ExpressionTree || (body instanceof StatementTree
                        && canCompleteNormally(t, (StatementTree) body))) {
                    return true;
                }
            }
            return false;
        }
        List<? extends StatementTree> last = cases.get(cases.size() - 1).getStatements();
        return last.isEmpty() || canCompleteNormally(t, last.get(last.size() - 1));
    }

    private static String label(Template t, Tree s) {
        Tree parent = t.parentOf(s);
        return parent instanceof LabeledStatementTree ? ((LabeledStatementTree) parent).getLabel().toString() : null;
    }

    static boolean isConstantTrue(Template t, ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        if (e instanceof LiteralTree) {
            return Boolean.TRUE.equals(((LiteralTree) e).getValue());
        }
        if (e instanceof IdentifierTree || e instanceof MemberSelectTree) {
            Element el = t.elementOf(e);
            return el instanceof VariableElement && Boolean.TRUE.equals(((VariableElement) el).getConstantValue());
        }
        return false;
    }

    /** Whether {@code target} contains a break that exits it (unlabeled, or to {@code label}). */
    private static boolean hasBreak(Tree target, String label, boolean labelOnly) {
        boolean[] found = new boolean[1];
        new TreeScanner<Void, Integer>() {
            @Override
            public Void visitBreak(BreakTree node, Integer depth) {
                if (node.getLabel() != null ? node.getLabel().contentEquals(label == null ? "" : label)
                        : !labelOnly && depth == 0) {
                    found[0] = true;
                }
                return null;
            }

            private Void nested(Tree body, Integer depth) {
                return scan(body, depth + 1);
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Integer depth) {
                return node == target ? super.visitWhileLoop(node, depth) : nested(node.getStatement(), depth);
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Integer depth) {
                return node == target ? super.visitDoWhileLoop(node, depth) : nested(node.getStatement(), depth);
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Integer depth) {
                return node == target ? super.visitForLoop(node, depth) : nested(node.getStatement(), depth);
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree node, Integer depth) {
                return node == target ? super.visitEnhancedForLoop(node, depth) : nested(node.getStatement(), depth);
            }

            @Override
            public Void visitSwitch(SwitchTree node, Integer depth) {
                if (node == target) {
                    return super.visitSwitch(node, depth);
                }
                for (CaseTree c : node.getCases()) {
                    nested(c, depth);
                }
                return null;
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Integer depth) {
                return null;
            }

            @Override
            public Void visitClass(ClassTree node, Integer depth) {
                return null;
            }
        }.scan(target, 0);
        return found[0];
    }
}
