package dev.jawait.processor.analysis;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.WhileLoopTree;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the lowering starts a new state, besides right after each await: the one answer that the
 * lowering (which makes the states) and {@link Liveness} (which must know what runs in a later
 * state than a declaration) share. Each generated state is a block of its own, so a local
 * declared in one state is out of scope in the next even when no await lies between them.
 *
 * <ul>
 * <li>an {@code if} is split into states when a branch awaits; its {@code else} branch then
 *     starts a state (the {@code then} branch continues the condition's);</li>
 * <li>a {@code ?:} likewise, with its false branch;</li>
 * <li>a {@code switch} statement when a case awaits, and a switch expression that awaits: each case;</li>
 * <li>a {@code try} that awaits: each resource, the block, each catch and the finally;</li>
 * <li>a loop that awaits: its repeated part (condition, body and update; an enhanced
 *     {@code for}'s variable and body), entered again from the back edge.</li>
 * </ul>
 *
 * <pre>{@code
 * StateSplits splits = new StateSplits(awaits);
 * if (splits.splits(ifTree)) lowerIntoStates(ifTree); else copy(ifTree);
 * for (List<Tree> part : splits.ownStates(tree)) ...   // each part starts in a state of its own
 * }</pre>
 */
public final class StateSplits {
    private final Awaits awaits;

    /**
     * The split rules over {@code awaits}.
     *
     * @param awaits the template's awaits
     */
    public StateSplits(Awaits awaits) {
        this.awaits = awaits;
    }

    /**
     * Whether the lowering splits {@code i} into states; otherwise it copies it, its condition lowered in place.
     *
     * @param i an {@code if} statement of the template
     * @return {@code true} if it is split
     */
    public boolean splits(IfTree i) {
        return awaits.contains(i.getThenStatement()) || awaits.contains(i.getElseStatement());
    }

    /**
     * Whether the lowering splits {@code c} into states; otherwise it prints it, its condition lowered in place.
     *
     * @param c a conditional expression of the template
     * @return {@code true} if it is split
     */
    public boolean splits(ConditionalExpressionTree c) {
        return awaits.contains(c.getTrueExpression()) || awaits.contains(c.getFalseExpression());
    }

    /**
     * Whether the lowering splits {@code s} into states; otherwise it copies it, its selector lowered in place.
     *
     * @param s a {@code switch} statement of the template
     * @return {@code true} if it is split
     */
    public boolean splits(SwitchTree s) {
        return awaits.containsAny(s.getCases());
    }

    /**
     * The parts of {@code tree} that the lowering starts in states of their own, not reached by
     * falling through from the code before them; each part is one or more trees. Empty when
     * {@code tree} does not await or is not split.
     *
     * @param tree a statement or expression of the template
     * @return the parts, each a list of trees; empty when none
     */
    public List<List<Tree>> ownStates(Tree tree) {
        List<List<Tree>> parts = new ArrayList<>();
        if (!awaits.contains(tree)) {
            return parts;
        }
        switch (tree.getKind()) {
            case IF: {
                IfTree i = (IfTree) tree;
                if (i.getElseStatement() != null && splits(i)) {
                    parts.add(List.of(i.getElseStatement()));
                }
                break;
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) tree;
                if (splits(c)) {
                    parts.add(List.of(c.getFalseExpression()));
                }
                break;
            }
            case SWITCH: {
                List<? extends CaseTree> cases = ((SwitchTree) tree).getCases();
                if (splits((SwitchTree) tree)) {
                    cases.forEach(c -> parts.add(List.of(c)));
                }
                break;
            }
            case SWITCH_EXPRESSION:
                ((SwitchExpressionTree) tree).getCases().forEach(c -> parts.add(List.of(c)));
                break;
            case TRY: {
                TryTree tr = (TryTree) tree;
                tr.getResources().forEach(r -> parts.add(List.of(r)));
                parts.add(List.of(tr.getBlock()));
                tr.getCatches().forEach(c -> parts.add(List.of(c)));
                if (tr.getFinallyBlock() != null) {
                    parts.add(List.of(tr.getFinallyBlock()));
                }
                break;
            }
            case WHILE_LOOP:
                parts.add(List.of(((WhileLoopTree) tree).getCondition(), ((WhileLoopTree) tree).getStatement()));
                break;
            case DO_WHILE_LOOP:
                parts.add(List.of(((DoWhileLoopTree) tree).getStatement(), ((DoWhileLoopTree) tree).getCondition()));
                break;
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) tree;
                List<Tree> repeated = new ArrayList<>();
                if (f.getCondition() != null) {
                    repeated.add(f.getCondition());
                }
                repeated.add(f.getStatement());
                repeated.addAll(f.getUpdate());
                parts.add(List.copyOf(repeated));
                break;
            }
            case ENHANCED_FOR_LOOP:
                parts.add(List.of(((EnhancedForLoopTree) tree).getVariable(), ((EnhancedForLoopTree) tree).getStatement()));
                break;
            default:
                break;
        }
        return parts;
    }
}
