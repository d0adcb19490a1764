package dev.jawait.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.util.TreeScanner;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Warns at {@code await(BaseAsync.m(this, ...))} inside an override of {@code Base.m}: the companion
 * dispatches like {@code this.m(...)}, so it runs this override again (as {@code ((Base) this).m()}
 * does in Java), where the code most likely meant {@code super.m(...)}, which is
 * {@code BaseAsync.m_super(this, ...)}. A warning, not an error: recursion with other arguments can
 * be intended.
 *
 * <pre>{@code
 * SuperDispatchCheck.warn(template);   // after the template is attributed
 * }</pre>
 */
public final class SuperDispatchCheck {
    private SuperDispatchCheck() {}

    /**
     * Adds the warning at each such await in {@code t}'s body.
     *
     * @param t the template, attributed
     */
    public static void warn(Template t) {
        if (t.tree.getBody() == null) {
            return;
        }
        new TreeScanner<Void, Void>() {
            @Override
            public Void visitMethodInvocation(MethodInvocationTree node, Void unused) {
                String companionCall = superCompanionCall(t, node);
                if (companionCall != null) {
                    t.trees.printMessage(Diagnostic.Kind.WARNING, "jawait: " + companionCall + "(this, ...) dispatches like"
                            + " this." + t.method.getSimpleName() + "(...) and runs this override again; for the"
                            + " overridden method (super." + t.method.getSimpleName() + "(...)) call " + companionCall
                            + "_super(this, ...)", node, t.unit);
                }
                return super.visitMethodInvocation(node, unused);
            }
        }.scan(t.tree.getBody(), null);
    }

    /** {@code BaseAsync.m} when {@code node} is a supertype's companion call of this method on {@code this}. */
    private static String superCompanionCall(Template t, MethodInvocationTree node) {
        Element called = t.elementOf(node);
        if (called == null || called.getKind() != ElementKind.METHOD
                || !called.getSimpleName().contentEquals(t.method.getSimpleName()) || node.getArguments().isEmpty()
                || !isThis(node.getArguments().get(0))) {
            return null;
        }
        String companion = ((TypeElement) called.getEnclosingElement()).getQualifiedName().toString();
        for (TypeMirror s : t.env.getTypeUtils().directSupertypes(t.owner.asType())) {
            String found = overriddenCompanion(t, s, companion);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static String overriddenCompanion(Template t, TypeMirror type, String companion) {
        if (type.getKind() != TypeKind.DECLARED) {
            return null;
        }
        TypeElement s = (TypeElement) ((DeclaredType) type).asElement();
        String name = JawaitApi.companionSimpleName(s);
        PackageElement pkg = t.env.getElementUtils().getPackageOf(s);
        String qualified = pkg.isUnnamed() ? name : pkg.getQualifiedName() + "." + name;
        if (qualified.equals(companion)) {
            for (Element member : s.getEnclosedElements()) {
                if (member.getKind() == ElementKind.METHOD && member.getSimpleName().contentEquals(t.method.getSimpleName())
                        && t.env.getElementUtils().overrides(t.method, (ExecutableElement) member, t.owner)) {
                    return name + "." + t.method.getSimpleName();
                }
            }
        }
        for (TypeMirror up : t.env.getTypeUtils().directSupertypes(type)) {
            String found = overriddenCompanion(t, up, companion);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static boolean isThis(ExpressionTree e) {
        return e instanceof IdentifierTree && ((IdentifierTree) e).getName().contentEquals("this");
    }
}
