package dev.jawait.processor.emission;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.*;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.TemplateError;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;

/**
 * Prints names the way the template resolved them: a local variable gets its generated name, an
 * instance member of the template's class {@code self.x}, a static member or static import
 * {@code Owner.x}, a named type a JavaPoet reference; a member that the state machine cannot
 * reach is reported.
 *
 * <pre>{@code
 * Code c = printer.names.identifier(id);   // "self.count", "Limits.MAX", "total"
 * }</pre>
 */
final class NamePrinter extends PrinterPart {
    NamePrinter(SourcePrinter printer) {
        super(printer);
    }

    Code identifier(IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            return Code.of(printer.nestedClasses.isEmpty() ? "self" : "this");
        }
        if (name.equals("super")) {
            if (printer.nestedClasses.isEmpty()) {
                throw new TemplateError(id, Reachability.superOutsideClasses(t));
            }
            return Code.of("super");
        }
        Element e = t.elementOf(id);
        if (e == null) {
            return Code.of(name);
        }
        switch (e.getKind()) {
            case LOCAL_VARIABLE: case PARAMETER: case EXCEPTION_PARAMETER: case RESOURCE_VARIABLE:
            case BINDING_VARIABLE:
                return variable(e);
            case FIELD: case ENUM_CONSTANT: case METHOD:
                if (e.getKind() == ElementKind.FIELD && Reachability.isBridged(e) && nestedClassesDoNotHave(e)) {
                    return printer.access.read((javax.lang.model.element.VariableElement) e,
                            printer.bridges.bridgeTarget(id, null));
                }
                return qualifier(e, id).text(name);
            case CLASS: case INTERFACE: case ENUM: case RECORD: case ANNOTATION_TYPE:
                return typeRef((TypeElement) e, id);
            default:
                return Code.of(name);
        }
    }

    /** A local of the template: a moved local class's field when it captured it, else its generated name. */
    Code variable(Element local) {
        String captured = printer.capturedField(local);
        return Code.of(captured != null ? captured : printer.hooks.variable(local, printer.nestedDepth > 0));
    }

    /** The qualifier ({@code "self."}, {@code "Owner."} or nothing) for a member named by a simple name. */
    Code qualifier(Element member, Tree at) {
        Element ownerElement = member.getEnclosingElement();
        if (!(ownerElement instanceof TypeElement)) {
            return new Code();
        }
        TypeElement owner = (TypeElement) ownerElement;
        for (TypeElement nested : printer.nestedClasses) {
            if (isSubclass(nested, owner)) {
                return new Code();   // inherited by the anonymous/local class being printed
            }
        }
        if (Reachability.declaredInBody(owner)) {
            return new Code();
        }
        checkAccess(member, at);
        if (member.getModifiers().contains(Modifier.STATIC)) {
            return typeRef(owner, at).text(".");
        }
        if (isSubclass(self, owner)) {
            return Code.of("self.");
        }
        throw new TemplateError(at, Reachability.outerInstanceMember(member));
    }

    boolean nestedClassesDoNotHave(Element member) {
        for (TypeElement nested : printer.nestedClasses) {
            if (isSubclass(nested, (TypeElement) member.getEnclosingElement())) {
                return false;
            }
        }
        return true;
    }

    boolean isSubclass(TypeElement sub, TypeElement sup) {
        return Reachability.isSubclass(types, sub, sup);
    }

    void checkAccess(Element member, Tree at) {
        Reachability.Unreachable problem = Reachability.accessProblem(t, member);
        if (problem != null) {
            throw new TemplateError(at, problem.message);
        }
    }

    /** A reference to a named type, imported through JavaPoet unless it is local to the body. */
    public Code typeRef(TypeElement type, Tree at) {
        if (Reachability.declaredInBody(type)) {
            return Code.of(type.getSimpleName().toString());
        }
        Reachability.Unreachable problem = Reachability.typeProblem(t, type);
        if (problem != null) {
            throw new TemplateError(at, problem.message);
        }
        return new Code().type(ClassName.get(type));
    }

    Code memberSelect(MemberSelectTree m) {
        Element e = t.elementOf(m);
        String name = m.getIdentifier().toString();
        if (e instanceof TypeElement) {
            return typeRef((TypeElement) e, m);
        }
        if (e instanceof PackageElement) {
            return Code.of(((PackageElement) e).getQualifiedName().toString());
        }
        ExpressionTree target = m.getExpression();
        if (name.equals("this")) {   // X.this
            Element te = t.elementOf(target);
            if (te == self) {
                return Code.of("self");
            }
            if (te != null && Reachability.declaredInBody(te)) {
                return typeRef((TypeElement) te, m).text(".this");
            }
            throw new TemplateError(m, Reachability.enclosingInstance(m));
        }
        if (name.equals("class")) {
            return printer.typeTrees.type(target).text(".class");
        }
        if (Reachability.isSuper(target) && printer.nestedClasses.isEmpty()) {
            if (target instanceof IdentifierTree && e != null && e.getKind() == ElementKind.FIELD
                    && !Reachability.isBridged(e)) {
                // super.f: the superclass's field, hidden by one of this class
                checkAccess(e, m);
                return new Code().text("((").add(typeRef((TypeElement) e.getEnclosingElement(), m))
                        .text(") self)." + name);
            }
            throw new TemplateError(m, Reachability.superMember(t, target, m.getIdentifier()));
        }
        if (Reachability.isSuper(target) && target instanceof MemberSelectTree) {
            return printer.typeTrees.type(((MemberSelectTree) target).getExpression()).text(".super." + name);
        }
        if (e != null && e.getKind() == ElementKind.FIELD && Reachability.isBridged(e)) {
            return printer.access.read((javax.lang.model.element.VariableElement) e,
                    printer.bridges.bridgeTarget(m, null));
        }
        if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD
                || e.getKind() == ElementKind.ENUM_CONSTANT) && !name.equals("length")) {
            checkAccess(e, m);
        }
        return printer.expressions.expression(target).text("." + name);
    }
}
