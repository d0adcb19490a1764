package dev.jawait.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Awaits;
import dev.jawait.processor.analysis.Completion;
import dev.jawait.processor.analysis.Operands;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.emission.Code;
import dev.jawait.processor.emission.LocalClasses;
import dev.jawait.processor.emission.SourcePrinter;
import dev.jawait.processor.emission.TypeNames;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Lowers a template body into the states of a {@link StateBuilder}: statements without an await
 * are copied through the {@link SourcePrinter}; statements with one are split at each await, with
 * operands evaluated before the await spilled into fields, loops and conditionals turned into
 * jumps between states, and try/catch/finally into exception regions (regenerator-style
 * completion records for finally: a "next state" field and a pending failure).
 *
 * <pre>{@code
 * Lowering lowering = new Lowering(template, awaits, vars, typeNames);
 * lowering.lowerBody();
 * List<StateBuilder.State> states = lowering.states().states();
 * }</pre>
 */
public final class Lowering implements SourcePrinter.Hooks {
    static final ClassName STAGE_FUTURE = ClassName.get("dev.jawait.internal", "CompletionStageFuture");

    /** A field the state machine declares. */
    public static final class Field {
        public final String name;
        public final TypeName type;

        Field(String name, TypeName type) {
            this.name = name;
            this.type = type;
        }
    }

    /** A break/continue target of the lowered code. */
    private static final class Target {
        final Tree tree;
        final String label;
        final int breakState;
        final int continueState;   // -1 when not a loop
        final int depth;           // finally blocks active outside the target
        final String yieldField;   // for switch expressions: where yield stores the value

        Target(Tree tree, String label, int breakState, int continueState, int depth) {
            this(tree, label, breakState, continueState, depth, null);
        }

        Target(Tree tree, String label, int breakState, int continueState, int depth, String yieldField) {
            this.tree = tree;
            this.label = label;
            this.breakState = breakState;
            this.continueState = continueState;
            this.depth = depth;
            this.yieldField = yieldField;
        }
    }

    private final Template t;
    private final Awaits awaits;
    private final Variables vars;
    private final Operands operands;
    private final TypeNames typeNames;
    private final SourcePrinter printer;
    private final StateBuilder sb = new StateBuilder();
    private final Map<Tree, Code> replacements = new IdentityHashMap<>();
    private final Deque<Target> targets = new ArrayDeque<>();
    private final List<Region.Finally> activeFinally = new ArrayList<>();
    private final List<Field> fields = new ArrayList<>();
    private final Map<Element, String> captures = new LinkedHashMap<>();
    private final List<Code> pendingCaptures = new ArrayList<>();
    private final Map<String, Integer> trampolines = new HashMap<>();
    private final Map<Integer, String> suspensionPoints = new LinkedHashMap<>();
    private int returnState = -1;
    private final List<com.palantir.javapoet.TypeSpec> memberClasses = new ArrayList<>();
    private String retval;

    public Lowering(Template t, Awaits awaits, Variables vars, TypeNames typeNames) {
        this.t = t;
        this.awaits = awaits;
        this.vars = vars;
        this.operands = new Operands(t, awaits);
        this.typeNames = typeNames;
        this.printer = new SourcePrinter(t, vars, this);
    }

    public StateBuilder states() {
        return sb;
    }

    /** Local classes of awaiting blocks, moved into the state machine. */
    public List<com.palantir.javapoet.TypeSpec> memberClasses() {
        return memberClasses;
    }

    public SourcePrinter printer() {
        return printer;
    }

    public List<Field> fields() {
        return fields;
    }

    /** Resume state → template position, for {@code toString()}. */
    public Map<Integer, String> suspensionPoints() {
        return suspensionPoints;
    }

    public void lowerBody() {
        BlockTree body = t.tree.getBody();
        for (StatementTree s : body.getStatements()) {
            statement(s);
        }
        if (sb.isOpen()) {
            if (isVoid()) {
                emit(Code.of("return complete(null);\n"));
            } else {
                emit(Code.of("throw new IllegalStateException(\"fell off the end of " + t.displayName() + "\");\n"));
            }
            sb.close();
        }
    }

    private boolean isVoid() {
        return t.method.getReturnType().getKind() == TypeKind.VOID;
    }

    // ---------------------------------------------------------------- printer hooks

    @Override
    public Code replacement(ExpressionTree tree) {
        return replacements.get(tree);
    }

    @Override
    public Code jump(StatementTree jump) {
        Target target = resolve(jump);
        int state = jump instanceof ContinueTree ? target.continueState : target.breakState;
        return jumpCode(state, target.depth, activeFinally.size(), true);
    }

    @Override
    public Code returnStatement(ReturnTree tree, Code value) {
        return returnCode(value, true);
    }

    @Override
    public String variable(Element variable, boolean insideNestedBody) {
        String name = vars.nameOf(variable);
        if (!insideNestedBody || !vars.isHoisted(variable) || printer.inMovedClass()) {
            return name;
        }
        // a lambda must see the value of this iteration, not the field's later values
        return captures.computeIfAbsent(variable, v -> {
            String copy = vars.claim(name + "_captured");
            pendingCaptures.add(new Code().text("final ").type(fieldType(v)).text(" " + copy + " = " + name + ";\n"));
            return copy;
        });
    }

    private Target resolve(StatementTree jump) {
        javax.lang.model.element.Name label = jump instanceof BreakTree ? ((BreakTree) jump).getLabel()
                : ((ContinueTree) jump).getLabel();
        for (Target target : targets) {
            if (label != null) {
                if (label.contentEquals(target.label == null ? "" : target.label)
                        && (jump instanceof BreakTree || target.continueState >= 0)) {
                    return target;
                }
            } else if (jump instanceof BreakTree ? target.tree != null : target.continueState >= 0) {
                return target;
            }
        }
        throw new TemplateError(jump, "cannot find the target of this " + jump.getKind().toString().toLowerCase());
    }

    // ---------------------------------------------------------------- emission helpers

    private void emit(Code code) {
        if (!pendingCaptures.isEmpty()) {
            for (Code c : pendingCaptures) {
                sb.emit(c);
            }
            pendingCaptures.clear();
        }
        captures.clear();
        sb.emit(code);
    }

    /** Prints with the printer, then emits (captures for lambdas first). */
    private void emitPrinted(StatementTree s) {
        Code code = printer.statement(s);
        emit(code);
        if (!Completion.canCompleteNormally(t, s)) {
            sb.close();
        }
    }

    private void comment(Tree s) {
        if (!sb.isOpen()) {
            return;
        }
        sb.comment(t.locationOf(s), t.lineOf(s));
    }

    /** Jump to {@code state}, running the finally blocks between {@code fromDepth} and {@code toDepth}. */
    private Code jumpCode(int state, int toDepth, int fromDepth, boolean labelled) {
        if (fromDepth <= toDepth) {
            return StateBuilder.goTo(state, labelled);
        }
        Region.Finally f = activeFinally.get(fromDepth - 1);
        int via = fromDepth - 1 == toDepth ? state : trampoline(state, toDepth, fromDepth - 1);
        return Code.of(f.next + " = " + StateBuilder.ref(via) + ";\n").add(StateBuilder.goTo(f.entry, labelled));
    }

    private int trampoline(int state, int toDepth, int fromDepth) {
        String key = state + "/" + toDepth + "/" + fromDepth;
        Integer existing = trampolines.get(key);
        if (existing != null) {
            return existing;
        }
        int number = sb.newState();
        trampolines.put(key, number);
        sb.addTrailing(number, null).code.add(jumpCode(state, toDepth, fromDepth, false));
        return number;
    }

    private Code returnCode(Code value, boolean labelled) {
        if (activeFinally.isEmpty()) {
            return new Code().text("return complete(").add(completionValue(value)).text(");\n");
        }
        Code out = new Code();
        if (!isVoid()) {
            if (retval == null) {
                retval = vars.claim("result");
                fields.add(new Field(retval, TypeName.get(t.method.getReturnType())));
            }
            out.text(retval + " = ").add(value).text(";\n");
        }
        if (returnState < 0) {
            returnState = sb.newState();
            sb.addTrailing(returnState, null).code.add(new Code().text("return complete(")
                    .add(completionValue(retval == null ? null : Code.of(retval))).text(");\n"));
        }
        return out.add(jumpCode(returnState, 0, activeFinally.size(), labelled));
    }

    private Code completionValue(Code value) {
        if (value == null || isVoid()) {
            return Code.of("null");
        }
        TypeMirror r = t.method.getReturnType();
        if (r.getKind().isPrimitive()) {
            return new Code().text("(" + r + ") (").add(value).text(")");
        }
        return value;
    }

    private String addField(String hint, TypeName type) {
        String name = vars.fresh(hint);
        fields.add(new Field(name, type));
        return name;
    }

    /** The field type of a hoisted template variable. */
    public TypeName fieldType(Element variable) {
        return typeNames.variableType(variable, vars.declarationOf(variable));
    }

    // ---------------------------------------------------------------- statements

    private void statement(StatementTree s) {
        if (!awaits.contains(s)) {
            comment(s);
            if (s instanceof ClassTree && movesToMember((ClassTree) s)) {
                memberClasses.add(LocalClasses.asMember(t, printer, (ClassTree) s));
                return;
            }
            emitPrinted(s);
            return;
        }
        if (s.getKind() != Tree.Kind.BLOCK) {
            comment(s);
        }
        switch (s.getKind()) {
            case BLOCK:
                for (StatementTree st : ((BlockTree) s).getStatements()) {
                    statement(st);
                }
                if (sb.isOpen() && (t.parentOf(s) instanceof BlockTree || t.parentOf(s) instanceof CaseTree)) {
                    // a nested block is flattened into states: end its locals' scope where the template does
                    sb.mark(sb.newState());
                }
                return;
            case VARIABLE:
                variable((VariableTree) s);
                return;
            case EXPRESSION_STATEMENT:
                expressionStatement(((ExpressionStatementTree) s).getExpression());
                return;
            case IF:
                ifStatement((IfTree) s);
                return;
            case WHILE_LOOP: case DO_WHILE_LOOP: case FOR_LOOP: case ENHANCED_FOR_LOOP:
                loop(s, null);
                return;
            case LABELED_STATEMENT:
                labeled((LabeledStatementTree) s);
                return;
            case SWITCH:
                switchStatement((SwitchTree) s);
                return;
            case RETURN: {
                ExpressionTree e = ((ReturnTree) s).getExpression();
                emit(returnCode(e == null ? null : expression(e), false));
                sb.close();
                return;
            }
            case THROW: {
                Code value = expression(((ThrowTree) s).getExpression());
                emit(new Code().text("throw ").add(value).text(";\n"));
                sb.close();
                return;
            }
            case TRY:
                tryStatement((TryTree) s);
                return;
            case YIELD: {
                Code value = expression(((YieldTree) s).getValue());
                emit(yieldCode(value, false));
                sb.close();
                return;
            }
            case ASSERT:
                assertStatement((AssertTree) s);
                return;
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                replacements.put(sy.getExpression(), expression(sy.getExpression()));
                emitPrinted(s);
                return;
            }
            default:
                throw new TemplateError(s, "await inside a " + s.getKind().toString().toLowerCase().replace('_', ' ')
                        + " statement is not supported");
        }
    }

    /** {@code assert} with an await: evaluated only when assertions are enabled for the template's class. */
    private void assertStatement(AssertTree a) {
        Element top = t.owner;
        while (top.getEnclosingElement() instanceof TypeElement) {
            top = top.getEnclosingElement();
        }
        int end = sb.newState();
        emit(new Code().text("if (!").type(ClassName.get((TypeElement) top)).text(".class.desiredAssertionStatus()) {\n")
                .indent().add(StateBuilder.goTo(end, false)).unindent().text("}\n"));
        Code cond = expression(stripParens(a.getCondition()));
        emit(new Code().text("if (").add(cond).text(") {\n").indent().add(StateBuilder.goTo(end, false)).unindent()
                .text("}\n"));
        if (a.getDetail() == null) {
            emit(Code.of("throw new AssertionError();\n"));
        } else {
            emit(new Code().text("throw new AssertionError(").add(expression(a.getDetail())).text(");\n"));
        }
        sb.close();
        sb.mark(end);
    }

    private boolean movesToMember(ClassTree c) {
        Tree parent = t.parentOf(c);
        return (parent instanceof BlockTree || parent instanceof CaseTree) && awaits.contains(parent);
    }

    private void variable(VariableTree v) {
        Element e = t.elementOf(v);
        Code init = expression(v.getInitializer());
        if (v.getInitializer() instanceof NewArrayTree && ((NewArrayTree) v.getInitializer()).getType() == null) {
            init = new Code().text("new ").type(TypeName.get(e.asType())).text(" ").add(init);
        }
        emit(declaration(v, e).add(init).text(";\n"));
    }

    private void expressionStatement(ExpressionTree e) {
        ExpressionTree bare = stripParens(e);
        if (awaits.isAwait(bare)) {
            suspend((MethodInvocationTree) bare);
            return;
        }
        emit(expression(e).text(";\n"));
    }

    private void ifStatement(IfTree i) {
        ExpressionTree cond = stripParens(i.getCondition());
        Code c = expression(cond);
        if (!awaits.contains(i.getThenStatement()) && !awaits.contains(i.getElseStatement())) {
            replacements.put(cond, c);
            emitPrinted(i);
            return;
        }
        int end = sb.newState();
        int otherwise = i.getElseStatement() != null ? sb.newState() : end;
        emit(new Code().text("if (!(").add(c).text(")) {\n").indent().add(StateBuilder.goTo(otherwise, false)).unindent().text("}\n"));
        statement(i.getThenStatement());
        if (i.getElseStatement() != null) {
            if (sb.isOpen()) {
                sb.jump(end);
            }
            sb.mark(otherwise);
            statement(i.getElseStatement());
        }
        sb.mark(end);
    }

    private void labeled(LabeledStatementTree l) {
        StatementTree inner = l.getStatement();
        switch (inner.getKind()) {
            case WHILE_LOOP: case DO_WHILE_LOOP: case FOR_LOOP: case ENHANCED_FOR_LOOP:
                loop(inner, l.getLabel().toString());
                return;
            default:
                int end = sb.newState();
                targets.push(new Target(null, l.getLabel().toString(), end, -1, activeFinally.size()));
                statement(inner);
                targets.pop();
                sb.mark(end);
        }
    }

    private void loop(StatementTree s, String label) {
        int top = sb.newState();
        int end = sb.newState();
        int depth = activeFinally.size();
        switch (s.getKind()) {
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                sb.mark(top);
                exitUnless(expression(stripParens(w.getCondition())), end);
                body(w.getStatement(), new Target(s, label, end, top, depth));
                if (sb.isOpen()) {
                    sb.jump(top);
                }
                break;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                int condition = sb.newState();
                sb.mark(top);
                body(d.getStatement(), new Target(s, label, end, condition, depth));
                sb.mark(condition);
                Code c = expression(stripParens(d.getCondition()));
                emit(new Code().text("if (").add(c).text(") {\n").indent().add(StateBuilder.goTo(top, false)).unindent().text("}\n"));
                break;
            }
            case FOR_LOOP: {
                ForLoopTree f = (ForLoopTree) s;
                for (StatementTree init : f.getInitializer()) {
                    statement(init);
                }
                int update = sb.newState();
                sb.mark(top);
                if (f.getCondition() != null) {
                    exitUnless(expression(f.getCondition()), end);
                }
                body(f.getStatement(), new Target(s, label, end, update, depth));
                sb.mark(update);
                for (ExpressionStatementTree u : f.getUpdate()) {
                    statement(u);
                }
                if (sb.isOpen()) {
                    sb.jump(top);
                }
                break;
            }
            default:
                enhancedFor((EnhancedForLoopTree) s, label, top, end, depth);
        }
        sb.mark(end);
    }

    private void body(StatementTree body, Target target) {
        targets.push(target);
        try {
            statement(body);
        } finally {
            targets.pop();
        }
    }

    private void exitUnless(Code condition, int exit) {
        emit(new Code().text("if (!(").add(condition).text(")) {\n").indent().add(StateBuilder.goTo(exit, false))
                .unindent().text("}\n"));
    }

    private void enhancedFor(EnhancedForLoopTree f, String label, int top, int end, int depth) {
        VariableTree v = f.getVariable();
        Element e = t.elementOf(v);
        ExpressionTree source = f.getExpression();
        TypeMirror sourceType = t.typeOf(source);
        Code iterable = expression(source);
        int next = sb.newState();
        if (sourceType.getKind() == TypeKind.ARRAY) {
            String array = addField("array", typeNames.denotable(sourceType, source));
            String index = addField("index", TypeName.INT);
            emit(new Code().text(array + " = ").add(iterable).text(";\n" + index + " = 0;\n"));
            sb.mark(top);
            exitUnless(Code.of(index + " < " + array + ".length"), end);
            emit(declaration(v, e).text(array + "[" + index + "];\n"));
            body(f.getStatement(), new Target(f, label, end, next, depth));
            sb.mark(next);
            emit(Code.of(index + "++;\n"));
            sb.jump(top);
            return;
        }
        TypeName iteratorType = iteratorType(sourceType, source);
        String iterator = addField("iterator", iteratorType != null ? iteratorType
                : ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class), WildcardTypeName.subtypeOf(Object.class)));
        emit(new Code().text(iterator + " = ").add(iterable).text(".iterator();\n"));
        sb.mark(top);
        exitUnless(Code.of(iterator + ".hasNext()"), end);
        if (iteratorType != null) {
            emit(declaration(v, e).text(iterator + ".next();\n"));
        } else {
            TypeName element = vars.isHoisted(e) ? fieldType(e) : typeNames.denotable(e.asType(), v);
            emit(declaration(v, e).text("(").type(element).text(") " + iterator + ".next();\n"));
        }
        body(f.getStatement(), new Target(f, label, end, next, depth));
        sb.mark(next);
        sb.jump(top);
    }

    /** {@code x = } for a hoisted variable, else the declaration {@code final T x = } of a local of the current state. */
    private Code declaration(VariableTree v, Element e) {
        if (vars.isHoisted(e)) {
            return Code.of(vars.nameOf(e) + " = ");
        }
        return new Code().add(v.getModifiers().getFlags().contains(Modifier.FINAL) ? Code.of("final ") : new Code())
                .add(printer.variableType(v)).text(" " + vars.nameOf(e) + " = ");
    }

    /** {@code Iterator<E>} for an Iterable expression type, or {@code null} if it cannot be named. */
    private TypeName iteratorType(TypeMirror type, Tree at) {
        try {
            TypeMirror declared = type;
            if (declared.getKind() == TypeKind.TYPEVAR) {
                declared = ((TypeVariable) declared).getUpperBound();
            }
            if (declared.getKind() != TypeKind.DECLARED) {
                return null;
            }
            TypeElement iterable = t.env.getElementUtils().getTypeElement("java.lang.Iterable");
            for (Element m : iterable.getEnclosedElements()) {
                if (m.getKind() == ElementKind.METHOD && m.getSimpleName().contentEquals("iterator")) {
                    ExecutableType member = (ExecutableType) t.env.getTypeUtils().asMemberOf((DeclaredType) declared, m);
                    TypeName name = typeNames.denotable(member.getReturnType(), at);
                    return name instanceof ParameterizedTypeName ? name : null;
                }
            }
        } catch (RuntimeException e) {
            return null;
        }
        return null;
    }

    private void switchStatement(SwitchTree s) {
        ExpressionTree selector = stripParens(s.getExpression());
        Code sel = expression(selector);
        boolean bodiesAwait = false;
        for (CaseTree c : s.getCases()) {
            bodiesAwait |= awaits.contains(c);
        }
        if (!bodiesAwait) {
            replacements.put(selector, sel);
            emitPrinted(s);
            return;
        }
        lowerSwitch(s, sel, s.getCases(), null);
    }

    /** A switch expression that awaits: a lowered switch whose arms store into a temporary. */
    private Code switchExpression(SwitchExpressionTree s) {
        Code sel = expression(stripParens(s.getExpression()));
        String result = addField("switch", typeNames.denotable(t.typeOf(s), s));
        lowerSwitch(s, sel, s.getCases(), result);
        return Code.of(result);
    }

    private void lowerSwitch(Tree s, Code sel, List<? extends CaseTree> cases, String result) {
        int end = sb.newState();
        List<Integer> caseStates = new ArrayList<>();
        Code dispatch = new Code().text("switch (").add(sel).text(") {\n").indent();
        boolean hasDefault = false;
        for (CaseTree c : cases) {
            int state = sb.newState();
            caseStates.add(state);
            hasDefault |= c.getExpressions().isEmpty();
            dispatch.add(printer.caseLabel(c, true)).text("\n").indent().add(StateBuilder.goTo(state, false)).unindent();
        }
        if (!hasDefault) {
            dispatch.text("default:\n").indent().add(result == null ? StateBuilder.goTo(end, false)
                    : Code.of("throw new IncompatibleClassChangeError(\"no case of the switch expression matched\");\n"))
                    .unindent();
        }
        emit(dispatch.unindent().text("}\n"));
        sb.close();
        int depth = activeFinally.size();
        targets.push(result == null ? new Target(s, null, end, -1, depth) : new Target(null, null, end, -1, depth, result));
        try {
            for (int i = 0; i < cases.size(); i++) {
                CaseTree c = cases.get(i);
                sb.mark(caseStates.get(i));
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    Tree body = c.getBody();
                    if (body instanceof ExpressionTree) {
                        comment(body);
                        if (result != null) {
                            emit(new Code().text(result + " = ").add(expression((ExpressionTree) body)).text(";\n"));
                        } else {
                            expressionStatement((ExpressionTree) body);
                        }
                    } else {
                        statement((StatementTree) body);
                    }
                    if (sb.isOpen()) {
                        sb.jump(end);
                    }
                } else {
                    for (StatementTree st : c.getStatements()) {
                        statement(st);
                    }
                }
            }
        } finally {
            targets.pop();
        }
        sb.mark(end);
    }

    private Code yieldCode(Code value, boolean labelled) {
        for (Target target : targets) {
            if (target.yieldField != null) {
                return new Code().text(target.yieldField + " = ").add(value).text(";\n")
                        .add(jumpCode(target.breakState, target.depth, activeFinally.size(), labelled));
            }
        }
        throw new IllegalStateException("yield outside a lowered switch expression");
    }

    @Override
    public Code yieldStatement(YieldTree tree, Code value) {
        return yieldCode(value, true);
    }

    // ---------------------------------------------------------------- try

    /** A catch clause to lower: failure types, the field receiving the failure, and its body. */
    private static final class CatchSpec {
        final List<TypeName> types;
        final String field;
        final TypeName fieldType;
        final Runnable body;

        CatchSpec(List<TypeName> types, String field, TypeName fieldType, Runnable body) {
            this.types = types;
            this.field = field;
            this.fieldType = fieldType;
            this.body = body;
        }
    }

    private void tryStatement(TryTree tr) {
        List<CatchSpec> catches = new ArrayList<>();
        for (CatchTree c : tr.getCatches()) {
            VariableTree p = c.getParameter();
            Element e = t.elementOf(p);
            List<TypeName> types = new ArrayList<>();
            if (p.getType() instanceof UnionTypeTree) {
                for (Tree alt : ((UnionTypeTree) p.getType()).getTypeAlternatives()) {
                    types.add(TypeName.get(t.env.getTypeUtils().erasure(t.typeOf(alt))));
                }
            } else {
                types.add(TypeName.get(t.env.getTypeUtils().erasure(t.typeOf(p.getType()))));
            }
            String field = vars.isHoisted(e) ? vars.nameOf(e) : null;   // an unused parameter needs no field
            catches.add(new CatchSpec(types, field, field == null ? null : fieldType(e), () -> statement(c.getBlock())));
        }
        Runnable fin = tr.getFinallyBlock() == null ? null : () -> statement(tr.getFinallyBlock());
        if (tr.getResources().isEmpty()) {
            lowerTry(() -> statement(tr.getBlock()), catches, fin);
        } else if (catches.isEmpty() && fin == null) {
            resources(tr.getResources(), 0, () -> statement(tr.getBlock()));
        } else {
            lowerTry(() -> resources(tr.getResources(), 0, () -> statement(tr.getBlock())), catches, fin);
        }
    }

    private void lowerTry(Runnable body, List<CatchSpec> catches, Runnable finallyBody) {
        Region outer = sb.region();
        int after = sb.newState();
        int outsideDepth = activeFinally.size();
        Region.Finally fin = null;
        if (finallyBody != null) {
            int entry = sb.newState();
            int rethrow = sb.newState();
            fin = new Region.Finally(entry, addField("finallyNext", TypeName.INT),
                    addField("finallyFailure", ClassName.get(Throwable.class)), rethrow);
        }
        List<Region.Handler> handlers = new ArrayList<>();
        for (CatchSpec c : catches) {
            handlers.add(new Region.Handler(c.types, c.field, c.fieldType, sb.newState()));
        }
        Region tryRegion = new Region(outer, handlers, fin);
        if (fin != null) {
            activeFinally.add(fin);
        }
        sb.setRegion(tryRegion);
        sb.mark(sb.newState());
        body.run();
        if (sb.isOpen()) {
            emit(jumpCode(after, outsideDepth, activeFinally.size(), false));
            sb.close();
        }
        Region catchRegion = fin != null ? new Region(outer, List.of(), fin) : outer;
        for (int i = 0; i < catches.size(); i++) {
            sb.setRegion(catchRegion);
            sb.mark(handlers.get(i).state);
            catches.get(i).body.run();
            if (sb.isOpen()) {
                emit(jumpCode(after, outsideDepth, activeFinally.size(), false));
                sb.close();
            }
        }
        sb.setRegion(outer);
        if (fin != null) {
            activeFinally.remove(activeFinally.size() - 1);
            sb.mark(fin.entry);
            finallyBody.run();
            if (sb.isOpen()) {
                emit(Code.of("state = " + fin.next + ";\ncontinue;\n"));
                sb.close();
            }
            sb.mark(fin.rethrow);
            emit(Code.of("Throwable rethrown = " + fin.failure + ";\n" + fin.failure + " = null;\nthrow rethrown;\n"));
            sb.close();
        }
        sb.mark(after);
    }

    /** try-with-resources as JLS 14.20.3 spells it: a try/catch/finally per resource. */
    private void resources(List<? extends Tree> resources, int index, Runnable body) {
        if (index == resources.size()) {
            body.run();
            return;
        }
        Tree r = resources.get(index);
        String resource;
        if (r instanceof VariableTree) {
            VariableTree v = (VariableTree) r;
            Element e = t.elementOf(v);
            resource = vars.nameOf(e);
            Code init = expression(v.getInitializer());
            emit(new Code().text(resource + " = ").add(init).text(";\n"));
        } else {
            ExpressionTree e = (ExpressionTree) r;
            resource = addField("resource", typeNames.denotable(t.typeOf(e), e));
            emit(new Code().text(resource + " = ").add(expression(e)).text(";\n"));
        }
        String primary = addField("primary", ClassName.get(Throwable.class));
        emit(Code.of(primary + " = null;\n"));
        TypeName throwable = ClassName.get(Throwable.class);
        lowerTry(() -> resources(resources, index + 1, body),
                List.of(new CatchSpec(List.of(throwable), primary, throwable, () -> {
                    emit(Code.of("throw " + primary + ";\n"));
                    sb.close();
                })),
                () -> emit(Code.of("if (" + resource + " != null) {\n").indent()
                        .text("if (" + primary + " != null) {\n").indent()
                        .text("try {\n").indent().text(resource + ".close();\n").unindent()
                        .text("} catch (Throwable suppressed) {\n").indent()
                        .text(primary + ".addSuppressed(suppressed);\n").unindent().text("}\n")
                        .unindent().text("} else {\n").indent().text(resource + ".close();\n").unindent().text("}\n")
                        .unindent().text("}\n")));
    }

    // ---------------------------------------------------------------- expressions

    private static ExpressionTree stripParens(ExpressionTree e) {
        while (e instanceof ParenthesizedTree) {
            e = ((ParenthesizedTree) e).getExpression();
        }
        return e;
    }

    /** Lowers {@code e}: emits what must run before its value, returns the code of its value. */
    private Code expression(ExpressionTree e) {
        if (!awaits.contains(e)) {
            return printer.expression(e);
        }
        switch (e.getKind()) {
            case PARENTHESIZED:
                return new Code().text("(").add(expression(((ParenthesizedTree) e).getExpression())).text(")");
            case METHOD_INVOCATION: {
                MethodInvocationTree m = (MethodInvocationTree) e;
                if (awaits.isAwait(m)) {
                    return suspend(m);
                }
                return printer.invocation(m, operands(operands.of(m), null));
            }
            case NEW_CLASS: {
                NewClassTree n = (NewClassTree) e;
                return printer.newClass(n, operands(operands.of(n), null));
            }
            case NEW_ARRAY: {
                NewArrayTree n = (NewArrayTree) e;
                return printer.newArray(n, operands(operands.of(n), null));
            }
            case MEMBER_SELECT: {
                MemberSelectTree m = (MemberSelectTree) e;
                return expression(m.getExpression()).text("." + m.getIdentifier());
            }
            case ARRAY_ACCESS: {
                List<Code> c = operands(operands.of(e), null);
                return c.get(0).text("[").add(c.get(1)).text("]");
            }
            case CONDITIONAL_AND: case CONDITIONAL_OR:
                return shortCircuit((BinaryTree) e);
            case CONDITIONAL_EXPRESSION:
                return conditional((ConditionalExpressionTree) e);
            case SWITCH_EXPRESSION:
                return switchExpression((SwitchExpressionTree) e);
            case TYPE_CAST: {
                TypeCastTree c = (TypeCastTree) e;
                return new Code().text("(").add(printer.type(c.getType())).text(") ").add(expression(c.getExpression()));
            }
            case INSTANCE_OF:
                return printer.instanceOf((InstanceOfTree) e, expression(((InstanceOfTree) e).getExpression()));
            case MEMBER_REFERENCE: {
                MemberReferenceTree r = (MemberReferenceTree) e;
                Code target = expression(r.getQualifierExpression());
                return target.text("::" + (r.getMode() == MemberReferenceTree.ReferenceMode.NEW ? "new" : r.getName()));
            }
            case ASSIGNMENT: {
                AssignmentTree a = (AssignmentTree) e;
                ExpressionTree privateReceiver = printer.privateFieldReceiver(a.getVariable());
                if (privateReceiver != null || printer.isBridged(t.elementOf(stripParens(a.getVariable())))) {
                    Code receiver = privateReceiver == null ? null
                            : operands(List.of(privateReceiver), ifAwaits(a.getExpression())).get(0);
                    return printer.privateAssignment(a.getVariable(), receiver, expression(a.getExpression()));
                }
                Code lhs = lvalue(a.getVariable(), ifAwaits(a.getExpression()));
                Code rhs = expression(a.getExpression());
                return lhs.text(" = ").add(rhs);
            }
            default:
                break;
        }
        if (e instanceof BinaryTree) {
            BinaryTree b = (BinaryTree) e;
            List<Code> c = operands(operands.of(b), null);
            return printer.binary(b, c.get(0), c.get(1));
        }
        if (e instanceof UnaryTree) {
            UnaryTree u = (UnaryTree) e;
            switch (u.getKind()) {
                case PREFIX_INCREMENT: case PREFIX_DECREMENT: case POSTFIX_INCREMENT: case POSTFIX_DECREMENT: {
                    ExpressionTree privateReceiver = printer.privateFieldReceiver(u.getExpression());
                    if (privateReceiver != null) {
                        return printer.privateIncrement(u, expression(privateReceiver));
                    }
                    return printer.unary(u, lvalue(u.getExpression(), null));
                }
                default:
                    return printer.unary(u, expression(u.getExpression()));
            }
        }
        if (e instanceof CompoundAssignmentTree) {
            return compoundAssignment((CompoundAssignmentTree) e);
        }
        throw new TemplateError(e, "await inside " + describe(e) + " is not supported yet");
    }

    private static String describe(Tree e) {
        switch (e.getKind()) {
            case SWITCH_EXPRESSION: return "a switch expression";
            case LAMBDA_EXPRESSION: return "a lambda";
            case MEMBER_REFERENCE: return "a method reference";
            default: return "a " + e.getKind().toString().toLowerCase().replace('_', ' ');
        }
    }

    /** The suspension point: hand the future to the driver loop, resume in a new state. */
    private Code suspend(MethodInvocationTree await) {
        ExpressionTree arg = await.getArguments().get(0);
        Code future = expression(arg);
        ExecutableElement m = (ExecutableElement) t.elementOf(await);
        TypeMirror param = t.env.getTypeUtils().erasure(m.getParameters().get(0).asType());
        boolean stage = param.toString().equals("java.util.concurrent.CompletionStage");
        Code child = stage ? new Code().text("new ").type(STAGE_FUTURE).text("<>(").add(future).text(")") : future;
        int resume = sb.newState();
        suspensionPoints.put(resume, t.locationOf(await));
        // Polled in place: a ready future falls through into the resume state without a dispatch.
        emit(new Code().text("if (suspend(" + StateBuilder.ref(resume) + ", ").add(child).text(", cx)) {\n")
                .indent().text("return PENDING;\n").unindent().text("}\n"));
        sb.mark(resume);
        emit(new Code().text("if (resume(cx)) {\n").indent().text("return PENDING;\n").unindent().text("}\n"));
        TypeName type = typeNames.denotable(t.typeOf(await), await);
        return new Code().text("((").type(type).text(") awaited())").atomic();
    }

    /**
     * Evaluates operands left to right: those before the last operand that awaits are stored in
     * temporaries (unless their value cannot change), so they keep Java's evaluation order.
     * {@code awaitingRest} is the right side of an assignment that awaits after these operands
     * (the array, index or receiver of its target), or {@code null}.
     */
    private List<Code> operands(List<? extends ExpressionTree> ops, ExpressionTree awaitingRest) {
        int last = -1;
        for (int i = 0; i < ops.size(); i++) {
            if (awaits.contains(ops.get(i))) {
                last = i;
            }
        }
        if (awaitingRest != null) {
            last = ops.size();
        }
        List<Code> out = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            ExpressionTree op = ops.get(i);
            if (i < last) {
                Code c = expression(op);
                List<ExpressionTree> after = new ArrayList<>(ops.subList(i + 1, ops.size()));
                if (awaitingRest != null) {
                    after.add(awaitingRest);
                }
                if (!operands.isStable(op, after)) {
                    String tmp = addField(hint(op), typeNames.denotable(t.typeOf(op), op));
                    emit(new Code().text(tmp + " = ").add(c).text(";\n"));
                    c = Code.of(tmp);
                }
                out.add(c);
            } else if (i == last) {
                out.add(expression(op));
            } else {
                out.add(printer.expression(op));
            }
        }
        return out;
    }

    private String hint(ExpressionTree op) {
        ExpressionTree e = stripParens(op);
        if (e instanceof MethodInvocationTree) {
            ExpressionTree sel = ((MethodInvocationTree) e).getMethodSelect();
            return sel instanceof MemberSelectTree ? ((MemberSelectTree) sel).getIdentifier().toString()
                    : ((IdentifierTree) sel).getName().toString();
        }
        if (e instanceof IdentifierTree) {
            return ((IdentifierTree) e).getName().toString();
        }
        if (e instanceof MemberSelectTree) {
            return ((MemberSelectTree) e).getIdentifier().toString();
        }
        if (e instanceof LambdaExpressionTree) {
            return "lambda";
        }
        return "";
    }

    /**
     * The target of an assignment, with its array/receiver operands evaluated (and spilled when
     * {@code awaitingRest}, the right side, awaits).
     */
    private Code lvalue(ExpressionTree target, ExpressionTree awaitingRest) {
        ExpressionTree e = stripParens(target);
        if (e instanceof ArrayAccessTree) {
            List<Code> c = operands(operands.of(e), awaitingRest);
            return c.get(0).text("[").add(c.get(1)).text("]");
        }
        if (e instanceof MemberSelectTree && printer.isValueReceiver(((MemberSelectTree) e).getExpression())) {
            MemberSelectTree m = (MemberSelectTree) e;
            Element el = t.elementOf(m);
            if (el != null && el.getModifiers().contains(Modifier.PRIVATE)) {
                return printer.expression(e);   // reports the private member
            }
            List<Code> c = operands(List.of(m.getExpression()), awaitingRest);
            return c.get(0).text("." + m.getIdentifier());
        }
        return printer.expression(e);
    }

    /** {@code rest} when it awaits (the operands before it must then survive the await), else {@code null}. */
    private ExpressionTree ifAwaits(ExpressionTree rest) {
        return awaits.contains(rest) ? rest : null;
    }

    private Code compoundAssignment(CompoundAssignmentTree c) {
        ExpressionTree target = stripParens(c.getVariable());
        String op = SourcePrinter.operator(c.getKind());
        if (printer.isBridged(t.elementOf(target))) {
            ExpressionTree privateReceiver = printer.privateFieldReceiver(target);
            Code receiver = privateReceiver == null ? null
                    : operands(List.of(privateReceiver), ifAwaits(c.getExpression())).get(0);
            return printer.privateUpdate(c, receiver, expression(c.getExpression()));
        }
        if (!awaits.contains(c.getExpression())) {
            return lvalue(target, null).text(" " + op + "= ").add(printer.expression(c.getExpression()));
        }
        Code lhs = lvalue(target, c.getExpression());
        TypeName type = typeNames.denotable(t.typeOf(target), target);
        Code old;
        if (operands.isStable(target, List.of(c.getExpression())) && target instanceof IdentifierTree) {
            old = printer.expression(target);   // a local the right side does not assign: read it after the await
        } else {
            String field = addField("old", type);
            emit(new Code().text(field + " = ").add(lhs).text(";\n"));
            old = Code.of(field);
        }
        Code rhs = expression(c.getExpression());
        return lhs.text(" = (").type(type).text(") (").add(old).text(" " + op + " (").add(rhs).text("))");
    }

    private Code shortCircuit(BinaryTree b) {
        boolean and = b.getKind() == Tree.Kind.CONDITIONAL_AND;
        if (!awaits.contains(b.getRightOperand())) {
            return printer.binary(b, expression(b.getLeftOperand()), printer.expression(b.getRightOperand()));
        }
        String tmp = addField(and ? "and" : "or", TypeName.BOOLEAN);
        emit(new Code().text(tmp + " = ").add(expression(b.getLeftOperand())).text(";\n"));
        int end = sb.newState();
        emit(new Code().text("if (" + (and ? "!" : "") + tmp + ") {\n").indent().add(StateBuilder.goTo(end, false))
                .unindent().text("}\n"));
        emit(new Code().text(tmp + " = ").add(expression(b.getRightOperand())).text(";\n"));
        sb.mark(end);
        return Code.of(tmp);
    }

    private Code conditional(ConditionalExpressionTree c) {
        Code cond = expression(stripParens(c.getCondition()));
        if (!awaits.contains(c.getTrueExpression()) && !awaits.contains(c.getFalseExpression())) {
            return new Code().text("(").add(cond).text(") ? ").add(printer.expression(c.getTrueExpression())).text(" : ")
                    .add(printer.expression(c.getFalseExpression()));
        }
        String tmp = addField("choice", typeNames.denotable(t.typeOf(c), c));
        int otherwise = sb.newState();
        int end = sb.newState();
        exitUnless(cond, otherwise);
        emit(new Code().text(tmp + " = ").add(expression(c.getTrueExpression())).text(";\n"));
        sb.jump(end);
        sb.mark(otherwise);
        emit(new Code().text(tmp + " = ").add(expression(c.getFalseExpression())).text(";\n"));
        sb.mark(end);
        return Code.of(tmp);
    }
}
