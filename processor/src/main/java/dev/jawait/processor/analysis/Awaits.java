package dev.jawait.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.SynchronizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.JawaitApi;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;

/**
 * Finds the suspension points ({@code await(...)} calls) of a template, which trees contain one,
 * and which variables are ever assigned after their declaration. Rejects awaits where they
 * cannot suspend: inside lambdas, anonymous or local classes and {@code synchronized}; and direct calls to other {@code @Async} templates.
 *
 * <pre>{@code
 * Awaits awaits = Awaits.find(template);
 * if (awaits.contains(statement)) lower(statement); else copy(statement);
 * }</pre>
 */
public final class Awaits {
    private final Template template;
    private final Set<Tree> awaits = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Tree> containing = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Map<Element, List<Tree>> assignments = new HashMap<>();

    private Awaits(Template template) {
        this.template = template;
    }

    public static Awaits find(Template template) {
        Awaits result = new Awaits(template);
        if (template.tree.getBody() != null) {
            result.new Finder().scan(template.tree.getBody(), null);
        }
        return result;
    }

    /** Whether {@code t} is an {@code await(...)} call of jawait. */
    public boolean isAwait(Tree t) {
        return awaits.contains(t);
    }

    /** Whether {@code t} is, or contains, an await. */
    public boolean contains(Tree t) {
        return t != null && containing.contains(t);
    }

    public boolean containsAny(List<? extends Tree> trees) {
        for (Tree t : trees) {
            if (contains(t)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the variable is assigned anywhere besides its declaration. */
    public boolean isReassigned(Element variable) {
        return assignments.containsKey(variable);
    }

    /** The targets of the assignments, compound assignments, increments and decrements of {@code variable}. */
    public List<Tree> assignmentsOf(Element variable) {
        return assignments.getOrDefault(variable, List.of());
    }

    public boolean any() {
        return !awaits.isEmpty();
    }

    private final class Finder extends TreeScanner<Void, Void> {
        private int lambdaDepth;
        private int classDepth;
        private int synchronizedDepth;

        @Override
        public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
            Element e = template.elementOf(node);
            if (JawaitApi.isAwait(e)) {
                if (lambdaDepth > 0) {
                    throw new TemplateError(node, "await inside a lambda cannot suspend the @Async method;"
                            + " make the lambda's work an @Async method and await its companion");
                }
                if (classDepth > 0) {
                    throw new TemplateError(node, "await inside an anonymous or local class cannot suspend"
                            + " the @Async method; move the code to an @Async method");
                }
                if (synchronizedDepth > 0) {
                    throw new TemplateError(node, "await inside a synchronized block is not allowed:"
                            + " a monitor cannot be held across a suspension; use dev.jawait.sync.Mutex");
                }
                awaits.add(node);
                for (com.sun.source.util.TreePath p = template.pathOf(node); p != null; p = p.getParentPath()) {
                    if (!containing.add(p.getLeaf())) {
                        break;
                    }
                }
            } else if (e != null && JawaitApi.isAsyncTemplate(e)) {
                String name = e.getSimpleName().toString();
                Element owner = e.getEnclosingElement();
                String companion = owner instanceof TypeElement ? JawaitApi.companionSimpleName((TypeElement) owner) : "XAsync";
                String receiver = e.getModifiers().contains(javax.lang.model.element.Modifier.STATIC) ? "" : "self, ";
                if (isSuperCall(node)) {
                    name += "_super";   // XAsync.m dispatches like this.m(); m_super runs X's own template
                    receiver = "this, ";
                }
                if (lambdaDepth == 0 && classDepth == 0) {
                    throw new TemplateError(node, "calling the @Async method " + e.getSimpleName() + " directly from an"
                            + " @Async method would block; write await(" + companion + "." + name + "(" + receiver + "...))");
                }
            }
            return super.visitMethodInvocation(node, unused);
        }

        @Override
        public Void visitLambdaExpression(LambdaExpressionTree node, Void unused) {
            lambdaDepth++;
            try {
                return super.visitLambdaExpression(node, unused);
            } finally {
                lambdaDepth--;
            }
        }

        @Override
        public Void visitClass(ClassTree node, Void unused) {
            classDepth++;
            try {
                return super.visitClass(node, unused);
            } finally {
                classDepth--;
            }
        }

        @Override
        public Void visitSynchronized(SynchronizedTree node, Void unused) {
            scan(node.getExpression(), unused);
            synchronizedDepth++;
            try {
                return scan(node.getBlock(), unused);
            } finally {
                synchronizedDepth--;
            }
        }

        @Override
        public Void visitAssignment(AssignmentTree node, Void unused) {
            markAssigned(node.getVariable());
            return super.visitAssignment(node, unused);
        }

        @Override
        public Void visitCompoundAssignment(CompoundAssignmentTree node, Void unused) {
            markAssigned(node.getVariable());
            return super.visitCompoundAssignment(node, unused);
        }

        @Override
        public Void visitUnary(UnaryTree node, Void unused) {
            switch (node.getKind()) {
                case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT:
                    markAssigned(node.getExpression());
                    break;
                default:
                    break;
            }
            return super.visitUnary(node, unused);
        }

        private void markAssigned(ExpressionTree target) {
            Element e = template.elementOf(target);
            if (e != null && e.getKind() != ElementKind.METHOD) {
                assignments.computeIfAbsent(e, k -> new ArrayList<>()).add(target);
            }
        }
    }

    /** {@code super.m(...)} or {@code Iface.super.m(...)}. */
    private static boolean isSuperCall(MethodInvocationTree node) {
        if (!(node.getMethodSelect() instanceof com.sun.source.tree.MemberSelectTree)) {
            return false;
        }
        ExpressionTree target = ((com.sun.source.tree.MemberSelectTree) node.getMethodSelect()).getExpression();
        return target instanceof com.sun.source.tree.IdentifierTree
                ? ((com.sun.source.tree.IdentifierTree) target).getName().contentEquals("super")
                : target instanceof com.sun.source.tree.MemberSelectTree
                        && ((com.sun.source.tree.MemberSelectTree) target).getIdentifier().contentEquals("super");
    }
}
