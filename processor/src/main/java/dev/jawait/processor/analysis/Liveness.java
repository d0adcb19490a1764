package dev.jawait.processor.analysis;

import com.sun.source.tree.ArrayAccessTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.LocalCaptures;
import dev.jawait.processor.front.PatternTrees;
import dev.jawait.processor.front.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * Which locals of a template live across an await and so must be fields of the state machine.
 * Each local that does not stays a Java local of the one state that declares and uses it.
 *
 * <p>A reference (read or write) to a local needs a field when it can run in a later state than
 * the declaration:
 * <ul>
 * <li>after an await that follows the declaration: textually later in its scope, or anywhere in
 *     the repeated part of a loop that holds such an await but not the declaration (the back edge;
 *     a {@code for} loop's condition and update repeat, its initializer does not);</li>
 * <li>before such an await, as an operand the lowering leaves in place and uses after it (a stable
 *     operand, see {@link Operands}), or as the target of an assignment whose right side awaits;</li>
 * <li>in a part of an awaiting statement that the lowering starts as a state of its own although
 *     no await separates it from the declaration ({@link StateSplits}: an {@code else} branch, a
 *     {@code case}, a {@code try} block, catch or finally, a resource, a loop's repeated part,
 *     the false branch of {@code ?:}).</li>
 * </ul>
 * Resources and used catch parameters of an awaiting {@code try} are always fields (the lowered
 * close and failure dispatch reach them from other states), and so are pattern bindings of a
 * statement that awaits (their flow scoping does not survive the lowering; for a case label's,
 * of a switch that the lowering splits). Parameters are fields
 * anyway.
 *
 * <pre>{@code
 * Liveness live = Liveness.of(template, awaits);
 * if (live.needsField(tree, element)) hoist(element);
 * }</pre>
 */
final class Liveness {
    private final Template t;
    private final Awaits awaits;
    private final Operands operands;
    private final StateSplits splits;
    /** Pre-order index of every tree of the body, and the index of its last descendant. */
    private final Map<Tree, Integer> first = new IdentityHashMap<>();
    private final Map<Tree, Integer> last = new IdentityHashMap<>();
    private final List<Tree> awaitCalls = new ArrayList<>();
    /** Parts of awaiting statements that the lowering places in states of their own. */
    private final List<List<Tree>> regions = new ArrayList<>();
    /** Each local's identifiers, and the {@code new K(...)} of local classes that capture it (they pass its value). */
    private final Map<Element, List<Tree>> references = new HashMap<>();
    private final Map<Element, List<Element>> capturesOfLocalClass = new HashMap<>();

    private Liveness(Template t, Awaits awaits) {
        this.t = t;
        this.awaits = awaits;
        this.operands = new Operands(t, awaits);
        this.splits = new StateSplits(awaits);
    }

    static Liveness of(Template t, Awaits awaits) {
        Liveness live = new Liveness(t, awaits);
        if (t.tree.getBody() != null) {
            live.new Indexer().scan(t.tree.getBody(), null);
        }
        return live;
    }

    /** Whether the local declared by {@code decl} (a statement, resource, catch parameter or binding) needs a field. */
    boolean needsField(VariableTree decl, Element variable) {
        Tree parent = t.parentOf(decl);
        if (parent instanceof TryTree && ((TryTree) parent).getResources().contains(decl)) {
            return awaits.contains(parent);
        }
        if (parent instanceof CatchTree) {
            return awaits.contains(t.parentOf(parent)) && references.containsKey(variable);
        }
        if (parent instanceof BindingPatternTree && bindingOfLoweredStatement(parent)) {
            return !PatternTrees.isUnnamed(decl);   // "_" binds nothing
        }
        // an enhanced for's variable is assigned at the top of each iteration, after the iterable
        Integer declared = last.get(parent instanceof EnhancedForLoopTree
                ? ((EnhancedForLoopTree) parent).getExpression() : decl);
        if (declared == null) {
            return true;   // not indexed: stay conservative
        }
        for (Tree r : references.getOrDefault(variable, List.of())) {
            if (runsInLaterState(r, decl, declared)) {
                return true;
            }
        }
        return false;
    }

    private boolean runsInLaterState(Tree r, VariableTree decl, int declared) {
        int at = r instanceof IdentifierTree ? first.get(r) : last.get(r);   // a new K(...) passes it after its arguments
        for (Tree a : awaitCalls) {
            if (first.get(a) > declared && last.get(a) < at) {
                return true;   // after an await that follows the declaration
            }
        }
        if (r instanceof IdentifierTree && usedAfterLaterOperandAwaits((IdentifierTree) r)) {
            return true;
        }
        for (List<Tree> region : regions) {
            if (contains(region, r) && !contains(region, decl)) {
                return true;   // also the back edge: a loop's next iteration runs after this one's awaits
            }
        }
        return false;
    }

    /**
     * Whether the value (or target) that {@code r} names is used after an await in a later
     * operand of the same expression: {@code x = await(f)}, {@code a[i] = await(f)},
     * {@code x.m(await(f))}, {@code x + await(f)} when {@code x} is stable.
     */
    private boolean usedAfterLaterOperandAwaits(IdentifierTree r) {
        ExpressionTree cur = outermostParens(r);
        Tree p = t.parentOf(cur);
        ExpressionTree rhs = assignedFrom(p, cur);
        if (rhs != null) {
            return awaits.contains(rhs);   // written once the right side is done
        }
        if (p instanceof ArrayAccessTree || p instanceof MemberSelectTree) {
            ExpressionTree target = outermostParens((ExpressionTree) p);
            Tree q = t.parentOf(target);
            ExpressionTree value = assignedFrom(q, target);
            if (value != null && awaits.contains(value)) {
                // the array, index or receiver of an assignment target, left in place when stable
                List<Tree> after = new ArrayList<>();
                if (p instanceof ArrayAccessTree && ((ArrayAccessTree) p).getExpression() == cur) {
                    after.add(((ArrayAccessTree) p).getIndex());
                }
                after.add(value);
                return operands.isStable(cur, after);
            }
            if (p instanceof MemberSelectTree && q instanceof MethodInvocationTree
                    && ((MethodInvocationTree) q).getMethodSelect() == p) {
                p = q;   // the receiver of a call is its first operand
            }
        }
        List<ExpressionTree> ops = p instanceof ExpressionTree ? operands.of((ExpressionTree) p) : null;
        int at = ops == null ? -1 : ops.indexOf(cur);
        if (at < 0) {
            return false;
        }
        List<ExpressionTree> after = ops.subList(at + 1, ops.size());
        return awaits.containsAny(after) && operands.isStable(cur, after);
    }

    /** The right side when {@code target} is the variable of the (compound) assignment {@code p}, else {@code null}. */
    private static ExpressionTree assignedFrom(Tree p, ExpressionTree target) {
        if (p instanceof AssignmentTree && ((AssignmentTree) p).getVariable() == target) {
            return ((AssignmentTree) p).getExpression();
        }
        if (p instanceof CompoundAssignmentTree && ((CompoundAssignmentTree) p).getVariable() == target) {
            return ((CompoundAssignmentTree) p).getExpression();
        }
        return null;
    }

    private ExpressionTree outermostParens(ExpressionTree e) {
        ExpressionTree cur = e;
        while (t.parentOf(cur) instanceof ParenthesizedTree) {
            cur = (ExpressionTree) t.parentOf(cur);
        }
        return cur;
    }

    /**
     * Whether {@code binding} belongs to a statement the lowering splits. One in a case label or
     * guard belongs to its switch, which is lowered (its cases tested in states of their own) only
     * when it awaits past its selector; otherwise the switch is printed and its bindings stay locals.
     */
    private boolean bindingOfLoweredStatement(Tree binding) {
        Tree child = binding;
        for (Tree x = t.parentOf(binding); x != null; child = x, x = t.parentOf(x)) {
            if (x instanceof CaseTree) {   // tested first: javac's case trees are statements
                if (child == PatternTrees.guard((CaseTree) x) || PatternTrees.isLabel(child)) {
                    Tree owner = t.parentOf(x);
                    return owner instanceof SwitchTree ? splits.splits((SwitchTree) owner) : awaits.contains(owner);
                }
                break;   // in the case's body
            }
            if (x instanceof StatementTree) {
                break;
            }
        }
        return awaits.contains(enclosingStatement(binding));
    }

    private Tree enclosingStatement(Tree tree) {
        Tree s = tree;
        while (s != null && !(s instanceof StatementTree)) {
            s = t.parentOf(s);
        }
        return s;
    }

    private boolean contains(List<Tree> parts, Tree tree) {
        Integer at = first.get(tree);
        for (Tree part : parts) {
            if (at != null && first.get(part) <= at && at <= last.get(part)) {
                return true;
            }
        }
        return false;
    }

    /** The locals that {@code type} captures if it is a local class of the template. */
    private List<Element> captures(TypeElement type) {
        if (type.getNestingKind() != NestingKind.LOCAL) {
            return List.of();
        }
        return capturesOfLocalClass.computeIfAbsent(type, k -> {
            ClassTree c = t.trees.getTree(type);
            return c == null ? List.of() : LocalCaptures.of(t, c);
        });
    }

    /** Numbers the trees in source order and notes awaits, references and the parts that start states. */
    private final class Indexer extends TreeScanner<Void, Void> {
        private int next;

        @Override
        public Void scan(Tree tree, Void unused) {
            if (tree == null) {
                return null;
            }
            first.put(tree, next++);
            note(tree);
            super.scan(tree, unused);
            last.put(tree, next - 1);
            return null;
        }

        private void note(Tree tree) {
            switch (tree.getKind()) {
                case IDENTIFIER: {
                    Element e = t.elementOf(tree);
                    if (e != null && LocalCaptures.isLocal(e)) {
                        references.computeIfAbsent(e, k -> new ArrayList<>()).add((IdentifierTree) tree);
                    }
                    return;
                }
                case NEW_CLASS: {
                    Element type = t.elementOf(((NewClassTree) tree).getIdentifier());
                    for (Element e : type instanceof TypeElement ? captures((TypeElement) type) : List.<Element>of()) {
                        references.computeIfAbsent(e, k -> new ArrayList<>()).add(tree);
                    }
                    break;
                }
                case METHOD_INVOCATION:
                    if (awaits.isAwait(tree)) {
                        awaitCalls.add(tree);
                    }
                    return;
                default:
                    break;
            }
            regions.addAll(splits.ownStates(tree));
        }
    }
}
