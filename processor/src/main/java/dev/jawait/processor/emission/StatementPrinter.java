package dev.jawait.processor.emission;

import com.sun.source.tree.*;
import dev.jawait.processor.front.PatternTrees;
import dev.jawait.processor.front.TemplateError;
import dev.jawait.processor.front.TemplateValidator;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;

/**
 * Prints template statements as written, with their names resolved; a {@code break},
 * {@code continue}, {@code yield} or {@code return} that leaves the printed statement prints as
 * the lowering resolved it, and a hoisted local's declaration becomes an assignment to its field.
 *
 * <pre>{@code
 * Code c = printer.statements.statement(tree);   // "total += n;\n"
 * }</pre>
 */
final class StatementPrinter extends PrinterPart {
    StatementPrinter(SourcePrinter printer) {
        super(printer);
    }

    /** {@code case A, B ->}/{@code case A:} labels, enum constants unqualified. */
    public Code caseLabel(CaseTree c) {
        return caseLabel(c, c.getCaseKind() != CaseTree.CaseKind.RULE);
    }

    /** The labels of {@code c}, in colon form ({@code case A:}) when {@code colon}. */
    public Code caseLabel(CaseTree c, boolean colon) {
        List<PatternTrees.Label> labels = PatternTrees.labels(c);
        Code out;
        if (labels.isEmpty()) {
            String src = t.sourceOf(c);
            if (src != null && !src.startsWith("default")) {
                throw new TemplateError(c, TemplateValidator.unsupportedCaseLabel());
            }
            out = Code.of("default");
        } else {
            out = printer.patterns.labels(c, labels);
        }
        return out.text(colon ? ":" : " -> ");
    }

    /** A constant case label; an enum constant is written by its simple name. */
    Code constantLabel(Tree label) {
        Element e = t.elementOf(label);
        if (label instanceof IdentifierTree && e != null && e.getKind() == ElementKind.ENUM_CONSTANT) {
            return Code.of(((IdentifierTree) label).getName().toString());
        }
        return printer.expressions.expression((ExpressionTree) label);
    }

    Code caseClause(CaseTree c) {
        Code out = caseLabel(c);
        if (c.getCaseKind() == CaseTree.CaseKind.RULE) {
            Tree body = c.getBody();
            if (body instanceof BlockTree) {
                return out.add(block((BlockTree) body)).text("\n");
            }
            if (body instanceof ExpressionTree) {
                return out.add(printer.expressions.expression((ExpressionTree) body)).text(";\n");
            }
            return out.add(statement((StatementTree) body));
        }
        out.text("\n").indent();
        for (StatementTree st : c.getStatements()) {
            out.add(statement(st));
        }
        return out.unindent();
    }

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
                return printer.expressions.expression(((ExpressionStatementTree) s).getExpression()).text(";\n");
            case EMPTY_STATEMENT:
                return Code.of(";\n");
            case IF: {
                IfTree i = (IfTree) s;
                Code out = new Code().text("if (")
                        .add(printer.expressions.expression(stripParens(i.getCondition()))).text(") ")
                        .add(body(i.getThenStatement()));
                if (i.getElseStatement() != null) {
                    out.text(" else ").add(body(i.getElseStatement()));
                }
                return out.text("\n");
            }
            case WHILE_LOOP: {
                WhileLoopTree w = (WhileLoopTree) s;
                return new Code().text("while (")
                        .add(printer.expressions.expression(stripParens(w.getCondition()))).text(") ")
                        .add(scoped(s, w.getStatement())).text("\n");
            }
            case DO_WHILE_LOOP: {
                DoWhileLoopTree d = (DoWhileLoopTree) s;
                return new Code().text("do ").add(scoped(s, d.getStatement())).text(" while (")
                        .add(printer.expressions.expression(stripParens(d.getCondition()))).text(");\n");
            }
            case FOR_LOOP:
                return forLoop((ForLoopTree) s);
            case ENHANCED_FOR_LOOP: {
                EnhancedForLoopTree f = (EnhancedForLoopTree) s;
                VariableTree v = f.getVariable();
                return new Code().text("for (").add(modifierFlags(v.getModifiers()))
                        .add(printer.typeTrees.variableType(v)).text(" ")
                        .text(localName(v)).text(" : ").add(printer.expressions.expression(f.getExpression()))
                        .text(") ")
                        .add(scoped(s, f.getStatement())).text("\n");
            }
            case LABELED_STATEMENT: {
                LabeledStatementTree l = (LabeledStatementTree) s;
                printer.jumpScopes.push(l);
                try {
                    return new Code().text(label(l.getLabel()) + ": ").add(statement(l.getStatement()));
                } finally {
                    printer.jumpScopes.pop();
                }
            }
            case SWITCH: {
                SwitchTree sw = (SwitchTree) s;
                Code out = new Code().text("switch (")
                        .add(printer.expressions.expression(stripParens(sw.getExpression()))).text(") {\n").indent();
                printer.jumpScopes.push(sw);
                try {
                    for (CaseTree c : sw.getCases()) {
                        out.add(caseClause(c));
                    }
                } finally {
                    printer.jumpScopes.pop();
                }
                return out.unindent().text("}\n");
            }
            case BREAK:
                return breakOrContinue(s, ((BreakTree) s).getLabel(), true);
            case CONTINUE:
                return breakOrContinue(s, ((ContinueTree) s).getLabel(), false);
            case RETURN: {
                ReturnTree r = (ReturnTree) s;
                Code value = r.getExpression() == null ? null : printer.expressions.expression(r.getExpression());
                if (printer.nestedDepth > 0) {
                    return value == null ? Code.of("return;\n") : new Code().text("return ").add(value).text(";\n");
                }
                return printer.hooks.returnStatement(r, value);
            }
            case YIELD: {
                Code value = printer.expressions.expression(((YieldTree) s).getValue());
                for (Object scope : printer.jumpScopes) {
                    if (scope == SourcePrinter.BARRIER || scope == SourcePrinter.SWITCH_EXPRESSION) {
                        return new Code().text("yield ").add(value).text(";\n");
                    }
                }
                return printer.hooks.yieldStatement((YieldTree) s, value);
            }
            case THROW:
                return new Code().text("throw ")
                        .add(printer.expressions.expression(((ThrowTree) s).getExpression())).text(";\n");
            case TRY:
                return tryStatement((TryTree) s);
            case SYNCHRONIZED: {
                SynchronizedTree sy = (SynchronizedTree) s;
                return new Code().text("synchronized (")
                        .add(printer.expressions.expression(stripParens(sy.getExpression()))).text(") ")
                        .add(block(sy.getBlock())).text("\n");
            }
            case ASSERT: {
                AssertTree a = (AssertTree) s;
                Code out = new Code().text("assert ").add(printer.expressions.expression(a.getCondition()));
                if (a.getDetail() != null) {
                    out.text(" : ").add(printer.expressions.expression(a.getDetail()));
                }
                return out.text(";\n");
            }
            case CLASS: case INTERFACE: case ENUM: case RECORD:
                return printer.classes.classDeclaration((ClassTree) s).text("\n");
            default:
                throw printer.unsupported(s);
        }
    }

    /** The {@code super();} javac adds to a constructor without one: it has no end in the source. */
    boolean isImplicitSuperCall(ExpressionStatementTree s) {
        ExpressionTree e = s.getExpression();
        return e instanceof MethodInvocationTree && ((MethodInvocationTree) e).getArguments().isEmpty()
                && ((MethodInvocationTree) e).getMethodSelect() instanceof IdentifierTree
                && ((IdentifierTree) ((MethodInvocationTree) e).getMethodSelect()).getName().contentEquals("super")
                && t.trees.getSourcePositions().getEndPosition(t.unit, s) < 0;
    }

    static ExpressionTree stripParens(ExpressionTree e) {
        return e instanceof ParenthesizedTree ? ((ParenthesizedTree) e).getExpression() : e;
    }

    Code body(StatementTree s) {
        if (s instanceof BlockTree) {
            return block((BlockTree) s);
        }
        return new Code().text("{\n").indent().add(statement(s)).unindent().text("}");
    }

    Code scoped(Tree loop, StatementTree body) {
        printer.jumpScopes.push(loop);
        try {
            return body(body);
        } finally {
            printer.jumpScopes.pop();
        }
    }

    public Code block(BlockTree b) {
        Code out = new Code().text(b.isStatic() ? "static {\n" : "{\n").indent();
        for (StatementTree s : b.getStatements()) {
            out.add(statement(s));
        }
        return out.unindent().text("}");
    }

    Code forLoop(ForLoopTree f) {
        Code out = new Code().text("for (");
        List<? extends StatementTree> init = f.getInitializer();
        for (int i = 0; i < init.size(); i++) {
            StatementTree s = init.get(i);
            if (s instanceof VariableTree) {
                VariableTree v = (VariableTree) s;
                if (i == 0) {
                    out.add(modifierFlags(v.getModifiers())).add(printer.typeTrees.variableType(v)).text(" ");
                } else {
                    out.text(", ");
                }
                out.text(localName(v));
                if (v.getInitializer() != null) {
                    out.text(" = ").add(printer.expressions.expression(v.getInitializer()));
                }
            } else {
                out.text(i > 0 ? ", " : "")
                        .add(printer.expressions.expression(((ExpressionStatementTree) s).getExpression()));
            }
        }
        out.text("; ");
        if (f.getCondition() != null) {
            out.add(printer.expressions.expression(f.getCondition()));
        }
        out.text("; ");
        List<? extends ExpressionStatementTree> update = f.getUpdate();
        for (int i = 0; i < update.size(); i++) {
            out.text(i > 0 ? ", " : "").add(printer.expressions.expression(update.get(i).getExpression()));
        }
        return out.text(") ").add(scoped(f, f.getStatement())).text("\n");
    }

    Code breakOrContinue(StatementTree s, javax.lang.model.element.Name label, boolean isBreak) {
        String keyword = isBreak ? "break" : "continue";
        for (Object scope : printer.jumpScopes) {
            if (scope == SourcePrinter.BARRIER) {
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
        if (printer.nestedDepth > 0 || printer.jumpScopes.contains(SourcePrinter.BARRIER)) {
            return Code.of(keyword + (label == null ? "" : " " + label(label)) + ";\n");
        }
        return printer.hooks.jump(s);
    }

    static String label(javax.lang.model.element.Name label) {
        String l = label.toString();
        return l.equals("dispatch") ? "dispatch_" : l;
    }

    Code tryStatement(TryTree tr) {
        Code out = new Code().text("try ");
        List<? extends Tree> resources = tr.getResources();
        if (!resources.isEmpty()) {
            out.text("(");
            for (int i = 0; i < resources.size(); i++) {
                Tree r = resources.get(i);
                out.text(i > 0 ? "; " : "");
                if (r instanceof VariableTree) {
                    VariableTree v = (VariableTree) r;
                    out.add(modifierFlags(v.getModifiers())).add(printer.typeTrees.variableType(v))
                            .text(" " + localName(v) + " = ")
                            .add(printer.expressions.expression(v.getInitializer()));
                } else {
                    out.add(printer.expressions.expression((ExpressionTree) r));
                }
            }
            out.text(") ");
        }
        out.add(block(tr.getBlock()));
        for (CatchTree c : tr.getCatches()) {
            VariableTree p = c.getParameter();
            out.text(" catch (").add(modifierFlags(p.getModifiers())).add(printer.typeTrees.type(p.getType()))
                    .text(" " + localName(p) + ") ")
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
        Code out = new Code().add(modifierFlags(v.getModifiers())).add(printer.typeTrees.variableType(v))
                .text(" " + localName(v));
        if (v.getInitializer() != null) {
            out.text(" = ").add(printer.expressions.expression(v.getInitializer()));
        }
        return out.text(";\n");
    }

    /** The initializer of a hoisted variable; array initializers get their {@code new T[]}. */
    public Code initializer(VariableTree v, Element e) {
        ExpressionTree init = v.getInitializer();
        if (init instanceof NewArrayTree && ((NewArrayTree) init).getType() == null) {
            return new Code().text("new ").type(com.palantir.javapoet.TypeName.get(e.asType())).text(" ")
                    .add(printer.expressions.expression(init));
        }
        return printer.expressions.expression(init);
    }

    String localName(VariableTree v) {
        Element e = t.elementOf(v);
        return e == null ? v.getName().toString() : vars.nameOf(e);
    }

    Code modifierFlags(ModifiersTree m) {
        return m.getFlags().contains(Modifier.FINAL) ? Code.of("final ") : new Code();
    }
}
