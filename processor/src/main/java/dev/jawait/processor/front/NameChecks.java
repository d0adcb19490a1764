package dev.jawait.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.TypeElement;

/**
 * The {@link TemplateValidator}'s checks of what a template names: wherever the emission's printer
 * resolves a name (a simple name, a member select, a call, an instance creation, a method
 * reference), whether the generated state machine can reach it, with {@link Reachability}'s
 * answers. Each check reports at most one problem, as the printer would stop at it, and says
 * which parts of the tree the printer prints (the walk descends into those only).
 *
 * <pre>{@code
 * if (names.identifier(id)) ...   // reported what the machine cannot reach
 * }</pre>
 */
final class NameChecks {
    private final Template t;
    private final Problems problems;
    private final Set<Element> reported = new HashSet<>();
    /** The classes of the body around the tree being checked, innermost first. */
    final Deque<TypeElement> classes = new ArrayDeque<>();

    NameChecks(Template t, Problems problems) {
        this.t = t;
        this.problems = problems;
    }

    private boolean isSubclass(TypeElement sub, TypeElement sup) {
        return Reachability.isSubclass(t.env.getTypeUtils(), sub, sup);
    }

    /** Reports {@code problem} at {@code at} if there is one; whether there was. */
    private boolean report(Tree at, String problem) {
        if (problem != null) {
            problems.error(at, problem);
        }
        return problem != null;
    }

    /**
     * Reports {@code problem} at {@code at}, the first use of its culprit only (a private class
     * named ten times is one thing to change); whether there was a problem.
     */
    private boolean report(Tree at, Reachability.Unreachable problem) {
        if (problem != null && reported.add(problem.culprit)) {
            problems.error(at, problem.message);
        }
        return problem != null;
    }

    private boolean classesDoNotHave(Element member) {
        for (TypeElement nested : classes) {
            if (isSubclass(nested, (TypeElement) member.getEnclosingElement())) {
                return false;
            }
        }
        return true;
    }

    /** A simple name in an expression or a type. */
    void identifier(IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            return;
        }
        if (name.equals("super")) {
            if (classes.isEmpty()) {
                report(id, Reachability.superOutsideClasses(t));
            }
            return;
        }
        Element e = t.elementOf(id);
        if (e == null) {
            return;
        }
        switch (e.getKind()) {
            case FIELD: case ENUM_CONSTANT: case METHOD:
                if (e.getKind() == ElementKind.FIELD && Reachability.isBridged(e) && classesDoNotHave(e)) {
                    report(id, Reachability.bridgeTargetProblem(t, e));
                } else {
                    qualifier(e, id);
                }
                return;
            case CLASS: case INTERFACE: case ENUM: case RECORD: case ANNOTATION_TYPE:
                report(id, Reachability.typeProblem(t, (TypeElement) e));
                return;
            default:
        }
    }

    /** A member named by a simple name: inherited by a class of the body, static, or of {@code self}. */
    private boolean qualifier(Element member, Tree at) {
        if (!(member.getEnclosingElement() instanceof TypeElement)) {
            return false;
        }
        TypeElement owner = (TypeElement) member.getEnclosingElement();
        for (TypeElement nested : classes) {
            if (isSubclass(nested, owner)) {
                return false;
            }
        }
        if (Reachability.declaredInBody(owner)) {
            return false;
        }
        if (report(at, Reachability.accessProblem(t, member))) {
            return true;
        }
        if (member.getModifiers().contains(Modifier.STATIC)) {
            return report(at, Reachability.typeProblem(t, owner));
        }
        return !isSubclass(t.owner, owner) && report(at, Reachability.outerInstanceMember(member));
    }

    /**
     * A member select that is not a call's: reports what cannot be reached; whether the printer
     * prints its target as an expression ({@code false}: the target is done with).
     */
    boolean memberSelect(MemberSelectTree m) {
        Element e = t.elementOf(m);
        String name = m.getIdentifier().toString();
        if (e instanceof TypeElement) {
            report(m, Reachability.typeProblem(t, (TypeElement) e));
            return false;
        }
        if (e instanceof javax.lang.model.element.PackageElement) {
            return false;
        }
        ExpressionTree target = m.getExpression();
        if (name.equals("class")) {
            return true;   // the target is a type
        }
        if (name.equals("this")) {
            Element te = t.elementOf(target);
            if (te != t.owner && (te == null || !Reachability.declaredInBody(te))) {
                report(m, Reachability.enclosingInstance(m));
            }
            return false;
        }
        if (Reachability.isSuper(target) && classes.isEmpty()) {
            if (target instanceof IdentifierTree && e != null && e.getKind() == ElementKind.FIELD
                    && !Reachability.isBridged(e)) {
                if (!report(m, Reachability.accessProblem(t, e))) {
                    report(m, Reachability.typeProblem(t, (TypeElement) e.getEnclosingElement()));
                }
            } else {
                report(m, Reachability.superMember(t, target, m.getIdentifier()));
            }
            return false;
        }
        if (e != null && e.getKind() == ElementKind.FIELD && Reachability.isBridged(e)) {
            // the bridge's receiver; a static field's only when it is a value (its awaits still run)
            return !e.getModifiers().contains(Modifier.STATIC) || Reachability.isValueReceiver(t, target);
        }
        if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD
                || e.getKind() == ElementKind.ENUM_CONSTANT) && !name.equals("length")) {
            return !report(m, Reachability.accessProblem(t, e));
        }
        return true;
    }

    /** What a call names; the walk checks its receiver and arguments. Whether the receiver is printed as an expression. */
    boolean invocation(MethodInvocationTree m, Element e) {
        ExpressionTree select = m.getMethodSelect();
        if (select instanceof MemberSelectTree && Reachability.isSuper(((MemberSelectTree) select).getExpression())
                && classes.isEmpty() && e instanceof ExecutableElement) {
            superCall(select, ((MemberSelectTree) select).getExpression(), (ExecutableElement) e);
            return false;
        }
        if (e instanceof ExecutableElement && Reachability.isBridged(e) && classesDoNotHave(e)) {
            if (e.getModifiers().contains(Modifier.STATIC)) {   // a value receiver is still evaluated (its awaits run)
                return select instanceof MemberSelectTree
                        && Reachability.isValueReceiver(t, ((MemberSelectTree) select).getExpression());
            }
            if (select instanceof MemberSelectTree) {
                return true;   // the bridge's receiver
            }
            report(select, Reachability.bridgeTargetProblem(t, e));
            return false;
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            ExpressionTree target = ms.getExpression();
            if (e != null && !(target instanceof IdentifierTree
                    && ((IdentifierTree) target).getName().contentEquals("super"))
                    && report(m, Reachability.accessProblem(t, e))) {
                return false;
            }
            if (Reachability.isSuper(target) && !classes.isEmpty()) {
                if (target instanceof MemberSelectTree) {
                    ExpressionTree named = ((MemberSelectTree) target).getExpression();
                    Element ne = t.elementOf(named);
                    if (ne == null || ne.getKind() != ElementKind.INTERFACE) {
                        report(ms, Reachability.nestedSuperCall(ms));
                    } else {
                        report(named, Reachability.typeProblem(t, (TypeElement) ne));
                    }
                }
                return false;
            }
            return true;
        }
        String name = ((IdentifierTree) select).getName().toString();
        if (name.equals("this") || name.equals("super")) {
            if (classes.isEmpty()) {
                report(m, TemplateValidator.unsupported(m));
            }
            return false;
        }
        if (e != null) {
            qualifier(e, select);
        }
        return false;
    }

    /** {@code super.m(...)} or {@code Iface.super.m(...)} made through a handle on {@code self}. */
    void superCall(Tree at, ExpressionTree qualifier, ExecutableElement m) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
            qualifier(m, at);
            return;
        }
        Element named = qualifier instanceof MemberSelectTree ? t.elementOf(((MemberSelectTree) qualifier).getExpression())
                : null;
        if (named != null && !named.equals(t.owner)) {
            if (!(named instanceof TypeElement) || named.getKind() != ElementKind.INTERFACE) {
                report(at, Reachability.superCallVia(t, qualifier, m.getSimpleName()));
                return;
            }
            if (report(qualifier, Reachability.typeProblem(t, (TypeElement) named))) {
                return;
            }
        }
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            report(at, Reachability.privateSuperMethod(m));
        }
    }

    /**
     * What an instance creation names; whether the printer writes the created type as written
     * ({@code false}: by its simple name, after {@code self.new} or {@code outer.new}).
     */
    boolean printsCreatedTypeAsWritten(NewClassTree n) {
        Element ctor = t.elementOf(n);
        if (ctor != null && n.getClassBody() == null) {
            if (Reachability.isBridgedConstructor(ctor)) {
                report(n, Reachability.typeProblem(t, (TypeElement) ctor.getEnclosingElement()));   // the bridge names it
                return false;
            }
            report(n, Reachability.accessProblem(t, ctor));
        }
        if (n.getEnclosingExpression() != null) {
            return false;
        }
        Element type = t.elementOf(n.getIdentifier());
        return !(type instanceof TypeElement && needsSelfAsOuter((TypeElement) type));
    }

    private boolean needsSelfAsOuter(TypeElement type) {
        if (type.getNestingKind() != NestingKind.MEMBER || type.getModifiers().contains(Modifier.STATIC)
                || type.getKind() != ElementKind.CLASS || !classes.isEmpty()) {
            return false;
        }
        Element outer = type.getEnclosingElement();
        return outer instanceof TypeElement && isSubclass(t.owner, (TypeElement) outer)
                && !t.method.getModifiers().contains(Modifier.STATIC);
    }

    /** A method reference; whether the printer prints its qualifier (the walk checks it). */
    boolean memberReference(MemberReferenceTree r) {
        ExpressionTree q = r.getQualifierExpression();
        Element e = t.elementOf(r);
        if (Reachability.isSuper(q) && classes.isEmpty() && e instanceof ExecutableElement) {
            if (Reachability.functionArity(t, t.typeOf(r)) < 0) {
                report(r, Reachability.superReference(r));
            } else {
                superCall(r, q, (ExecutableElement) e);
            }
            return false;
        }
        if (Reachability.isBridgedConstructor(e)) {   // printed as a lambda calling the constructor's bridge
            if (!report(r, Reachability.privateConstructorReference(t, r, (ExecutableElement) e))) {
                report(r, Reachability.typeProblem(t, (TypeElement) e.getEnclosingElement()));
            }
            return false;
        }
        if (e != null && e.getKind() != ElementKind.CONSTRUCTOR) {
            if (Reachability.isBridged(e)) {
                report(r, Reachability.privateMethodReference(e));
                return false;
            }
            return !report(r, Reachability.accessProblem(t, e));
        }
        return true;
    }
}
