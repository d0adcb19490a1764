package dev.jawait.processor.front;

import com.sun.source.tree.*;
import com.sun.source.util.TreeScanner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.TypeElement;

/**
 * Finds a tree in a template's body that javac itself rejects although it attributes it with
 * good types, so that the processor writes no state machine for the template and adds no error:
 * javac's own error at the template is the whole story (a machine copied from the wrong code
 * would repeat it as errors inside the generated file, or trip the lowering). Only what javac
 * always rejects counts, whatever else the template says (JLS 14.15, 14.16, 14.22, 15.8.3, 8.4.3.2):
 * <ul>
 * <li>a {@code break} or {@code continue} without a target ("break outside switch or loop");</li>
 * <li>a statement right after a {@code break}, {@code continue}, {@code return} or {@code throw}
 *     in the same block ("unreachable statement");</li>
 * <li>in a static template, {@code this}, {@code super} or an instance member of a class named
 *     by its simple name outside a class body that inherits it ("non-static variable cannot be
 *     referenced from a static context").</li>
 * </ul>
 * Types javac could not attribute (an unknown name, an argument of the wrong type) are found
 * by the processor before (the template's class is deferred a round, then reported).
 *
 * <pre>{@code
 * if (JavacRejects.find(template) != null) return StateMachineWriter.writeFailed(method);
 * }</pre>
 */
public final class JavacRejects {
    /** What a jump may target: a loop or switch statement, or a labelled statement (label set). */
    private record Scope(Tree tree, Name label) {}

    /** Where no jump crosses: a lambda, a class body, a switch expression. */
    private static final Scope BARRIER = new Scope(null, null);

    private JavacRejects() {}

    /**
     * The first tree of {@code t}'s body that javac rejects as above, or {@code null}.
     *
     * @param t the template, attributed
     * @return the offending tree, or {@code null} when javac accepts all of the above
     */
    public static Tree find(Template t) {
        if (t.tree.getBody() == null) {
            return null;
        }
        Tree[] found = new Tree[1];
        Deque<Scope> scopes = new ArrayDeque<>();
        Deque<TypeElement> classes = new ArrayDeque<>();
        boolean staticTemplate = t.method.getModifiers().contains(Modifier.STATIC);
        new TreeScanner<Void, Void>() {
            @Override
            public Void scan(Tree tree, Void unused) {
                if (found[0] != null || tree == null) {
                    return null;
                }
                boolean barrier = tree instanceof LambdaExpressionTree || tree instanceof ClassTree
                        || tree instanceof SwitchExpressionTree;
                if (barrier || isLoop(tree) || tree instanceof SwitchTree) {
                    scopes.push(barrier ? BARRIER : new Scope(tree, null));
                    try {
                        return super.scan(tree, unused);
                    } finally {
                        scopes.pop();
                    }
                }
                return super.scan(tree, unused);
            }

            @Override
            public Void visitLabeledStatement(LabeledStatementTree node, Void unused) {
                scopes.push(new Scope(node.getStatement(), node.getLabel()));
                try {
                    return super.visitLabeledStatement(node, unused);
                } finally {
                    scopes.pop();
                }
            }

            @Override
            public Void visitBreak(BreakTree node, Void unused) {
                if (!hasTarget(node.getLabel(), false)) {
                    found[0] = node;
                }
                return null;
            }

            @Override
            public Void visitContinue(ContinueTree node, Void unused) {
                if (!hasTarget(node.getLabel(), true)) {
                    found[0] = node;
                }
                return null;
            }

            /** Whether a jump with this label (or none) has a target: the nearest loop, switch or label, within the barriers. */
            private boolean hasTarget(Name label, boolean isContinue) {
                for (Scope s : scopes) {
                    if (s == BARRIER) {
                        return false;
                    }
                    if (label != null ? label.equals(s.label) : s.label == null && (!isContinue || isLoop(s.tree))) {
                        return !isContinue || isLoop(s.tree);
                    }
                }
                return false;
            }

            @Override
            public Void visitBlock(BlockTree node, Void unused) {
                List<? extends StatementTree> statements = node.getStatements();
                for (int i = 0; i + 1 < statements.size(); i++) {
                    Tree.Kind k = statements.get(i).getKind();
                    if (k == Tree.Kind.BREAK || k == Tree.Kind.CONTINUE || k == Tree.Kind.RETURN || k == Tree.Kind.THROW) {
                        found[0] = statements.get(i + 1);
                        return null;
                    }
                }
                return super.visitBlock(node, unused);
            }

            @Override
            public Void visitClass(ClassTree node, Void unused) {
                classes.push((TypeElement) t.elementOf(node));
                try {
                    return super.visitClass(node, unused);
                } finally {
                    classes.pop();
                }
            }

            @Override
            public Void visitIdentifier(IdentifierTree node, Void unused) {
                if (staticTemplate && classes.isEmpty()
                        && (node.getName().contentEquals("this") || node.getName().contentEquals("super"))) {
                    found[0] = node;
                } else if (staticTemplate && isInstanceMember(t.elementOf(node)) && !inherited(t.elementOf(node))) {
                    found[0] = node;
                }
                return null;
            }

            /** Whether a class body around the identifier has {@code member} (declares or inherits it). */
            private boolean inherited(Element member) {
                TypeElement owner = (TypeElement) member.getEnclosingElement();
                for (TypeElement c : classes) {
                    if (c != null && Reachability.isSubclass(t.env.getTypeUtils(), c, owner)) {
                        return true;
                    }
                }
                return false;
            }
        }.scan(t.tree.getBody(), null);
        return found[0];
    }

    /** An instance field or method of a class (not an annotation's element: {@code @A(value = 1)} names it). */
    private static boolean isInstanceMember(Element e) {
        return e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD)
                && !e.getModifiers().contains(Modifier.STATIC) && e.getEnclosingElement() instanceof TypeElement
                && e.getEnclosingElement().getKind() != ElementKind.ANNOTATION_TYPE;
    }

    private static boolean isLoop(Tree tree) {
        return tree instanceof WhileLoopTree || tree instanceof DoWhileLoopTree || tree instanceof ForLoopTree
                || tree instanceof EnhancedForLoopTree;
    }
}
