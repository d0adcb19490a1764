package dev.jawait.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.WildcardTypeName;
import com.sun.source.tree.*;
import dev.jawait.processor.analysis.Awaits;
import dev.jawait.processor.analysis.Completion;
import dev.jawait.processor.analysis.Operands;
import dev.jawait.processor.analysis.StateSplits;
import dev.jawait.processor.analysis.Variables;
import dev.jawait.processor.front.PatternTrees;
import dev.jawait.processor.front.Template;
import dev.jawait.processor.front.TemplateError;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ExecutableType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;

/**
 * Lowers a template body into the states of a {@link LoweredMachine}: statements without an await
 * are copied unchanged (a {@link Hole} the emission prints); statements with one are split at
 * each await, with operands evaluated before the await spilled into fields ({@link Expressions}),
 * loops and conditionals turned into jumps between states ({@link JumpTargets} knows where each
 * jump goes), and try/catch/finally into exception regions ({@link TryStatements}:
 * regenerator-style completion records for finally, a "next state" field and a pending failure).
 * Where a statement or expression is split is {@link StateSplits}' answer, shared with liveness.
 *
 * <pre>{@code
 * LoweredMachine machine = Lowering.lower(template, awaits, vars, typeNames);
 * }</pre>
 */
public final class Lowering {
    final Template t;
    final Awaits awaits;
    final Variables vars;
    final Operands operands;
    final StateSplits splits;
    final TypeNames typeNames;
    final Holes holes = new Holes();
    final StateBuilder sb = new StateBuilder();
    final JumpTargets jumps = new JumpTargets(this, sb);
    final Expressions expressions;
    private final TryStatements trys;
    private final Map<Tree, Fragment> replacements = new IdentityHashMap<>();
    private final Map<StatementTree, Fragment> exits = new IdentityHashMap<>();
    private final List<LoweredMachine.Field> fields = new ArrayList<>();
    final Map<Integer, String> suspensionPoints = new LinkedHashMap<>();

    private Lowering(Template t, Awaits awaits, Variables vars, TypeNames typeNames) {
        this.t = t;
        this.awaits = awaits;
        this.vars = vars;
        this.operands = new Operands(t, awaits);
        this.splits = new StateSplits(awaits);
        this.typeNames = typeNames;
        this.expressions = new Expressions(this);
        this.trys = new TryStatements(this, sb, jumps);
    }

    /**
     * The states and fields of {@code t}'s state machine.
     *
     * @param t the template, attributed and without errors
     * @param awaits its awaits and assignments
     * @param vars its variables and generated names
     * @param typeNames how its types are written
     * @return the lowered machine
     */
    public static LoweredMachine lower(Template t, Awaits awaits, Variables vars, TypeNames typeNames) {
        Lowering l = new Lowering(t, awaits, vars, typeNames);
        l.lowerBody();
        return new LoweredMachine(l.sb.build(), l.fields, l.suspensionPoints, l.holes.all(), l.holes.windows(),
                l.replacements, l.exits);
    }

    private void lowerBody() {
        BlockTree body = t.tree.getBody();
        for (StatementTree s : body.getStatements()) {
            statement(s);
        }
        if (sb.isOpen()) {
            if (isVoid()) {
                emit(Fragment.of("return complete(null);\n"));
            } else {
                emit(Fragment.of("throw new IllegalStateException(\"fell off the end of " + t.displayName() + "\");\n"));
            }
            sb.close();
        }
    }

    boolean isVoid() {
        return t.method.getReturnType().getKind() == TypeKind.VOID;
    }

    TypeMirror returnType() {
        return t.method.getReturnType();
    }

    // ---------------------------------------------------------------- emission helpers

    /** Appends {@code code} to the current state: code of the template, closing a capture window. */
    void emit(Fragment code) {
        sb.emit(code, holes.endWindow());
    }

    /** Copies {@code s} unchanged; its jumps that leave it go where {@link JumpTargets} says. */
    private void emitPrinted(StatementTree s) {
        jumps.exitsOf(s, exits);
        emit(holes.statement(s));
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

    String addField(String hint, TypeName type) {
        String name = vars.fresh(hint);
        fields.add(new LoweredMachine.Field(name, type));
        return name;
    }

    /** The field type of a hoisted template variable. */
    TypeName fieldType(Element variable) {
        return typeNames.variableType(variable, vars.declarationOf(variable));
    }

    /** A field named {@code base} (or {@code base_2}...: the name is claimed) of {@code type}. */
    String addNamedField(String base, TypeName type) {
        String name = vars.claim(base);
        fields.add(new LoweredMachine.Field(name, type));
        return name;
    }

    // ---------------------------------------------------------------- statements

    void statement(StatementTree s) {
        if (!awaits.contains(s)) {
            comment(s);
            if (s instanceof ClassTree && movesToMember((ClassTree) s)) {
                holes.of(Hole.Kind.MEMBER_CLASS, s);   // a member type of the machine, in no state
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
                emit(jumps.returnCode(e == null ? null : expressions.expression(e), false));
                sb.close();
                return;
            }
            case THROW: {
                Fragment value = expressions.expression(((ThrowTree) s).getExpression());
                emit(new Fragment().text("throw ").add(value).text(";\n"));
                sb.close();
                return;
            }
            case TRY:
                trys.tryStatement((TryTree) s);
                return;
            case YIELD: {
                Fragment value = expressions.expression(((YieldTree) s).getValue());
                emit(jumps.yieldCode(value, false));
                sb.close();
                return;
            }
            case ASSERT:
                assertStatement((AssertTree) s);
                return;
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                replacements.put(sy.getExpression(), expressions.expression(sy.getExpression()));
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
        emit(new Fragment().text("if (!").type(ClassName.get((TypeElement) top)).text(".class.desiredAssertionStatus()) {\n")
                .indent().add(StateBuilder.goTo(end, false)).unindent().text("}\n"));
        Fragment cond = expressions.expression(Expressions.stripParens(a.getCondition()));
        emit(new Fragment().text("if (").add(cond).text(") {\n").indent().add(StateBuilder.goTo(end, false)).unindent()
                .text("}\n"));
        if (a.getDetail() == null) {
            emit(Fragment.of("throw new AssertionError();\n"));
        } else {
            emit(new Fragment().text("throw new AssertionError(").add(expressions.expression(a.getDetail())).text(");\n"));
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
        Fragment init = expressions.expression(v.getInitializer());
        if (Expressions.isBareInitializer(v.getInitializer())) {
            init = expressions.arrayCreation(v.getInitializer()).add(init);
        }
        emit(declaration(v, e).add(init).text(";\n"));
    }

    private void expressionStatement(ExpressionTree e) {
        ExpressionTree bare = Expressions.stripParens(e);
        if (awaits.isAwait(bare)) {
            expressions.suspend((MethodInvocationTree) bare);
            return;
        }
        emit(expressions.expression(e).text(";\n"));
    }

    private void ifStatement(IfTree i) {
        ExpressionTree cond = Expressions.stripParens(i.getCondition());
        Fragment c = expressions.expression(cond);
        if (!splits.splits(i)) {
            replacements.put(cond, c);
            emitPrinted(i);
            return;
        }
        int end = sb.newState();
        int otherwise = i.getElseStatement() != null ? sb.newState() : end;
        emit(new Fragment().text("if (!(").add(c).text(")) {\n").indent().add(StateBuilder.goTo(otherwise, false)).unindent().text("}\n"));
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
                jumps.within(JumpTargets.labeled(l.getLabel().toString(), end), () -> statement(inner));
                sb.mark(end);
        }
    }

    private void loop(StatementTree s, String label) {
        int top = sb.newState();
        int end = sb.newState();
        switch (s.getKind()) {
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                sb.mark(top);
                exitUnless(expressions.expression(Expressions.stripParens(w.getCondition())), end);
                body(w.getStatement(), JumpTargets.loop(s, label, end, top));
                if (sb.isOpen()) {
                    sb.jump(top);
                }
                break;
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                int condition = sb.newState();
                sb.mark(top);
                body(d.getStatement(), JumpTargets.loop(s, label, end, condition));
                sb.mark(condition);
                Fragment c = expressions.expression(Expressions.stripParens(d.getCondition()));
                emit(new Fragment().text("if (").add(c).text(") {\n").indent().add(StateBuilder.goTo(top, false)).unindent().text("}\n"));
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
                    exitUnless(expressions.expression(f.getCondition()), end);
                }
                body(f.getStatement(), JumpTargets.loop(s, label, end, update));
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
                enhancedFor((EnhancedForLoopTree) s, label, top, end);
        }
        sb.mark(end);
    }

    private void body(StatementTree body, JumpTargets.Entry target) {
        jumps.within(target, () -> statement(body));
    }

    void exitUnless(Fragment condition, int exit) {
        emit(new Fragment().text("if (!(").add(condition).text(")) {\n").indent().add(StateBuilder.goTo(exit, false))
                .unindent().text("}\n"));
    }

    private void enhancedFor(EnhancedForLoopTree f, String label, int top, int end) {
        VariableTree v = f.getVariable();
        Element e = t.elementOf(v);
        ExpressionTree source = f.getExpression();
        TypeMirror sourceType = t.typeOf(source);
        Fragment iterable = expressions.expression(source);
        int next = sb.newState();
        if (sourceType.getKind() == TypeKind.ARRAY) {
            String array = addField("array", typeNames.denotable(sourceType, source));
            String index = addField("index", TypeName.INT);
            emit(new Fragment().text(array + " = ").add(iterable).text(";\n" + index + " = 0;\n"));
            sb.mark(top);
            exitUnless(Fragment.of(index + " < " + array + ".length"), end);
            emit(declaration(v, e).text(array + "[" + index + "];\n"));
            body(f.getStatement(), JumpTargets.loop(f, label, end, next));
            sb.mark(next);
            emit(Fragment.of(index + "++;\n"));
            sb.jump(top);
            return;
        }
        TypeName iteratorType = iteratorType(sourceType, source);
        String iterator = addField("iterator", iteratorType != null ? iteratorType
                : ParameterizedTypeName.get(ClassName.get(java.util.Iterator.class), WildcardTypeName.subtypeOf(Object.class)));
        emit(new Fragment().text(iterator + " = ").add(iterable).text(".iterator();\n"));
        sb.mark(top);
        exitUnless(Fragment.of(iterator + ".hasNext()"), end);
        if (iteratorType != null) {
            emit(declaration(v, e).text(iterator + ".next();\n"));
        } else {
            TypeName element = vars.isHoisted(e) ? fieldType(e) : typeNames.denotable(e.asType(), v);
            emit(declaration(v, e).text("(").type(element).text(") " + iterator + ".next();\n"));
        }
        body(f.getStatement(), JumpTargets.loop(f, label, end, next));
        sb.mark(next);
        sb.jump(top);
    }

    /** {@code x = } for a hoisted variable, else the declaration {@code final T x = } of a local of the current state. */
    private Fragment declaration(VariableTree v, Element e) {
        if (vars.isHoisted(e)) {
            return Fragment.of(vars.nameOf(e) + " = ");
        }
        return new Fragment().add(v.getModifiers().getFlags().contains(Modifier.FINAL) ? Fragment.of("final ") : new Fragment())
                .add(holes.variableType(v)).text(" " + vars.nameOf(e) + " = ");
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
        ExpressionTree selector = Expressions.stripParens(s.getExpression());
        Fragment sel = expressions.expression(selector);
        if (!splits.splits(s)) {
            replacements.put(selector, sel);
            emitPrinted(s);
            return;
        }
        lowerSwitch(s, sel, s.getCases(), null);
    }

    void lowerSwitch(Tree s, Fragment sel, List<? extends CaseTree> cases, String result) {
        int end = sb.newState();
        List<Integer> caseStates = new ArrayList<>();
        for (CaseTree c : cases) {
            caseStates.add(sb.newState());
        }
        if (PatternTrees.isPatternSwitch(cases)) {
            ExpressionTree selector = s instanceof SwitchTree ? ((SwitchTree) s).getExpression()
                    : ((SwitchExpressionTree) s).getExpression();
            new PatternDispatch(this).dispatch(Expressions.stripParens(selector), sel, cases, caseStates);
        } else {
            emit(constantDispatch(sel, cases, caseStates, end, result));
        }
        sb.close();
        jumps.within(result == null ? JumpTargets.loop(s, null, end, -1) : JumpTargets.switchExpression(end, result), () -> {
            for (int i = 0; i < cases.size(); i++) {
                CaseTree c = cases.get(i);
                sb.mark(caseStates.get(i));
                if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
                    Tree body = c.getBody();
                    if (body instanceof ExpressionTree) {
                        comment(body);
                        if (result != null) {
                            emit(new Fragment().text(result + " = ").add(expressions.expression((ExpressionTree) body)).text(";\n"));
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
        });
        sb.mark(end);
    }

    /** A {@code switch} on constants that jumps to the state of the case selected. */
    private Fragment constantDispatch(Fragment sel, List<? extends CaseTree> cases, List<Integer> caseStates, int end,
                                      String result) {
        Fragment dispatch = new Fragment().text("switch (").add(sel).text(") {\n").indent();
        boolean hasDefault = false;
        for (int i = 0; i < cases.size(); i++) {
            CaseTree c = cases.get(i);
            hasDefault |= c.getExpressions().isEmpty();
            dispatch.add(holes.caseLabel(c)).text("\n").indent().add(StateBuilder.goTo(caseStates.get(i), false)).unindent();
        }
        if (!hasDefault) {
            dispatch.text("default:\n").indent().add(result == null ? StateBuilder.goTo(end, false)
                    : Fragment.of("throw new IncompatibleClassChangeError(\"no case of the switch expression matched\");\n"))
                    .unindent();
        }
        return dispatch.unindent().text("}\n");
    }
}
