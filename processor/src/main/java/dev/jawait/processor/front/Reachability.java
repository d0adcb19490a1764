package dev.jawait.processor.front;

import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.ParenthesizedTree;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.Name;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * How the generated state machine, a class of its own in the template's package, reaches what
 * the template names: private members of the template's classes through handle bridges, the
 * rest directly; and, for what it cannot reach, the problem to report. The front end's
 * validation reports these problems before anything is generated; the printer asks the same
 * questions to decide what to print.
 *
 * <pre>{@code
 * if (Reachability.isBridged(element)) ...   // get_secret(self), call_helper(self, x)
 * String problem = Reachability.accessProblem(template, member);   // null when reachable
 * }</pre>
 */
public final class Reachability {
    private Reachability() {}

    /**
     * Whether {@code e} is a private field or method reached through a handle bridge.
     *
     * @param e any element
     * @return {@code true} when the machine reaches it through a bridge
     */
    public static boolean isBridged(Element e) {
        return e != null && e.getModifiers().contains(Modifier.PRIVATE) && !declaredInBody(e)
                && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD);
    }

    /**
     * Whether {@code e} is a private constructor of a class outside the body, called through a
     * {@code findConstructor} handle bridge ({@code new_Owner(args)}) for a {@code new} without a
     * class body.
     *
     * @param e any element
     * @return {@code true} when the machine calls it through a constructor bridge
     */
    public static boolean isBridgedConstructor(Element e) {
        return e != null && e.getKind() == ElementKind.CONSTRUCTOR && e.getModifiers().contains(Modifier.PRIVATE)
                && !declaredInBody(e);
    }

    /**
     * A non-static member class: its constructors take the enclosing instance first.
     *
     * @param type a class
     * @return {@code true} for an inner class
     */
    public static boolean isInner(TypeElement type) {
        return type.getNestingKind() == NestingKind.MEMBER && !type.getModifiers().contains(Modifier.STATIC)
                && type.getKind() == ElementKind.CLASS;
    }

    /**
     * Why {@code Owner::new} of the bridged private constructor {@code ctor} cannot be made a lambda, or {@code null}.
     *
     * @param t the template
     * @param r the constructor reference
     * @param ctor the constructor it refers to
     * @return the reason, or {@code null}
     */
    public static String privateConstructorReference(Template t, MemberReferenceTree r, ExecutableElement ctor) {
        TypeElement owner = (TypeElement) ctor.getEnclosingElement();
        if (isInner(owner) || functionArity(t, t.typeOf(r)) < 0) {
            return "a reference to the private " + describe(ctor) + " cannot be made from the generated state"
                    + " machine; use a lambda or make the constructor package-private";
        }
        return null;
    }

    /**
     * Whether {@code e} belongs to a local or anonymous class of the template: printed as written.
     *
     * @param e any element
     * @return {@code true} if it is declared in the template's body
     */
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

    /**
     * {@code lhs} without parentheses when it names a bridged private field, else {@code null}.
     *
     * @param t the template
     * @param lhs an assignment's target
     * @return the field's tree, or {@code null}
     */
    public static ExpressionTree bridgedField(Template t, ExpressionTree lhs) {
        ExpressionTree e = lhs;
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        Element el = (e instanceof IdentifierTree || e instanceof MemberSelectTree) ? t.elementOf(e) : null;
        return el != null && el.getKind() == ElementKind.FIELD && isBridged(el) ? e : null;
    }

    /**
     * The receiver expression of a member select on a private field, when it is a value (for a
     * static field, one Java evaluates and discards).
     *
     * @param t the template
     * @param lhs an assignment's target
     * @return the receiver, or {@code null} when there is none or it is no value
     */
    public static ExpressionTree privateFieldReceiver(Template t, ExpressionTree lhs) {
        ExpressionTree f = bridgedField(t, lhs);
        if (f instanceof MemberSelectTree && isValueReceiver(t, ((MemberSelectTree) f).getExpression())) {
            return ((MemberSelectTree) f).getExpression();
        }
        return null;
    }

    /**
     * Whether a member select's target is a value (evaluated at run time), not a type, package or {@code super}.
     *
     * @param t the template
     * @param target a member select's target
     * @return {@code true} for an expression with a value
     */
    public static boolean isValueReceiver(Template t, ExpressionTree target) {
        if (isSuper(target)) {
            return false;
        }
        Element e = t.elementOf(target);
        return !(e instanceof TypeElement || e instanceof PackageElement);
    }

    /**
     * {@code super} or {@code Iface.super} as a qualifier.
     *
     * @param target a member select's target
     * @return {@code true} for a {@code super} qualifier
     */
    public static boolean isSuper(ExpressionTree target) {
        return target instanceof IdentifierTree ? ((IdentifierTree) target).getName().contentEquals("super")
                : target instanceof MemberSelectTree && ((MemberSelectTree) target).getIdentifier().contentEquals("super");
    }

    /**
     * Whether {@code sub} is {@code sup} or a subtype of it (erased).
     *
     * @param types javac's type utilities
     * @param sub the candidate subclass
     * @param sup the candidate superclass
     * @return {@code true} if {@code sub} is {@code sup} or extends it
     */
    public static boolean isSubclass(Types types, TypeElement sub, TypeElement sup) {
        return types.isSubtype(types.erasure(sub.asType()), types.erasure(sup.asType()));
    }

    /**
     * Whether {@code member} is in the template's package.
     *
     * @param t the template
     * @param member a member used in the body
     * @return {@code true} when it is in the same package
     */
    public static boolean samePackage(Template t, Element member) {
        return t.env.getElementUtils().getPackageOf(member).equals(t.env.getElementUtils().getPackageOf(t.owner));
    }

    /** A declaration the state machine cannot reach ({@link #culprit}: the one to change), and why. */
    public static final class Unreachable {
        /** The declaration to change (make it non-private, or move the code). */
        public final Element culprit;
        /** Why the machine cannot reach it. */
        public final String message;

        Unreachable(Element culprit, String message) {
            this.culprit = culprit;
            this.message = message;
        }
    }

    /**
     * Why the state machine cannot use {@code member} directly (it is not bridged), or {@code null}.
     *
     * @param t the template
     * @param member a member used in the body
     * @return the problem, or {@code null}
     */
    public static Unreachable accessProblem(Template t, Element member) {
        if (declaredInBody(member)) {
            return null;
        }
        Set<Modifier> mods = member.getModifiers();
        if (mods.contains(Modifier.PRIVATE)) {
            return new Unreachable(member, "cannot reach the private " + describe(member)
                    + " from the generated state machine; make it package-private");
        }
        if (mods.contains(Modifier.PROTECTED) && !samePackage(t, member)) {
            return new Unreachable(member, "cannot reach the protected " + describe(member)
                    + " of another package from the generated state machine; make it public or add a"
                    + " package-private helper");
        }
        Element owner = member.getEnclosingElement();
        if (owner instanceof TypeElement && owner != t.owner) {
            for (Element x = owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
                if (x.getModifiers().contains(Modifier.PRIVATE) && !declaredInBody(x)) {
                    return new Unreachable(x, "cannot reach members of the private class " + x.getSimpleName()
                            + " from the generated state machine; make it package-private");
                }
            }
        }
        return null;
    }

    /**
     * Why the state machine cannot name {@code type}, or {@code null}.
     *
     * @param t the template
     * @param type a type used in the body
     * @return the problem, or {@code null}
     */
    public static Unreachable typeProblem(Template t, TypeElement type) {
        if (declaredInBody(type)) {
            return null;
        }
        for (Element x = type; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                return new Unreachable(x, "cannot name the private class " + x.getSimpleName()
                        + " from the generated state machine; make it package-private");
            }
        }
        if (type.getModifiers().contains(Modifier.PROTECTED) && !samePackage(t, type)) {
            return new Unreachable(type, "cannot name the protected class " + type.getSimpleName()
                    + " of another package from the generated state machine");
        }
        return null;
    }

    /**
     * An instance member of an enclosing class that is not a supertype: {@code self} does not have it.
     *
     * @param member the member
     * @return the error message
     */
    public static String outerInstanceMember(Element member) {
        return "the instance member " + member.getSimpleName() + " of the enclosing class "
                + member.getEnclosingElement().getSimpleName() + " cannot be reached from the generated companion";
    }

    /**
     * {@code new Inner()} of a private constructor whose enclosing instance the machine does not have.
     *
     * @param inner the inner class
     * @return the error message
     */
    public static String implicitOuterInstance(TypeElement inner) {
        return "the enclosing instance of " + inner.getSimpleName() + " cannot be reached from the generated companion;"
                + " write outer.new " + inner.getSimpleName() + "(...)";
    }

    /**
     * Why the bridged private member {@code member}, named by a simple name outside any class of the
     * body, has no receiver the machine can pass, or {@code null}.
     *
     * @param t the template
     * @param member the bridged member
     * @return the error message, or {@code null}
     */
    public static String bridgeTargetProblem(Template t, Element member) {
        if (member.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        if (!isSubclass(t.env.getTypeUtils(), t.owner, (TypeElement) member.getEnclosingElement())
                || t.method.getModifiers().contains(Modifier.STATIC)) {
            return outerInstanceMember(member);
        }
        return null;
    }

    /**
     * A bare {@code super} outside the classes of the body.
     *
     * @param t the template
     * @return the error message
     */
    public static String superOutsideClasses(Template t) {
        return "super calls cannot be made from the generated companion;"
                + " call a package-private helper of " + t.owner.getSimpleName() + " instead";
    }

    /**
     * {@code Outer.this} for a class that is neither the template's nor one of the body.
     *
     * @param m the {@code Outer.this} select
     * @return the error message
     */
    public static String enclosingInstance(MemberSelectTree m) {
        return "the enclosing instance " + m + " cannot be reached from the generated companion";
    }

    /**
     * {@code super.x} (not a hidden field) or {@code X.super.x} outside the classes of the body.
     *
     * @param t the template
     * @param target the {@code super} or {@code X.super} qualifier
     * @param name the member's name
     * @return the error message
     */
    public static String superMember(Template t, ExpressionTree target, Name name) {
        return target + "." + name + " cannot be reached from the generated companion;"
                + " add a package-private helper in " + t.owner.getSimpleName() + " that uses it";
    }

    /**
     * {@code X.super.m()} where {@code X} is not a direct superinterface the machine can call through.
     *
     * @param t the template
     * @param qualifier the {@code X.super} qualifier
     * @param method the method's name
     * @return the error message
     */
    public static String superCallVia(Template t, ExpressionTree qualifier, Name method) {
        return qualifier + "." + method + " cannot be called from the generated"
                + " companion; add a package-private helper in " + t.owner.getSimpleName() + " that calls it";
    }

    /**
     * {@code super.m()} of a private method of a supertype.
     *
     * @param m the private method
     * @return the error message
     */
    public static String privateSuperMethod(ExecutableElement m) {
        return "cannot call the private " + describe(m) + " of a supertype from the"
                + " generated companion; make it package-private";
    }

    /**
     * {@code X.super.m()} in a class of the body where {@code X} is not an interface.
     *
     * @param call the call's method select
     * @return the error message
     */
    public static String nestedSuperCall(MemberSelectTree call) {
        return call.getExpression() + "." + call.getIdentifier() + "(...) cannot be called from the"
                + " generated companion; add a package-private helper that calls it";
    }

    /**
     * {@code super::m} whose functional interface is not a plain interface type.
     *
     * @param r the method reference
     * @return the error message
     */
    public static String superReference(MemberReferenceTree r) {
        return r + " cannot be made from the generated companion (its functional interface"
                + " is not a plain interface type); use a lambda";
    }

    /**
     * A method reference to a bridged private method.
     *
     * @param method the bridged method
     * @return the error message
     */
    public static String privateMethodReference(Element method) {
        return "a method reference to the private method " + describe(method)
                + " cannot be made from the generated state machine; use a lambda or make it package-private";
    }

    /**
     * The number of parameters of the single abstract method of a functional interface type, or -1.
     *
     * @param t the template
     * @param type a type
     * @return the arity, or -1 when {@code type} is not a functional interface
     */
    public static int functionArity(Template t, TypeMirror type) {
        if (!(type instanceof DeclaredType)) {
            return -1;
        }
        Element e = ((DeclaredType) type).asElement();
        if (e.getKind() != ElementKind.INTERFACE) {
            return -1;
        }
        for (Element member : t.env.getElementUtils().getAllMembers((TypeElement) e)) {
            if (member.getKind() == ElementKind.METHOD && member.getModifiers().contains(Modifier.ABSTRACT)
                    && !isObjectMethod((ExecutableElement) member)) {
                return ((ExecutableElement) member).getParameters().size();
            }
        }
        return -1;
    }

    /** equals, hashCode or toString redeclared by an interface: not its functional method. */
    private static boolean isObjectMethod(ExecutableElement m) {
        String n = m.getSimpleName().toString();
        int params = m.getParameters().size();
        return (n.equals("equals") && params == 1) || (n.equals("hashCode") && params == 0)
                || (n.equals("toString") && params == 0);
    }

    /**
     * {@code method Owner.m(...)}, {@code field Owner.f}, {@code constructor of Owner}.
     *
     * @param member a field, method or constructor
     * @return its description for messages
     */
    public static String describe(Element member) {
        Element owner = member.getEnclosingElement();
        String where = owner == null ? "" : owner.getSimpleName() + ".";
        switch (member.getKind()) {
            case METHOD: return "method " + where + member.getSimpleName() + "(...)";
            case CONSTRUCTOR: return "constructor of " + owner.getSimpleName();
            case FIELD: case ENUM_CONSTANT: return "field " + where + member.getSimpleName();
            default: return member.getKind().toString().toLowerCase(Locale.ROOT) + " " + member.getSimpleName();
        }
    }
}
