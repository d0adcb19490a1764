package dev.jawait.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * How the generated state machine, a class of its own in the template's package, reaches what
 * the template names: private members of the template's classes through handle bridges, the
 * rest directly.
 *
 * <pre>{@code
 * if (Reachability.isBridged(element)) ...   // get_secret(self), call_helper(self, x)
 * }</pre>
 */
public final class Reachability {
    private Reachability() {}

    /** Whether {@code e} is a private field or method reached through a handle bridge. */
    public static boolean isBridged(Element e) {
        return e != null && e.getModifiers().contains(Modifier.PRIVATE) && !declaredInBody(e)
                && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD);
    }

    /** Whether {@code e} belongs to a local or anonymous class of the template: printed as written. */
    public static boolean declaredInBody(Element e) {
        for (Element x = e; x != null; x = x.getEnclosingElement()) {
            if (x instanceof TypeElement) {
                NestingKind k = ((TypeElement) x).getNestingKind();
                if (k == NestingKind.LOCAL || k == NestingKind.ANONYMOUS) {
                    return true;
                }
            }
            if (x instanceof PackageElement) {
                return false;
            }
        }
        return false;
    }

    /** {@code lhs} without parentheses when it names a bridged private field, else {@code null}. */
    public static ExpressionTree bridgedField(Template t, ExpressionTree lhs) {
        ExpressionTree e = lhs;
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        Element el = (e instanceof IdentifierTree || e instanceof MemberSelectTree) ? t.elementOf(e) : null;
        return el != null && el.getKind() == ElementKind.FIELD && isBridged(el) ? e : null;
    }

    /** The receiver expression of a member select on a private instance field, when it is a value. */
    public static ExpressionTree privateFieldReceiver(Template t, ExpressionTree lhs) {
        ExpressionTree f = bridgedField(t, lhs);
        if (f instanceof MemberSelectTree && isValueReceiver(t, ((MemberSelectTree) f).getExpression())
                && !t.elementOf(f).getModifiers().contains(Modifier.STATIC)) {
            return ((MemberSelectTree) f).getExpression();
        }
        return null;
    }

    /** Whether a member select's target is a value (evaluated at run time), not a type, package or {@code super}. */
    public static boolean isValueReceiver(Template t, ExpressionTree target) {
        if (isSuper(target)) {
            return false;
        }
        Element e = t.elementOf(target);
        return !(e instanceof TypeElement || e instanceof PackageElement);
    }

    /** {@code super} or {@code Iface.super} as a qualifier. */
    public static boolean isSuper(ExpressionTree target) {
        return target instanceof IdentifierTree ? ((IdentifierTree) target).getName().contentEquals("super")
                : target instanceof MemberSelectTree && ((MemberSelectTree) target).getIdentifier().contentEquals("super");
    }
}
