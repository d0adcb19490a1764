package dev.jawait.processor.emission;

import com.palantir.javapoet.ClassName;
import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Operators;
import dev.jawait.processor.front.Reachability;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Prints template trees back to Java for the generated state machine, resolving names the way
 * the template did: instance members of the template class become {@code self.x}, static
 * members and static imports become {@code Owner.x}, types become JavaPoet type references,
 * local variables get their generated names, {@code await(...)} and spilled subexpressions are
 * replaced by their temporaries, and jumps or returns that leave the printed fragment go where
 * the lowering resolved them (the {@link Hooks}, answered by {@link MachineRenderer}).
 *
 * <pre>{@code
 * Code c = printer.statement(tree);    // "total += n;\n", "self.log(x);\n", ...
 * }</pre>
 */
public final class SourcePrinter {

    /** What the lowering decided, for the printer: answered from the lowered machine. */
    public interface Hooks {
        /** Code standing for an already evaluated expression, or {@code null}. */
        Code replacement(ExpressionTree tree);

        /** Replacement for a break/continue whose target lies outside the printed fragment. */
        Code jump(StatementTree jump);

        /** Replacement for a {@code return} of the template (not of a lambda). */
        Code returnStatement(ReturnTree tree, Code value);

        /** Replacement for a {@code yield} whose switch expression was lowered. */
        Code yieldStatement(YieldTree tree, Code value);

        /** The name to print for a local variable or parameter of the template. */
        String variable(Element variable, boolean insideNestedBody);
    }

    private final Template t;
    private final Variables vars;
    private final Hooks hooks;
    private final Types types;
    private final TypeElement self;
    private final PrivateAccess access;
    private int nestedDepth;
    private int memberClassDepth;
    private final Deque<TypeElement> nestedClasses = new ArrayDeque<>();
    private final Deque<Object> jumpScopes = new ArrayDeque<>();
    private static final Object BARRIER = new Object();
    private static final Object SWITCH_EXPRESSION = new Object();

    public SourcePrinter(Template t, Variables vars, Hooks hooks) {
        this.t = t;
        this.vars = vars;
        this.hooks = hooks;
        this.types = t.env.getTypeUtils();
        this.self = t.owner;
        this.access = new PrivateAccess(types);
    }

    /** The private-member handles and bridges the printed code needs. */
    public PrivateAccess access() {
        return access;
    }

    /** The receiver code of a bridged member named by {@code tree}; {@code null} for static members. */
    public Code bridgeTarget(ExpressionTree tree, Code loweredReceiver) {
        Element e = t.elementOf(tree);
        if (e.getModifiers().contains(Modifier.STATIC)) {
            return null;
        }
        if (tree instanceof MemberSelectTree) {
            return loweredReceiver != null ? loweredReceiver : expression(((MemberSelectTree) tree).getExpression());
        }
        if (!isSubclass(self, (TypeElement) e.getEnclosingElement()) || t.method.getModifiers().contains(Modifier.STATIC)) {
            throw new TemplateError(tree, "the instance member " + e.getSimpleName() + " of the enclosing class "
                    + e.getEnclosingElement().getSimpleName() + " cannot be reached from the generated companion");
        }
        return Code.of("self");
    }

    /** {@code lhs = value} where {@code lhs} is a private field, or {@code null} if it is not one. */
    public Code privateAssignment(ExpressionTree lhs, Code receiver, Code value) {
        ExpressionTree f = Reachability.bridgedField(t, lhs);
        return f == null ? null : access.write((javax.lang.model.element.VariableElement) t.elementOf(f),
                bridgeTarget(f, receiver), value);
    }

    /** {@code lhs op= value} where {@code lhs} is a private field, or {@code null}. */
    public Code privateUpdate(CompoundAssignmentTree c, Code receiver, Code value) {
        ExpressionTree f = Reachability.bridgedField(t, c.getVariable());
        return f == null ? null : access.update((javax.lang.model.element.VariableElement) t.elementOf(f),
                bridgeTarget(f, receiver), Operators.spelling(c.getKind()), value, t.typeOf(c.getExpression()));
    }

    /** {@code ++lhs}/{@code lhs--}... where {@code lhs} is a private field, or {@code null}. */
    public Code privateIncrement(UnaryTree u, Code receiver) {
        ExpressionTree f = Reachability.bridgedField(t, u.getExpression());
        if (f == null) {
            return null;
        }
        boolean prefix = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.PREFIX_DECREMENT;
        boolean up = u.getKind() == Tree.Kind.PREFIX_INCREMENT || u.getKind() == Tree.Kind.POSTFIX_INCREMENT;
        return access.increment((javax.lang.model.element.VariableElement) t.elementOf(f), bridgeTarget(f, receiver),
                prefix, up);
    }

    // ---------------------------------------------------------------- expressions

    public Code expression(ExpressionTree e) {
        Code replaced = hooks.replacement(e);
        if (replaced != null) {
            return replaced.isAtomic() ? replaced : new Code().text("(").add(replaced).text(")");
        }
        switch (e.getKind()) {
            case IDENTIFIER:
                return identifier((IdentifierTree) e);
            case MEMBER_SELECT:
                return memberSelect((MemberSelectTree) e);
            case METHOD_INVOCATION:
                return invocation((MethodInvocationTree) e, null);
            case NEW_CLASS:
                return newClass((NewClassTree) e, null);
            case NEW_ARRAY:
                return newArray((NewArrayTree) e, null);
            case PARENTHESIZED:
                return new Code().text("(").add(expression(((ParenthesizedTree) e).getExpression())).text(")");
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) e;
                if (Reachability.bridgedField(t, a.getVariable()) != null) {
                    return privateAssignment(a.getVariable(), null, expression(a.getExpression()));
                }
                return new Code().add(expression(a.getVariable())).text(" = ").add(expression(a.getExpression()));
            }
            case CONDITIONAL_EXPRESSION: {
                ConditionalExpressionTree c = (ConditionalExpressionTree) e;
                return new Code().add(expression(c.getCondition())).text(" ? ").add(expression(c.getTrueExpression()))
                        .text(" : ").add(expression(c.getFalseExpression()));
            }
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) e;
                return new Code().text("(").add(type(c.getType())).text(") ").add(expression(c.getExpression()));
            }
            case INSTANCE_OF:
                return instanceOf((InstanceOfTree) e, null);
            case ARRAY_ACCESS: {
                ArrayAccessTree a = (ArrayAccessTree) e;
                return new Code().add(expression(a.getExpression())).text("[").add(expression(a.getIndex())).text("]");
            }
            case LAMBDA_EXPRESSION:
                return lambda((LambdaExpressionTree) e);
            case MEMBER_REFERENCE:
                return memberReference((MemberReferenceTree) e);
            case NULL_LITERAL:
                return Code.of("null");
            case INT_LITERAL: case LONG_LITERAL: case FLOAT_LITERAL: case DOUBLE_LITERAL:
            case BOOLEAN_LITERAL: case CHAR_LITERAL: case STRING_LITERAL:
                return Code.of(t.env.getElementUtils().getConstantExpression(((LiteralTree) e).getValue()));
            case SWITCH_EXPRESSION:
                return switchExpression((SwitchExpressionTree) e);
            case PRIMITIVE_TYPE: case ARRAY_TYPE: case PARAMETERIZED_TYPE:
                return type(e);
            default:
                break;
        }
        if (e instanceof UnaryTree) {
            Code bridged = privateIncrement((UnaryTree) e, null);
            if (bridged != null) {
                return bridged;
            }
            return unary((UnaryTree) e, expression(((UnaryTree) e).getExpression()));
        }
        if (e instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) e;
            return binary(b, expression(b.getLeftOperand()), expression(b.getRightOperand()));
        }
        if (e instanceof CompoundAssignmentTree) {
            CompoundAssignmentTree c = (CompoundAssignmentTree) e;
            if (Reachability.bridgedField(t, c.getVariable()) != null) {
                return privateUpdate(c, null, expression(c.getExpression()));
            }
            return new Code().add(expression(c.getVariable())).text(" " + Operators.spelling(e.getKind()) + "= ")
                    .add(expression(c.getExpression()));
        }
        throw unsupported(e);
    }

    public Code unary(UnaryTree u, Code operand) {
        switch (u.getKind()) {
            case POSTFIX_INCREMENT: return operand.text("++");
            case POSTFIX_DECREMENT: return operand.text("--");
            case PREFIX_INCREMENT: return new Code().text("++").add(operand);
            case PREFIX_DECREMENT: return new Code().text("--").add(operand);
            case UNARY_PLUS: return new Code().text("+").add(operand);
            case UNARY_MINUS: return new Code().text("-").add(operand);
            case BITWISE_COMPLEMENT: return new Code().text("~").add(operand);
            case LOGICAL_COMPLEMENT: return new Code().text("!").add(operand);
            default: throw unsupported(u);
        }
    }

    public Code binary(BinaryTree b, Code left, Code right) {
        return new Code().add(left).text(" " + Operators.spelling(b.getKind()) + " ").add(right);
    }

    /** {@code operand instanceof T} or a pattern, binding hoisted pattern variables to fields. */
    public Code instanceOf(InstanceOfTree i, Code operand) {
        Code left = operand != null ? operand : expression(i.getExpression());
        Tree pattern = i.getPattern();
        if (pattern == null) {
            return left.text(" instanceof ").add(type(i.getType()));
        }
        if (!(pattern instanceof BindingPatternTree)) {
            throw new TemplateError(pattern, "this pattern form is not supported in @Async methods");
        }
        VariableTree v = ((BindingPatternTree) pattern).getVariable();
        Element e = t.elementOf(v);
        if (e != null && vars.isHoisted(e)) {
            String field = vars.nameOf(e);
            String matched = vars.claim(field + "_matched");
            return new Code().text("(").add(left).text(" instanceof ").add(type(v.getType())).text(" " + matched
                    + " && (" + field + " = " + matched + ") != null)");
        }
        return left.text(" instanceof ").add(modifierFlags(v.getModifiers())).add(type(v.getType()))
                .text(" " + (e == null ? v.getName().toString() : vars.nameOf(e)));
    }

    private Code identifier(IdentifierTree id) {
        String name = id.getName().toString();
        if (name.equals("this")) {
            return Code.of(nestedClasses.isEmpty() ? "self" : "this");
        }
        if (name.equals("super")) {
            if (nestedClasses.isEmpty()) {
                throw new TemplateError(id, "super calls cannot be made from the generated companion;"
                        + " call a package-private helper of " + self.getSimpleName() + " instead");
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
                return Code.of(hooks.variable(e, nestedDepth > 0));
            case FIELD: case ENUM_CONSTANT: case METHOD:
                if (e.getKind() == ElementKind.FIELD && Reachability.isBridged(e) && nestedClassesDoNotHave(e)) {
                    return access.read((javax.lang.model.element.VariableElement) e, bridgeTarget(id, null));
                }
                return qualifier(e, id).text(name);
            case CLASS: case INTERFACE: case ENUM: case RECORD: case ANNOTATION_TYPE:
                return typeRef((TypeElement) e, id);
            default:
                return Code.of(name);
        }
    }

    /** The qualifier ({@code "self."}, {@code "Owner."} or nothing) for a member named by a simple name. */
    private Code qualifier(Element member, Tree at) {
        Element ownerElement = member.getEnclosingElement();
        if (!(ownerElement instanceof TypeElement)) {
            return new Code();
        }
        TypeElement owner = (TypeElement) ownerElement;
        for (TypeElement nested : nestedClasses) {
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
        throw new TemplateError(at, "the instance member " + member.getSimpleName() + " of the enclosing class "
                + owner.getSimpleName() + " cannot be reached from the generated companion");
    }

    private boolean nestedClassesDoNotHave(Element member) {
        for (TypeElement nested : nestedClasses) {
            if (isSubclass(nested, (TypeElement) member.getEnclosingElement())) {
                return false;
            }
        }
        return true;
    }

    private boolean isSubclass(TypeElement sub, TypeElement sup) {
        return types.isSubtype(types.erasure(sub.asType()), types.erasure(sup.asType()));
    }

    private void checkAccess(Element member, Tree at) {
        if (Reachability.declaredInBody(member)) {
            return;
        }
        Set<Modifier> mods = member.getModifiers();
        if (mods.contains(Modifier.PRIVATE)) {
            throw new TemplateError(at, "cannot reach the private " + describe(member)
                    + " from the generated state machine; make it package-private");
        }
        if (mods.contains(Modifier.PROTECTED) && !samePackage(member)) {
            throw new TemplateError(at, "cannot reach the protected " + describe(member)
                    + " of another package from the generated state machine; make it public or add a"
                    + " package-private helper");
        }
        Element owner = member.getEnclosingElement();
        if (owner instanceof TypeElement && owner != self) {
            for (Element x = owner; x instanceof TypeElement; x = x.getEnclosingElement()) {
                if (x.getModifiers().contains(Modifier.PRIVATE) && !Reachability.declaredInBody(x)) {
                    throw new TemplateError(at, "cannot reach members of the private class " + x.getSimpleName()
                            + " from the generated state machine; make it package-private");
                }
            }
        }
    }

    private boolean samePackage(Element member) {
        return t.env.getElementUtils().getPackageOf(member).equals(t.env.getElementUtils().getPackageOf(self));
    }

    private static String describe(Element member) {
        Element owner = member.getEnclosingElement();
        String where = owner == null ? "" : owner.getSimpleName() + ".";
        switch (member.getKind()) {
            case METHOD: return "method " + where + member.getSimpleName() + "(...)";
            case CONSTRUCTOR: return "constructor of " + owner.getSimpleName();
            case FIELD: case ENUM_CONSTANT: return "field " + where + member.getSimpleName();
            default: return member.getKind().toString().toLowerCase(Locale.ROOT) + " " + member.getSimpleName();
        }
    }

    /** A reference to a named type, imported through JavaPoet unless it is local to the body. */
    public Code typeRef(TypeElement type, Tree at) {
        if (Reachability.declaredInBody(type)) {
            return Code.of(type.getSimpleName().toString());
        }
        for (Element x = type; x instanceof TypeElement; x = x.getEnclosingElement()) {
            if (x.getModifiers().contains(Modifier.PRIVATE)) {
                throw new TemplateError(at, "cannot name the private class " + x.getSimpleName()
                        + " from the generated state machine; make it package-private");
            }
        }
        if (type.getModifiers().contains(Modifier.PROTECTED) && !samePackage(type)) {
            throw new TemplateError(at, "cannot name the protected class " + type.getSimpleName()
                    + " of another package from the generated state machine");
        }
        return new Code().type(ClassName.get(type));
    }

    private Code memberSelect(MemberSelectTree m) {
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
            throw new TemplateError(m, "the enclosing instance " + m + " cannot be reached from the generated companion");
        }
        if (name.equals("class")) {
            return type(target).text(".class");
        }
        if (Reachability.isSuper(target) && nestedClasses.isEmpty()) {
            if (target instanceof IdentifierTree && e != null && e.getKind() == ElementKind.FIELD && !Reachability.isBridged(e)) {
                // super.f: the superclass's field, hidden by one of this class
                checkAccess(e, m);
                return new Code().text("((").add(typeRef((TypeElement) e.getEnclosingElement(), m)).text(") self)." + name);
            }
            throw new TemplateError(m, target + "." + name + " cannot be reached from the generated companion;"
                    + " add a package-private helper in " + self.getSimpleName() + " that uses it");
        }
        if (Reachability.isSuper(target) && target instanceof MemberSelectTree) {
            return type(((MemberSelectTree) target).getExpression()).text(".super." + name);
        }
        if (e != null && e.getKind() == ElementKind.FIELD && Reachability.isBridged(e)) {
            return access.read((javax.lang.model.element.VariableElement) e, bridgeTarget(m, null));
        }
        if (e != null && (e.getKind() == ElementKind.FIELD || e.getKind() == ElementKind.METHOD
                || e.getKind() == ElementKind.ENUM_CONSTANT) && !name.equals("length")) {
            checkAccess(e, m);
        }
        return expression(target).text("." + name);
    }

    /** Prints a call; {@code args} (already lowered operand codes) replaces the arguments when given. */
    public Code invocation(MethodInvocationTree m, List<Code> loweredOperands) {
        ExpressionTree select = m.getMethodSelect();
        Element e = t.elementOf(m);
        Code typeArgs = typeArguments(m.getTypeArguments());
        Code out = new Code();
        int next = 0;
        if (select instanceof MemberSelectTree && Reachability.isSuper(((MemberSelectTree) select).getExpression())
                && nestedClasses.isEmpty() && e instanceof ExecutableElement) {
            List<Code> args = new java.util.ArrayList<>();
            for (ExpressionTree arg : m.getArguments()) {
                args.add(loweredOperands != null ? loweredOperands.get(next++) : expression(arg));
            }
            return superCall(select, ((MemberSelectTree) select).getExpression(), (ExecutableElement) e, args);
        }
        if (e instanceof ExecutableElement && Reachability.isBridged(e) && nestedClassesDoNotHave(e)) {
            Code target = null;
            if (!e.getModifiers().contains(Modifier.STATIC)) {
                if (select instanceof MemberSelectTree && loweredOperands != null
                        && Reachability.isValueReceiver(t, ((MemberSelectTree) select).getExpression())) {
                    target = loweredOperands.get(next++);
                } else {
                    target = bridgeTarget(select, null);
                }
            }
            List<Code> args = new java.util.ArrayList<>();
            for (ExpressionTree arg : m.getArguments()) {
                args.add(loweredOperands != null ? loweredOperands.get(next++) : expression(arg));
            }
            return access.invoke((ExecutableElement) e, target, args);
        }
        if (select instanceof MemberSelectTree) {
            MemberSelectTree ms = (MemberSelectTree) select;
            Code receiver;
            if (loweredOperands != null && Reachability.isValueReceiver(t, ms.getExpression())) {
                receiver = loweredOperands.get(next++);
            } else {
                if (e != null && !(ms.getExpression() instanceof IdentifierTree
                        && ((IdentifierTree) ms.getExpression()).getName().contentEquals("super"))) {
                    checkAccess(e, m);
                }
                receiver = memberSelectTarget(ms);
            }
            out.add(receiver).text(".").add(typeArgs).text(ms.getIdentifier().toString());
        } else {
            String name = ((IdentifierTree) select).getName().toString();
            if (name.equals("this") || name.equals("super")) {
                if (nestedClasses.isEmpty()) {
                    throw unsupported(m);
                }
                return out.text(name).add(arguments(m.getArguments(), loweredOperands, next));
            }
            Code q = e == null ? new Code() : qualifier(e, select);
            if (!typeArgs.isEmpty() && q.isEmpty()) {
                q = Code.of("this.");
            }
            out.add(q).add(typeArgs).text(name);
        }
        return out.add(arguments(m.getArguments(), loweredOperands, next));
    }

    private Code arguments(List<? extends ExpressionTree> args, List<Code> loweredOperands, int next) {
        Code out = new Code().text("(");
        for (int i = 0; i < args.size(); i++) {
            if (i > 0) {
                out.text(", ");
            }
            out.add(loweredOperands != null ? loweredOperands.get(next++) : expression(args.get(i)));
        }
        return out.text(")");
    }

    private Code memberSelectTarget(MemberSelectTree ms) {
        ExpressionTree target = ms.getExpression();
        if (Reachability.isSuper(target) && !nestedClasses.isEmpty()) {
            if (target instanceof IdentifierTree) {
                return Code.of("super");
            }
            ExpressionTree named = ((MemberSelectTree) target).getExpression();
            if (t.elementOf(named) == null || t.elementOf(named).getKind() != ElementKind.INTERFACE) {
                throw new TemplateError(ms, target + "." + ms.getIdentifier() + "(...) cannot be called from the"
                        + " generated companion; add a package-private helper that calls it");
            }
            return type(named).text(".super");   // a default method of the nested class's own superinterface
        }
        return expression(target);
    }

    /**
     * {@code super.m(args)} or {@code Iface.super.m(args)} of the template, made from the state
     * machine through a {@code findSpecial} handle on {@code self}; a static {@code m} is called
     * on its class.
     */
    private Code superCall(Tree at, ExpressionTree qualifier, ExecutableElement m, List<Code> args) {
        if (m.getModifiers().contains(Modifier.STATIC)) {
            Code out = qualifier(m, at).text(m.getSimpleName().toString()).text("(");
            for (int i = 0; i < args.size(); i++) {
                out.text(i > 0 ? ", " : "").add(args.get(i));
            }
            return out.text(")");
        }
        TypeElement via = null;
        Element named = qualifier instanceof MemberSelectTree ? t.elementOf(((MemberSelectTree) qualifier).getExpression())
                : null;
        if (named != null && !named.equals(self)) {   // Iface.super.m(): a default method of a direct superinterface
            if (!(named instanceof TypeElement) || named.getKind() != ElementKind.INTERFACE) {
                throw new TemplateError(at, qualifier + "." + m.getSimpleName() + " cannot be called from the generated"
                        + " companion; add a package-private helper in " + self.getSimpleName() + " that calls it");
            }
            via = (TypeElement) named;
            typeRef(via, qualifier);   // reports an interface the machine cannot name
        }
        if (m.getModifiers().contains(Modifier.PRIVATE)) {
            throw new TemplateError(at, "cannot call the private " + describe(m) + " of a supertype from the"
                    + " generated companion; make it package-private");
        }
        javax.lang.model.type.ExecutableType asMember = (javax.lang.model.type.ExecutableType) types.asMemberOf(
                (javax.lang.model.type.DeclaredType) self.asType(), m);
        return access.invokeSuper(m, asMember, self, via, Code.of("self"), args);
    }

    private Code typeArguments(List<? extends Tree> args) {
        Code c = new Code();
        if (args.isEmpty()) {
            return c;
        }
        c.text("<");
        for (int i = 0; i < args.size(); i++) {
            c.text(i > 0 ? ", " : "").add(type(args.get(i)));
        }
        return c.text(">");
    }

    /** Prints {@code new T(args)}; {@code loweredOperands} are [enclosing?] + args when given. */
    public Code newClass(NewClassTree n, List<Code> loweredOperands) {
        Code out = new Code();
        int next = 0;
        ExpressionTree enclosing = n.getEnclosingExpression();
        Element ctor = t.elementOf(n);
        if (ctor != null && n.getClassBody() == null) {
            checkAccess(ctor, n);
        }
        if (enclosing != null) {
            out.add(loweredOperands != null ? loweredOperands.get(next++) : expression(enclosing)).text(".new ")
                    .add(typeArguments(n.getTypeArguments())).add(simpleClassName(n.getIdentifier()));
        } else {
            Element type = t.elementOf(n.getIdentifier());
            if (type instanceof TypeElement && needsSelfAsOuter((TypeElement) type)) {
                out.text("self.new ").add(typeArguments(n.getTypeArguments())).add(simpleClassName(n.getIdentifier()));
            } else {
                out.text("new ").add(typeArguments(n.getTypeArguments())).add(type(n.getIdentifier()));
            }
        }
        out.text("(");
        List<? extends ExpressionTree> args = n.getArguments();
        for (int i = 0; i < args.size(); i++) {
            out.text(i > 0 ? ", " : "").add(loweredOperands != null ? loweredOperands.get(next++) : expression(args.get(i)));
        }
        out.text(")");
        if (n.getClassBody() != null) {
            out.text(" ").add(classBody(n.getClassBody()));
        }
        return out;
    }

    private boolean needsSelfAsOuter(TypeElement type) {
        if (type.getNestingKind() != NestingKind.MEMBER || type.getModifiers().contains(Modifier.STATIC)
                || type.getKind() != ElementKind.CLASS || !nestedClasses.isEmpty()) {
            return false;
        }
        Element outer = type.getEnclosingElement();
        return outer instanceof TypeElement && isSubclass(self, (TypeElement) outer)
                && !t.method.getModifiers().contains(Modifier.STATIC);
    }

    private Code simpleClassName(Tree identifier) {
        if (identifier instanceof ParameterizedTypeTree) {
            ParameterizedTypeTree p = (ParameterizedTypeTree) identifier;
            Code c = simpleClassName(p.getType()).text("<");
            for (int i = 0; i < p.getTypeArguments().size(); i++) {
                c.text(i > 0 ? ", " : "").add(type(p.getTypeArguments().get(i)));
            }
            return c.text(">");
        }
        if (identifier instanceof MemberSelectTree) {
            return Code.of(((MemberSelectTree) identifier).getIdentifier().toString());
        }
        return Code.of(identifier.toString());
    }

    /** Prints an array creation; {@code loweredOperands} are dimensions then initializers when given. */
    public Code newArray(NewArrayTree n, List<Code> loweredOperands) {
        Code out = new Code();
        int next = 0;
        if (n.getType() != null) {
            Tree elem = n.getType();
            while (elem instanceof ArrayTypeTree) {
                elem = ((ArrayTypeTree) elem).getType();
            }
            out.text("new ").add(type(elem));
            for (ExpressionTree d : n.getDimensions()) {
                out.text("[").add(loweredOperands != null ? loweredOperands.get(next++) : expression(d)).text("]");
            }
            int extra = arrayDepth(t.typeOf(n)) - n.getDimensions().size();
            for (int i = 0; i < extra; i++) {
                out.text("[]");
            }
        }
        if (n.getInitializers() != null) {
            out.text(n.getType() != null ? " {" : "{");
            List<? extends ExpressionTree> inits = n.getInitializers();
            for (int i = 0; i < inits.size(); i++) {
                out.text(i > 0 ? ", " : "").add(loweredOperands != null ? loweredOperands.get(next++) : expression(inits.get(i)));
            }
            out.text("}");
        }
        return out;
    }

    private static int arrayDepth(TypeMirror type) {
        int d = 0;
        for (TypeMirror x = type; x instanceof javax.lang.model.type.ArrayType;
                x = ((javax.lang.model.type.ArrayType) x).getComponentType()) {
            d++;
        }
        return d;
    }

    private Code lambda(LambdaExpressionTree l) {
        Code out = new Code().text("(");
        List<? extends VariableTree> params = l.getParameters();
        boolean typed = !params.isEmpty() && hasWrittenType(params.get(0));
        for (int i = 0; i < params.size(); i++) {
            VariableTree p = params.get(i);
            out.text(i > 0 ? ", " : "");
            if (typed) {
                out.add(modifierFlags(p.getModifiers())).add(variableType(p)).text(" ");
            }
            out.text(localName(p));
        }
        out.text(") -> ");
        nestedDepth++;
        jumpScopes.push(BARRIER);
        try {
            Tree body = l.getBody();
            if (body instanceof BlockTree) {
                out.add(block((BlockTree) body));
            } else {
                out.add(expression((ExpressionTree) body));
            }
        } finally {
            jumpScopes.pop();
            nestedDepth--;
        }
        return out;
    }

    private Code memberReference(MemberReferenceTree r) {
        ExpressionTree q = r.getQualifierExpression();
        Element e = t.elementOf(r);
        if (Reachability.isSuper(q) && nestedClasses.isEmpty() && e instanceof ExecutableElement) {
            return superReference(r, (ExecutableElement) e);
        }
        if (e != null && e.getKind() != ElementKind.CONSTRUCTOR) {
            if (Reachability.isBridged(e)) {
                throw new TemplateError(r, "a method reference to the private method " + describe(e)
                        + " cannot be made from the generated state machine; use a lambda or make it package-private");
            }
            checkAccess(e, r);
        }
        Code target = q instanceof ParameterizedTypeTree || q instanceof ArrayTypeTree ? type(q) : expression(q);
        return target.text("::").add(typeArguments(r.getTypeArguments() == null ? List.of() : r.getTypeArguments()))
                .text(r.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : r.getName().toString());
    }

    /**
     * {@code super::m} as the lambda {@code (a, b) -> super_m(self, a, b)}, with as many
     * parameters as the functional interface's method.
     */
    private Code superReference(MemberReferenceTree r, ExecutableElement m) {
        int arity = functionArity(t.typeOf(r));
        if (arity < 0) {
            throw new TemplateError(r, r + " cannot be made from the generated companion (its functional interface"
                    + " is not a plain interface type); use a lambda");
        }
        List<Code> args = new java.util.ArrayList<>();
        Code out = new Code().text("(");
        for (int i = 0; i < arity; i++) {
            String name = vars.claim("superArg");
            out.text((i > 0 ? ", " : "") + name);
            args.add(Code.of(name));
        }
        return out.text(") -> ").add(superCall(r, r.getQualifierExpression(), m, args));
    }

    /** The number of parameters of the single abstract method of a functional interface type, or -1. */
    private int functionArity(TypeMirror type) {
        if (!(type instanceof javax.lang.model.type.DeclaredType)) {
            return -1;
        }
        Element e = ((javax.lang.model.type.DeclaredType) type).asElement();
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

    private Code switchExpression(SwitchExpressionTree s) {
        Code out = new Code().text("switch (").add(expression(s.getExpression())).text(") {\n").indent();
        jumpScopes.push(SWITCH_EXPRESSION);
        try {
            for (CaseTree c : s.getCases()) {
                out.add(caseClause(c));
            }
        } finally {
            jumpScopes.pop();
        }
        return out.unindent().text("}");
    }

    /** {@code case A, B ->}/{@code case A:} labels, enum constants unqualified. */
    public Code caseLabel(CaseTree c) {
        return caseLabel(c, c.getCaseKind() != CaseTree.CaseKind.RULE);
    }

    /** The labels of {@code c}, in colon form ({@code case A:}) when {@code colon}. */
    public Code caseLabel(CaseTree c, boolean colon) {
        List<? extends ExpressionTree> labels = c.getExpressions();
        Code out = new Code();
        if (labels.isEmpty()) {
            String src = t.sourceOf(c);
            if (src != null && !src.startsWith("default")) {
                throw new TemplateError(c, "this case label form is not supported in @Async methods");
            }
            out.text("default");
        } else {
            out.text("case ");
            for (int i = 0; i < labels.size(); i++) {
                ExpressionTree label = labels.get(i);
                Element e = t.elementOf(label);
                out.text(i > 0 ? ", " : "");
                if (label instanceof IdentifierTree && e != null && e.getKind() == ElementKind.ENUM_CONSTANT) {
                    out.text(((IdentifierTree) label).getName().toString());
                } else {
                    out.add(expression(label));
                }
            }
        }
        return out.text(colon ? ":" : " -> ");
    }

    private Code caseClause(CaseTree c) {
        Code out = caseLabel(c);
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            Tree body = c.getBody();
            if (body instanceof BlockTree) {
                return out.add(block((BlockTree) body)).text("\n");
            }
            if (body instanceof ExpressionTree) {
                return out.add(expression((ExpressionTree) body)).text(";\n");
            }
            return out.add(statement((StatementTree) body));
        }
        out.text("\n").indent();
        for (StatementTree st : c.getStatements()) {
            out.add(statement(st));
        }
        return out.unindent();
    }

    // ---------------------------------------------------------------- types

    /** Prints a type as written, with named types as JavaPoet references. */
    public Code type(Tree type) {
        switch (type.getKind()) {
            case PRIMITIVE_TYPE:
                return Code.of(((PrimitiveTypeTree) type).getPrimitiveTypeKind().name().toLowerCase(Locale.ROOT));
            case ARRAY_TYPE:
                return type(((ArrayTypeTree) type).getType()).text("[]");
            case PARAMETERIZED_TYPE: {
                ParameterizedTypeTree p = (ParameterizedTypeTree) type;
                Code c = type(p.getType()).text("<");
                for (int i = 0; i < p.getTypeArguments().size(); i++) {
                    c.text(i > 0 ? ", " : "").add(type(p.getTypeArguments().get(i)));
                }
                return c.text(">");
            }
            case UNBOUNDED_WILDCARD:
                return Code.of("?");
            case EXTENDS_WILDCARD:
                return new Code().text("? extends ").add(type(((WildcardTree) type).getBound()));
            case SUPER_WILDCARD:
                return new Code().text("? super ").add(type(((WildcardTree) type).getBound()));
            case UNION_TYPE: {
                Code c = new Code();
                List<? extends Tree> alts = ((UnionTypeTree) type).getTypeAlternatives();
                for (int i = 0; i < alts.size(); i++) {
                    c.text(i > 0 ? " | " : "").add(type(alts.get(i)));
                }
                return c;
            }
            case INTERSECTION_TYPE: {
                Code c = new Code();
                List<? extends Tree> bounds = ((IntersectionTypeTree) type).getBounds();
                for (int i = 0; i < bounds.size(); i++) {
                    c.text(i > 0 ? " & " : "").add(type(bounds.get(i)));
                }
                return c;
            }
            case ANNOTATED_TYPE:
                return type(((AnnotatedTypeTree) type).getUnderlyingType());
            case IDENTIFIER: case MEMBER_SELECT: {
                Element e = t.elementOf(type);
                if (e instanceof TypeElement) {
                    return typeRef((TypeElement) e, type);
                }
                if (e instanceof PackageElement) {
                    return Code.of(((PackageElement) e).getQualifiedName().toString());
                }
                if (type instanceof MemberSelectTree) {
                    return type(((MemberSelectTree) type).getExpression()).text("." + ((MemberSelectTree) type).getIdentifier());
                }
                return Code.of(type.toString());
            }
            default:
                throw unsupported(type);
        }
    }

    /** Whether a variable's type was written (not {@code var}, not an implicit lambda parameter). */
    private boolean hasWrittenType(VariableTree v) {
        Tree type = v.getType();
        if (type == null) {
            return false;
        }
        long pos = t.trees.getSourcePositions().getStartPosition(t.unit, type);
        return pos >= 0;
    }

    /** The declared type of a local, or {@code var}. */
    public Code variableType(VariableTree v) {
        if (!hasWrittenType(v) || "var".equals(t.sourceOf(v.getType()))) {
            return Code.of("var");
        }
        return type(v.getType());
    }

    // ---------------------------------------------------------------- statements

    /** Prints a statement, ending with a newline. */
    public Code statement(StatementTree s) {
        switch (s.getKind()) {
            case BLOCK:
                return block((BlockTree) s).text("\n");
            case VARIABLE:
                return localVariable((VariableTree) s);
            case EXPRESSION_STATEMENT:
                if (isImplicitSuperCall((ExpressionStatementTree) s)) {
                    return new Code();   // javac's super() in a constructor: not allowed in enums and records
                }
                return expression(((ExpressionStatementTree) s).getExpression()).text(";\n");
            case EMPTY_STATEMENT:
                return Code.of(";\n");
            case IF: {
                IfTree i = (IfTree) s;
                Code out = new Code().text("if (").add(expression(stripParens(i.getCondition()))).text(") ")
                        .add(body(i.getThenStatement()));
                if (i.getElseStatement() != null) {
                    out.text(" else ").add(body(i.getElseStatement()));
                }
                return out.text("\n");
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                return new Code().text("while (").add(expression(stripParens(w.getCondition()))).text(") ")
                        .add(scoped(s, w.getStatement())).text("\n");
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                return new Code().text("do ").add(scoped(s, d.getStatement())).text(" while (")
                        .add(expression(stripParens(d.getCondition()))).text(");\n");
            }
            case FOR_LOOP:
                return forLoop((ForLoopTree) s);
            case ENHANCED_FOR_LOOP: {
                EnhancedForLoopTree f = (EnhancedForLoopTree) s;
                VariableTree v = f.getVariable();
                return new Code().text("for (").add(modifierFlags(v.getModifiers())).add(variableType(v)).text(" ")
                        .text(localName(v)).text(" : ").add(expression(f.getExpression())).text(") ")
                        .add(scoped(s, f.getStatement())).text("\n");
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                jumpScopes.push(l);
                try {
                    return new Code().text(label(l.getLabel()) + ": ").add(statement(l.getStatement()));
                } finally {
                    jumpScopes.pop();
                }
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) s;
                Code out = new Code().text("switch (").add(expression(stripParens(sw.getExpression()))).text(") {\n").indent();
                jumpScopes.push(sw);
                try {
                    for (CaseTree c : sw.getCases()) {
                        out.add(caseClause(c));
                    }
                } finally {
                    jumpScopes.pop();
                }
                return out.unindent().text("}\n");
            }
            case BREAK:
                return breakOrContinue(s, ((BreakTree) s).getLabel(), true);
            case CONTINUE:
                return breakOrContinue(s, ((ContinueTree) s).getLabel(), false);
            case RETURN: {
                ReturnTree r = (ReturnTree) s;
                Code value = r.getExpression() == null ? null : expression(r.getExpression());
                if (nestedDepth > 0) {
                    return value == null ? Code.of("return;\n") : new Code().text("return ").add(value).text(";\n");
                }
                return hooks.returnStatement(r, value);
            }
            case YIELD: {
                Code value = expression(((YieldTree) s).getValue());
                for (Object scope : jumpScopes) {
                    if (scope == BARRIER || scope == SWITCH_EXPRESSION) {
                        return new Code().text("yield ").add(value).text(";\n");
                    }
                }
                return hooks.yieldStatement((YieldTree) s, value);
            }
            case THROW:
                return new Code().text("throw ").add(expression(((ThrowTree) s).getExpression())).text(";\n");
            case TRY:
                return tryStatement((TryTree) s);
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                return new Code().text("synchronized (").add(expression(stripParens(sy.getExpression()))).text(") ")
                        .add(block(sy.getBlock())).text("\n");
            }
            case ASSERT: {
                AssertTree a = (AssertTree) s;
                Code out = new Code().text("assert ").add(expression(a.getCondition()));
                if (a.getDetail() != null) {
                    out.text(" : ").add(expression(a.getDetail()));
                }
                return out.text(";\n");
            }
            case CLASS: case INTERFACE: case ENUM: case RECORD:
                return classDeclaration((ClassTree) s).text("\n");
            default:
                throw unsupported(s);
        }
    }

    /** The {@code super();} javac adds to a constructor without one: it has no end in the source. */
    private boolean isImplicitSuperCall(ExpressionStatementTree s) {
        ExpressionTree e = s.getExpression();
        return e instanceof MethodInvocationTree && ((MethodInvocationTree) e).getArguments().isEmpty()
                && ((MethodInvocationTree) e).getMethodSelect() instanceof IdentifierTree
                && ((IdentifierTree) ((MethodInvocationTree) e).getMethodSelect()).getName().contentEquals("super")
                && t.trees.getSourcePositions().getEndPosition(t.unit, s) < 0;
    }

    private static ExpressionTree stripParens(ExpressionTree e) {
        return e instanceof ParenthesizedTree ? ((ParenthesizedTree) e).getExpression() : e;
    }

    private Code body(StatementTree s) {
        if (s instanceof BlockTree) {
            return block((BlockTree) s);
        }
        return new Code().text("{\n").indent().add(statement(s)).unindent().text("}");
    }

    private Code scoped(Tree loop, StatementTree body) {
        jumpScopes.push(loop);
        try {
            return body(body);
        } finally {
            jumpScopes.pop();
        }
    }

    public Code block(BlockTree b) {
        Code out = new Code().text(b.isStatic() ? "static {\n" : "{\n").indent();
        for (StatementTree s : b.getStatements()) {
            out.add(statement(s));
        }
        return out.unindent().text("}");
    }

    private Code forLoop(ForLoopTree f) {
        Code out = new Code().text("for (");
        List<? extends StatementTree> init = f.getInitializer();
        for (int i = 0; i < init.size(); i++) {
            StatementTree s = init.get(i);
            if (s instanceof VariableTree) {
                VariableTree v = (VariableTree) s;
                if (i == 0) {
                    out.add(modifierFlags(v.getModifiers())).add(variableType(v)).text(" ");
                } else {
                    out.text(", ");
                }
                out.text(localName(v));
                if (v.getInitializer() != null) {
                    out.text(" = ").add(expression(v.getInitializer()));
                }
            } else {
                out.text(i > 0 ? ", " : "").add(expression(((ExpressionStatementTree) s).getExpression()));
            }
        }
        out.text("; ");
        if (f.getCondition() != null) {
            out.add(expression(f.getCondition()));
        }
        out.text("; ");
        List<? extends ExpressionStatementTree> update = f.getUpdate();
        for (int i = 0; i < update.size(); i++) {
            out.text(i > 0 ? ", " : "").add(expression(update.get(i).getExpression()));
        }
        return out.text(") ").add(scoped(f, f.getStatement())).text("\n");
    }

    private Code breakOrContinue(StatementTree s, javax.lang.model.element.Name label, boolean isBreak) {
        String keyword = isBreak ? "break" : "continue";
        for (Object scope : jumpScopes) {
            if (scope == BARRIER) {
                break;
            }
            boolean matches;
            if (label != null) {
                matches = scope instanceof LabeledStatementTree && ((LabeledStatementTree) scope).getLabel().contentEquals(label);
            } else {
                matches = isBreak ? !(scope instanceof LabeledStatementTree) : !(scope instanceof LabeledStatementTree
                        || scope instanceof SwitchTree);
            }
            if (matches) {
                return Code.of(keyword + (label == null ? "" : " " + label(label)) + ";\n");
            }
        }
        if (nestedDepth > 0 || jumpScopes.contains(BARRIER)) {
            return Code.of(keyword + (label == null ? "" : " " + label(label)) + ";\n");
        }
        return hooks.jump(s);
    }

    private static String label(javax.lang.model.element.Name label) {
        String l = label.toString();
        return l.equals("dispatch") ? "dispatch_" : l;
    }

    private Code tryStatement(TryTree tr) {
        Code out = new Code().text("try ");
        List<? extends Tree> resources = tr.getResources();
        if (!resources.isEmpty()) {
            out.text("(");
            for (int i = 0; i < resources.size(); i++) {
                Tree r = resources.get(i);
                out.text(i > 0 ? "; " : "");
                if (r instanceof VariableTree) {
                    VariableTree v = (VariableTree) r;
                    out.add(modifierFlags(v.getModifiers())).add(variableType(v)).text(" " + localName(v) + " = ")
                            .add(expression(v.getInitializer()));
                } else {
                    out.add(expression((ExpressionTree) r));
                }
            }
            out.text(") ");
        }
        out.add(block(tr.getBlock()));
        for (CatchTree c : tr.getCatches()) {
            VariableTree p = c.getParameter();
            out.text(" catch (").add(modifierFlags(p.getModifiers())).add(type(p.getType())).text(" " + localName(p) + ") ")
                    .add(block(c.getBlock()));
        }
        if (tr.getFinallyBlock() != null) {
            out.text(" finally ").add(block(tr.getFinallyBlock()));
        }
        return out.text("\n");
    }

    /** A local declaration; a hoisted one becomes an assignment to its field. */
    public Code localVariable(VariableTree v) {
        Element e = t.elementOf(v);
        if (e != null && vars.isHoisted(e)) {
            if (v.getInitializer() == null) {
                return new Code();
            }
            return new Code().text(vars.nameOf(e) + " = ").add(initializer(v, e)).text(";\n");
        }
        Code out = new Code().add(modifierFlags(v.getModifiers())).add(variableType(v)).text(" " + localName(v));
        if (v.getInitializer() != null) {
            out.text(" = ").add(expression(v.getInitializer()));
        }
        return out.text(";\n");
    }

    /** The initializer of a hoisted variable; array initializers get their {@code new T[]}. */
    public Code initializer(VariableTree v, Element e) {
        ExpressionTree init = v.getInitializer();
        if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
            return new Code().text("new ").type(com.palantir.javapoet.TypeName.get(e.asType())).text(" ")
                    .add(expression(init));
        }
        return expression(init);
    }

    private String localName(VariableTree v) {
        Element e = t.elementOf(v);
        return e == null ? v.getName().toString() : vars.nameOf(e);
    }

    private Code modifierFlags(ModifiersTree m) {
        return m.getFlags().contains(Modifier.FINAL) ? Code.of("final ") : new Code();
    }

    private Code modifiers(ModifiersTree m) {
        Code out = new Code();
        for (AnnotationTree a : m.getAnnotations()) {
            out.text("@").add(type(a.getAnnotationType()));
            if (!a.getArguments().isEmpty()) {
                out.text("(");
                for (int i = 0; i < a.getArguments().size(); i++) {
                    out.text(i > 0 ? ", " : "").add(annotationValue(a.getArguments().get(i)));
                }
                out.text(")");
            }
            out.text(" ");
        }
        for (Modifier flag : m.getFlags()) {
            out.text(flag.toString() + " ");
        }
        return out;
    }

    private Code annotationValue(ExpressionTree arg) {
        if (arg instanceof AssignmentTree) {
            AssignmentTree a = (AssignmentTree) arg;
            return new Code().text(a.getVariable().toString() + " = ").add(annotationValue(a.getExpression()));
        }
        if (arg instanceof NewArrayTree && ((NewArrayTree) arg).getType() == null) {
            Code c = new Code().text("{");
            List<? extends ExpressionTree> inits = ((NewArrayTree) arg).getInitializers();
            for (int i = 0; i < inits.size(); i++) {
                c.text(i > 0 ? ", " : "").add(annotationValue(inits.get(i)));
            }
            return c.text("}");
        }
        return expression(arg);
    }

    // ---------------------------------------------------------------- local and anonymous classes

    private Code classDeclaration(ClassTree c) {
        String keyword;
        switch (c.getKind()) {
            case CLASS: keyword = "class "; break;
            case INTERFACE: keyword = "interface "; break;
            case ENUM: keyword = "enum "; break;
            case RECORD: keyword = "record "; break;
            default: throw unsupported(c);
        }
        Code out = modifiers(c.getModifiers()).text(keyword + c.getSimpleName()).add(typeParameters(c.getTypeParameters()));
        if (c.getKind() == Tree.Kind.RECORD) {
            out.text("(");
            int n = 0;
            for (Tree member : c.getMembers()) {
                if (member instanceof VariableTree && isComponentField(t.elementOf(member))) {
                    VariableTree v = (VariableTree) member;
                    out.text(n++ > 0 ? ", " : "").add(type(v.getType())).text(" " + v.getName());
                }
            }
            out.text(")");
        }
        if (c.getExtendsClause() != null) {
            out.text(" extends ").add(type(c.getExtendsClause()));
        }
        if (!c.getImplementsClause().isEmpty()) {
            out.text(c.getKind() == Tree.Kind.INTERFACE ? " extends " : " implements ");
            for (int i = 0; i < c.getImplementsClause().size(); i++) {
                out.text(i > 0 ? ", " : "").add(type(c.getImplementsClause().get(i)));
            }
        }
        return out.text(" ").add(classBody(c));
    }

    private Code typeParameters(List<? extends TypeParameterTree> params) {
        Code out = new Code();
        if (params.isEmpty()) {
            return out;
        }
        out.text("<");
        for (int i = 0; i < params.size(); i++) {
            TypeParameterTree p = params.get(i);
            out.text((i > 0 ? ", " : "") + p.getName());
            for (int b = 0; b < p.getBounds().size(); b++) {
                out.text(b == 0 ? " extends " : " & ").add(type(p.getBounds().get(b)));
            }
        }
        return out.text(">");
    }

    /** Prints members of {@code type} as a class body (for local classes moved to members). */
    public void enterClass(TypeElement type) {
        nestedDepth++;
        nestedClasses.push(type);
        jumpScopes.push(BARRIER);
        memberClassDepth++;
    }

    public void exitClass() {
        memberClassDepth--;
        jumpScopes.pop();
        nestedClasses.pop();
        nestedDepth--;
    }

    /** Whether the printer is inside a local class moved to a member class of the state machine. */
    public boolean inMovedClass() {
        return memberClassDepth > 0;
    }

    private Code classBody(ClassTree c) {
        Element e = t.elementOf(c);
        if (!(e instanceof TypeElement)) {
            throw unsupported(c);
        }
        nestedDepth++;
        nestedClasses.push((TypeElement) e);
        jumpScopes.push(BARRIER);
        try {
            Code out = new Code().text("{\n").indent();
            if (c.getKind() == Tree.Kind.ENUM && c.getSimpleName().length() > 0) {   // not a constant's body
                out.add(enumConstants(c));
            }
            for (Tree member : c.getMembers()) {
                out.add(member(c, member));
            }
            return out.unindent().text("}");
        } finally {
            jumpScopes.pop();
            nestedClasses.pop();
            nestedDepth--;
        }
    }

    /** {@code A, B(args), C(args) { body };} */
    private Code enumConstants(ClassTree c) {
        Code out = new Code();
        int n = 0;
        for (Tree member : c.getMembers()) {
            Element e = member instanceof VariableTree ? t.elementOf(member) : null;
            if (e == null || e.getKind() != ElementKind.ENUM_CONSTANT) {
                continue;
            }
            out.text(n++ > 0 ? ",\n" : "").text(e.getSimpleName().toString());
            ExpressionTree init = ((VariableTree) member).getInitializer();
            if (init instanceof NewClassTree) {
                NewClassTree constant = (NewClassTree) init;
                if (!constant.getArguments().isEmpty()) {
                    out.add(arguments(constant.getArguments(), null, 0));
                }
                if (constant.getClassBody() != null) {
                    out.text(" ").add(classBody(constant.getClassBody()));
                }
            }
        }
        return out.text(";\n");
    }

    /** Whether {@code field} is the private field javac declares for a record component. */
    static boolean isComponentField(Element field) {
        if (field == null || field.getKind() != ElementKind.FIELD || field.getModifiers().contains(Modifier.STATIC)
                || field.getEnclosingElement().getKind() != ElementKind.RECORD) {
            return false;
        }
        for (Element rc : ((TypeElement) field.getEnclosingElement()).getRecordComponents()) {
            if (rc.getSimpleName().equals(field.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code ctor} is a record's compact constructor: javac supplies its parameters, the source has none. */
    boolean isCompactConstructor(MethodTree ctor) {
        return ctor.getName().contentEquals("<init>") && !ctor.getParameters().isEmpty()
                && t.trees.getSourcePositions().getEndPosition(t.unit, ctor.getParameters().get(0)) < 0;
    }

    private Code member(ClassTree owner, Tree member) {
        if (member instanceof VariableTree) {
            VariableTree v = (VariableTree) member;
            Element ve = t.elementOf(v);
            if (ve != null && (ve.getKind() == ElementKind.ENUM_CONSTANT || isComponentField(ve))) {
                return new Code();   // printed with the enum's constants, or in the record header
            }
            Code out = modifiers(v.getModifiers()).add(type(v.getType())).text(" " + v.getName());
            if (v.getInitializer() != null) {
                out.text(" = ").add(expression(v.getInitializer()));
            }
            return out.text(";\n");
        }
        if (member instanceof BlockTree) {
            return block((BlockTree) member).text("\n");
        }
        if (member instanceof ClassTree) {
            return classDeclaration((ClassTree) member).text("\n");
        }
        if (member instanceof MethodTree) {
            MethodTree m = (MethodTree) member;
            Element me = t.elementOf(m);
            boolean ctor = m.getName().contentEquals("<init>");
            if (ctor && (owner.getSimpleName().length() == 0 || me != null
                    && t.env.getElementUtils().getOrigin(me) == javax.lang.model.util.Elements.Origin.MANDATED)) {
                return new Code();   // the implicit default constructor
            }
            Code out = modifiers(m.getModifiers()).add(typeParameters(m.getTypeParameters()));
            if (!ctor) {
                out.add(type(m.getReturnType())).text(" " + m.getName());
            } else {
                out.text(owner.getSimpleName().toString());
            }
            if (isCompactConstructor(m)) {
                return out.text(" ").add(block(m.getBody())).text("\n");
            }
            out.text("(");
            for (int i = 0; i < m.getParameters().size(); i++) {
                VariableTree p = m.getParameters().get(i);
                out.text(i > 0 ? ", " : "").add(modifierFlags(p.getModifiers())).add(type(p.getType()))
                        .text(" " + localName(p));
            }
            out.text(")");
            for (int i = 0; i < m.getThrows().size(); i++) {
                out.text(i == 0 ? " throws " : ", ").add(type(m.getThrows().get(i)));
            }
            if (m.getBody() == null) {
                return out.text(";\n");
            }
            return out.text(" ").add(block(m.getBody())).text("\n");
        }
        throw unsupported(member);
    }

    private TemplateError unsupported(Tree tree) {
        return new TemplateError(tree, "jawait cannot compile this construct yet (" + tree.getKind()
                + ") in an @Async method");
    }
}
