package dev.jawait.processor.lowering;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Makes the {@link Hole holes} of one lowering, numbered in order, and counts the instructions
 * that end a capture window (every instruction the lowering emits for template code: copies of
 * variables that a lambda of that code captures are declared just before it).
 *
 * <pre>{@code
 * Fragment value = holes.expression(tree);         // printed by the emission
 * states.emit(code, holes.endWindow());
 * }</pre>
 */
final class Holes {
    private final List<Hole> all = new ArrayList<>();
    private int windows;

    Fragment expression(ExpressionTree e) {
        return of(Hole.Kind.EXPRESSION, e);
    }

    Fragment statement(StatementTree s) {
        return of(Hole.Kind.STATEMENT, s);
    }

    Fragment type(Tree type) {
        return of(Hole.Kind.TYPE, type);
    }

    Fragment variableType(VariableTree v) {
        return of(Hole.Kind.VARIABLE_TYPE, v);
    }

    Fragment caseLabel(CaseTree c) {
        return of(Hole.Kind.CASE_LABEL, c);
    }

    /** A hole printing {@code tree} with {@code operands} (already lowered) in place of its own. */
    Fragment of(Hole.Kind kind, Tree tree, Fragment... operands) {
        return of(kind, tree, Arrays.asList(operands));
    }

    Fragment of(Hole.Kind kind, Tree tree, List<Fragment> operands) {
        Hole h = new Hole(all.size(), windows, kind, tree, Collections.unmodifiableList(new ArrayList<>(operands)));
        all.add(h);
        return Fragment.of(h);
    }

    /** Ends the current capture window: the number of the instruction that closes it. */
    int endWindow() {
        return windows++;
    }

    List<Hole> all() {
        return Collections.unmodifiableList(all);
    }

    int windows() {
        return windows;
    }
}
