package dev.jawait.processor.lowering;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import com.sun.source.tree.CatchTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnionTypeTree;
import com.sun.source.tree.VariableTree;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Lowers a {@code try} that awaits into exception regions (Roslyn's exception-handler rewriting,
 * regenerator's try entries): the try block's states form a region whose failures go to the catch
 * clauses in order, then to the finally block; the catch blocks form a region with only the
 * finally. A finally block is entered with a "next state" field (where to go after it: the
 * statement after the try, a jump's target, or a rethrow state) and a pending-failure field.
 * Try-with-resources becomes a try/catch/finally per resource, as JLS 14.20.3 spells it.
 *
 * <pre>{@code
 * trys.tryStatement(tree);   // states of the block, each catch and the finally, then the state after
 * }</pre>
 */
final class TryStatements {
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

    private final Lowering lowering;
    private final StateBuilder sb;
    private final JumpTargets jumps;

    TryStatements(Lowering lowering, StateBuilder sb, JumpTargets jumps) {
        this.lowering = lowering;
        this.sb = sb;
        this.jumps = jumps;
    }

    void tryStatement(TryTree tr) {
        List<CatchSpec> catches = new ArrayList<>();
        for (CatchTree c : tr.getCatches()) {
            VariableTree p = c.getParameter();
            Element e = lowering.t.elementOf(p);
            List<TypeName> types = new ArrayList<>();
            if (p.getType() instanceof UnionTypeTree) {
                for (Tree alt : ((UnionTypeTree) p.getType()).getTypeAlternatives()) {
                    types.add(TypeName.get(lowering.t.env.getTypeUtils().erasure(lowering.t.typeOf(alt))));
                }
            } else {
                types.add(TypeName.get(lowering.t.env.getTypeUtils().erasure(lowering.t.typeOf(p.getType()))));
            }
            // an unused parameter needs no field
            String field = lowering.vars.isHoisted(e) ? lowering.vars.nameOf(e) : null;
            catches.add(new CatchSpec(types, field, field == null ? null : lowering.fieldType(e),
                    () -> lowering.statement(c.getBlock())));
        }
        Runnable fin = tr.getFinallyBlock() == null ? null : () -> lowering.statement(tr.getFinallyBlock());
        if (tr.getResources().isEmpty()) {
            lowerTry(() -> lowering.statement(tr.getBlock()), catches, fin);
        } else if (catches.isEmpty() && fin == null) {
            resources(tr.getResources(), 0, () -> lowering.statement(tr.getBlock()));
        } else {
            lowerTry(() -> resources(tr.getResources(), 0, () -> lowering.statement(tr.getBlock())), catches, fin);
        }
    }

    private void lowerTry(Runnable body, List<CatchSpec> catches, Runnable finallyBody) {
        Region outer = sb.region();
        int after = sb.newState();
        int outsideDepth = jumps.depth();
        Region.Finally fin = null;
        if (finallyBody != null) {
            int entry = sb.newState();
            int rethrow = sb.newState();
            fin = new Region.Finally(entry, lowering.addField("finallyNext", TypeName.INT),
                    lowering.addField("finallyFailure", ClassName.get(Throwable.class)), rethrow);
        }
        List<Region.Handler> handlers = new ArrayList<>();
        for (CatchSpec c : catches) {
            handlers.add(new Region.Handler(c.types, c.field, c.fieldType, sb.newState()));
        }
        Region tryRegion = new Region(outer, handlers, fin);
        JumpTargets.Entry finallyEntry = fin == null ? null : JumpTargets.finallyBlock(fin);
        if (finallyEntry != null) {
            jumps.push(finallyEntry);
        }
        sb.setRegion(tryRegion);
        sb.mark(sb.newState());
        body.run();
        if (sb.isOpen()) {
            lowering.emit(jumps.jumpTo(after, outsideDepth, false));
            sb.close();
        }
        Region catchRegion = fin != null ? new Region(outer, List.of(), fin) : outer;
        for (int i = 0; i < catches.size(); i++) {
            sb.setRegion(catchRegion);
            sb.mark(handlers.get(i).state);
            catches.get(i).body.run();
            if (sb.isOpen()) {
                lowering.emit(jumps.jumpTo(after, outsideDepth, false));
                sb.close();
            }
        }
        sb.setRegion(outer);
        if (fin != null) {
            jumps.pop(finallyEntry);
            sb.mark(fin.entry);
            finallyBody.run();
            if (sb.isOpen()) {
                lowering.emit(Fragment.of("state = " + fin.next + ";\ncontinue;\n"));
                sb.close();
            }
            sb.mark(fin.rethrow);
            lowering.emit(Fragment.of("Throwable rethrown = " + fin.failure + ";\n" + fin.failure + " = null;\nthrow rethrown;\n"));
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
            Element e = lowering.t.elementOf(v);
            resource = lowering.vars.nameOf(e);
            Fragment init = lowering.expressions.expression(v.getInitializer());
            lowering.emit(new Fragment().text(resource + " = ").add(init).text(";\n"));
        } else {
            ExpressionTree e = (ExpressionTree) r;
            resource = lowering.addField("resource", lowering.typeNames.denotable(lowering.t.typeOf(e), e));
            lowering.emit(new Fragment().text(resource + " = ").add(lowering.expressions.expression(e)).text(";\n"));
        }
        String primary = lowering.addField("primary", ClassName.get(Throwable.class));
        lowering.emit(Fragment.of(primary + " = null;\n"));
        TypeName throwable = ClassName.get(Throwable.class);
        lowerTry(() -> resources(resources, index + 1, body),
                List.of(new CatchSpec(List.of(throwable), primary, throwable, () -> {
                    lowering.emit(Fragment.of("throw " + primary + ";\n"));
                    sb.close();
                })),
                () -> lowering.emit(Fragment.of("if (" + resource + " != null) {\n").indent()
                        .text("if (" + primary + " != null) {\n").indent()
                        .text("try {\n").indent().text(resource + ".close();\n").unindent()
                        .text("} catch (Throwable suppressed) {\n").indent()
                        .text(primary + ".addSuppressed(suppressed);\n").unindent().text("}\n")
                        .unindent().text("} else {\n").indent().text(resource + ".close();\n").unindent().text("}\n")
                        .unindent().text("}\n")));
    }
}
