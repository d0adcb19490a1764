package dev.jawait.processor.analysis;

import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.util.TreeScanner;
import dev.jawait.processor.front.AwaitSites;
import dev.jawait.processor.front.Template;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;

/**
 * The suspension points of a validated template ({@code await(...)} calls, found by the front
 * end's validation), which trees contain one, and which variables are ever assigned after their
 * declaration.
 *
 * <pre>{@code
 * Awaits awaits = Awaits.find(template, TemplateValidator.validate(template, problems));
 * if (awaits.contains(statement)) lower(statement); else copy(statement);
 * }</pre>
 */
public final class Awaits {
    private final Template template;
    private final AwaitSites sites;
    private final Map<Element, List<Tree>> assignments = new HashMap<>();

    private Awaits(Template template, AwaitSites sites) {
        this.template = template;
        this.sites = sites;
    }

    /**
     * The awaits of {@code template} and the assignments of its variables, found in one walk of its body.
     *
     * @param template the template, attributed
     * @param sites the awaits the validation accepted
     * @return the analysis
     */
    public static Awaits find(Template template, AwaitSites sites) {
        Awaits result = new Awaits(template, sites);
        if (template.tree.getBody() != null) {
            result.new Assignments().scan(template.tree.getBody(), null);
        }
        return result;
    }

    /**
     * Whether {@code t} is an {@code await(...)} call of jawait.
     *
     * @param t any tree of the template
     * @return {@code true} for an await call
     */
    public boolean isAwait(Tree t) {
        return sites.isAwait(t);
    }

    /**
     * Whether {@code t} is, or contains, an await.
     *
     * @param t any tree of the template, or {@code null}
     * @return {@code true} if an await is at or under {@code t}
     */
    public boolean contains(Tree t) {
        return sites.contains(t);
    }

    /**
     * Whether any of {@code trees} is, or contains, an await.
     *
     * @param trees trees of the template
     * @return {@code true} if one of them contains an await
     */
    public boolean containsAny(List<? extends Tree> trees) {
        return sites.containsAny(trees);
    }

    /**
     * Whether the variable is assigned anywhere besides its declaration.
     *
     * @param variable a local variable or parameter of the template
     * @return {@code true} if it is assigned after its declaration
     */
    public boolean isReassigned(Element variable) {
        return assignments.containsKey(variable);
    }

    /**
     * The targets of the assignments, compound assignments, increments and decrements of {@code variable}.
     *
     * @param variable a local variable or parameter of the template
     * @return the assigning trees, in source order; empty when none
     */
    public List<Tree> assignmentsOf(Element variable) {
        return assignments.getOrDefault(variable, List.of());
    }

    /**
     * Whether the template awaits at all.
     *
     * @return {@code true} if at least one await was found
     */
    public boolean any() {
        return sites.any();
    }

    private final class Assignments extends TreeScanner<Void, Void> {
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
}
