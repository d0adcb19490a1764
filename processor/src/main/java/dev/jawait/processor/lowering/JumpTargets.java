package dev.jawait.processor.lowering;

import com.palantir.javapoet.TypeName;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.LabeledStatementTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.SwitchExpressionTree;
import com.sun.source.tree.SwitchTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Name;
import javax.lang.model.type.TypeMirror;

/**
 * Where {@code break}, {@code continue}, {@code yield} and {@code return} go in the lowered code
 * (regenerator's {@code leap.js}): one stack of the enclosing lowered loops, switches, labels and
 * finally blocks, innermost first. A jump that leaves finally blocks runs each of them on the way,
 * through the "next state" field of each finally (trampoline states chain them), and a
 * {@code return} inside a finally's reach stores its value and jumps to a shared return state.
 *
 * <pre>{@code
 * jumps.within(JumpTargets.loop(tree, label, end, top), () -> statement(body));
 * Fragment exit = jumps.jump(breakTree, true);   // state = end; continue; (through finally blocks if any)
 * }</pre>
 */
final class JumpTargets {
    /** An entry of the stack: a break/continue/yield target, or a finally block that jumps must run. */
    static final class Entry {
        final Tree tree;
        final String label;
        final int breakState;
        final int continueState;   // -1 when not a loop
        final String yieldField;   // for switch expressions: where yield stores the value
        final Region.Finally finallyBlock;
        int depth;                 // finally blocks active outside the target

        private Entry(Tree tree, String label, int breakState, int continueState, String yieldField,
                Region.Finally finallyBlock) {
            this.tree = tree;
            this.label = label;
            this.breakState = breakState;
            this.continueState = continueState;
            this.yieldField = yieldField;
            this.finallyBlock = finallyBlock;
        }
    }

    private final Lowering lowering;
    private final StateBuilder sb;
    private final Deque<Entry> entries = new ArrayDeque<>();
    /** The finally blocks of {@link #entries}, outermost first: jumps index them by depth. */
    private final List<Region.Finally> activeFinally = new ArrayList<>();
    private final Map<String, Integer> trampolines = new HashMap<>();
    private int returnState = -1;
    private String retval;

    JumpTargets(Lowering lowering, StateBuilder sb) {
        this.lowering = lowering;
        this.sb = sb;
    }

    /** A loop (or an unlabelled switch statement when {@code continueState} is -1). */
    static Entry loop(Tree tree, String label, int breakState, int continueState) {
        return new Entry(tree, label, breakState, continueState, null, null);
    }

    /** A labelled statement other than a loop: only {@code break label} targets it. */
    static Entry labeled(String label, int end) {
        return new Entry(null, label, end, -1, null, null);
    }

    /** A lowered switch expression: {@code yield} stores into {@code result} and leaves. */
    static Entry switchExpression(int end, String result) {
        return new Entry(null, null, end, -1, result, null);
    }

    /** A finally block that jumps leaving it must run (none when {@code f} is null). */
    static Entry finallyBlock(Region.Finally f) {
        return new Entry(null, null, -1, -1, null, f);
    }

    /** Runs {@code body} with {@code entry} innermost. */
    void within(Entry entry, Runnable body) {
        push(entry);
        try {
            body.run();
        } finally {
            pop(entry);
        }
    }

    void push(Entry entry) {
        if (entry.finallyBlock != null) {
            activeFinally.add(entry.finallyBlock);
        }
        entry.depth = activeFinally.size() - (entry.finallyBlock != null ? 1 : 0);
        entries.push(entry);
    }

    void pop(Entry entry) {
        if (entries.pop() != entry) {
            throw new IllegalStateException("unbalanced jump targets");
        }
        if (entry.finallyBlock != null) {
            activeFinally.remove(activeFinally.size() - 1);
        }
    }

    /** The number of finally blocks a jump from here passes before reaching the method's top. */
    int depth() {
        return activeFinally.size();
    }

    /** The code of a {@code break} or {@code continue} of the template. */
    Fragment jump(StatementTree jump, boolean labelled) {
        Entry target = resolve(jump);
        int state = jump instanceof ContinueTree ? target.continueState : target.breakState;
        return jumpCode(state, target.depth, activeFinally.size(), labelled);
    }

    private Entry resolve(StatementTree jump) {
        Name label = jump instanceof BreakTree ? ((BreakTree) jump).getLabel() : ((ContinueTree) jump).getLabel();
        for (Entry target : entries) {
            if (target.finallyBlock != null) {
                continue;
            }
            if (label != null) {
                if (label.contentEquals(target.label == null ? "" : target.label)
                        && (jump instanceof BreakTree || target.continueState >= 0)) {
                    return target;
                }
            } else if (jump instanceof BreakTree ? target.tree != null : target.continueState >= 0) {
                return target;
            }
        }
        throw new IllegalStateException("no target for " + jump);
    }

    /**
     * The code of each {@code break}, {@code continue}, {@code yield} and {@code return} of the
     * copied statement {@code s} that leaves it (in the order the emission prints them), for the
     * emission to print in their place; a value goes into the fragment's slot.
     */
    void exitsOf(StatementTree s, Map<StatementTree, Fragment> exits) {
        new TreeScanner<Void, Void>() {
            /** The loops, switches and labelled statements inside {@code s} around the current node. */
            private final Deque<Tree> scopes = new ArrayDeque<>();

            private Void within(Tree scope, Tree body) {
                scopes.push(scope);
                try {
                    return scan(body, null);
                } finally {
                    scopes.pop();
                }
            }

            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
                return within(node, node.getStatement());
            }

            @Override
            public Void visitWhileLoop(WhileLoopTree node, Void unused) {
                scan(node.getCondition(), null);
                return within(node, node.getStatement());
            }

            @Override
            public Void visitDoWhileLoop(DoWhileLoopTree node, Void unused) {
                within(node, node.getStatement());
                return scan(node.getCondition(), null);
            }

            @Override
            public Void visitForLoop(ForLoopTree node, Void unused) {
                scan(node.getInitializer(), null);
                scan(node.getCondition(), null);
                scan(node.getUpdate(), null);
                return within(node, node.getStatement());
            }

            @Override
            public Void visitEnhancedForLoop(EnhancedForLoopTree node, Void unused) {
                scan(node.getVariable(), null);
                scan(node.getExpression(), null);
                return within(node, node.getStatement());
            }

            @Override
            public Void visitSwitch(SwitchTree node, Void unused) {
                scan(node.getExpression(), null);
                scopes.push(node);
                try {
                    return scan(node.getCases(), null);
                } finally {
                    scopes.pop();
                }
            }

            @Override
            public Void visitSwitchExpression(SwitchExpressionTree node, Void unused) {
                return null;   // a yield, break or continue inside stays inside (JLS 15.28.1)
            }

            @Override
            public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
                return null;   // jumps and returns of another body
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                return null;
            }

            @Override
            public Void visitBreak(BreakTree node, Void unused) {
                if (!staysInside(node.getLabel(), true)) {
                    exits.put(node, jump(node, true));
                }
                return null;
            }

            @Override
            public Void visitContinue(ContinueTree node, Void unused) {
                if (!staysInside(node.getLabel(), false)) {
                    exits.put(node, jump(node, true));
                }
                return null;
            }

            @Override
            public Void visitYield(YieldTree node, Void unused) {
                scan(node.getValue(), null);
                exits.put(node, yieldCode(Fragment.slot(), true));
                return null;
            }

            @Override
            public Void visitReturn(ReturnTree node, Void unused) {
                scan(node.getExpression(), null);
                exits.put(node, returnCode(node.getExpression() == null ? null : Fragment.slot(), true));
                return null;
            }

            private boolean staysInside(Name label, boolean isBreak) {
                for (Tree scope : scopes) {
                    if (label != null ? scope instanceof LabeledStatementTree
                            && ((LabeledStatementTree) scope).getLabel().contentEquals(label)
                            : !(scope instanceof LabeledStatementTree) && (isBreak || !(scope instanceof SwitchTree))) {
                        return true;
                    }
                }
                return false;
            }
        }.scan(s, null);
    }

    /** Jump to {@code state} from inside the current finally blocks to the depth of {@code toDepth}. */
    Fragment jumpTo(int state, int toDepth, boolean labelled) {
        return jumpCode(state, toDepth, activeFinally.size(), labelled);
    }

    /** Jump to {@code state}, running the finally blocks between {@code fromDepth} and {@code toDepth}. */
    private Fragment jumpCode(int state, int toDepth, int fromDepth, boolean labelled) {
        if (fromDepth <= toDepth) {
            return StateBuilder.goTo(state, labelled);
        }
        Region.Finally f = activeFinally.get(fromDepth - 1);
        int via = fromDepth - 1 == toDepth ? state : trampoline(state, toDepth, fromDepth - 1);
        return Fragment.of(f.next + " = " + StateBuilder.ref(via) + ";\n").add(StateBuilder.goTo(f.entry, labelled));
    }

    private int trampoline(int state, int toDepth, int fromDepth) {
        String key = state + "/" + toDepth + "/" + fromDepth;
        Integer existing = trampolines.get(key);
        if (existing != null) {
            return existing;
        }
        int number = sb.newState();
        trampolines.put(key, number);
        sb.addTrailing(number, null).accept(jumpCode(state, toDepth, fromDepth, false));
        return number;
    }

    /** {@code return value} of the template: completes the machine, after the active finally blocks. */
    Fragment returnCode(Fragment value, boolean labelled) {
        if (activeFinally.isEmpty()) {
            return new Fragment().text("return complete(").add(completionValue(value)).text(");\n");
        }
        Fragment out = new Fragment();
        if (!lowering.isVoid()) {
            if (retval == null) {
                retval = lowering.addNamedField("result", TypeName.get(lowering.returnType()));
            }
            out.text(retval + " = ").add(value).text(";\n");
        }
        if (returnState < 0) {
            returnState = sb.newState();
            sb.addTrailing(returnState, null).accept(new Fragment().text("return complete(")
                    .add(completionValue(retval == null ? null : Fragment.of(retval))).text(");\n"));
        }
        return out.add(jumpCode(returnState, 0, activeFinally.size(), labelled));
    }

    private Fragment completionValue(Fragment value) {
        if (value == null || lowering.isVoid()) {
            return Fragment.of("null");
        }
        TypeMirror r = lowering.returnType();
        if (r.getKind().isPrimitive()) {
            return new Fragment().text("(" + r + ") (").add(value).text(")");
        }
        return value;
    }

    /** {@code yield value} of a lowered switch expression: store, then leave the switch. */
    Fragment yieldCode(Fragment value, boolean labelled) {
        for (Entry target : entries) {
            if (target.yieldField != null) {
                return new Fragment().text(target.yieldField + " = ").add(value).text(";\n")
                        .add(jumpCode(target.breakState, target.depth, activeFinally.size(), labelled));
            }
        }
        throw new IllegalStateException("yield outside a lowered switch expression");
    }
}
