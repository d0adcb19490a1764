package dev.jawait.processor.emission;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import dev.jawait.processor.front.PatternTrees;
import dev.jawait.processor.front.TemplateError;
import dev.jawait.processor.front.TemplateValidator;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * Prints JDK 21+ patterns (type patterns, record patterns, {@code _}) and pattern tests. A
 * binding that lives across an await is a field of the machine, and a pattern can only declare
 * locals: such a binding is matched into a fresh local and stored to its field right after the
 * match, inside the same condition, so it is set exactly when the pattern matched.
 *
 * <pre>{@code
 * Code c = patterns.test(Code.of("tmp0_selector"), recordPattern);
 * // (tmp0_selector instanceof Point(int x_matched, int y) && ((x = x_matched) == x_matched || true))
 * }</pre>
 */
final class PatternPrinter extends PrinterPart {
    PatternPrinter(SourcePrinter printer) {
        super(printer);
    }

    /** {@code operand instanceof pattern}, storing hoisted bindings to their fields when it matches. */
    Code test(Code operand, Tree pattern) {
        List<String> stores = new ArrayList<>();
        Code match = new Code().add(operand).text(" instanceof ").add(pattern(pattern, stores));
        if (stores.isEmpty()) {
            return match;
        }
        Code out = new Code().text("(").add(match);
        for (String store : stores) {
            // an assignment that is always true: "!= null" would reject a null or primitive component
            out.text(" && (" + store + " || true)");
        }
        return out.text(")");
    }

    /**
     * The pattern as written; {@code stores} collects the store of each hoisted binding, or is
     * {@code null} where none can be stored (a case label printed as is: its bindings are locals).
     */
    Code pattern(Tree pattern, List<String> stores) {
        PatternTrees.PatternForm form = PatternTrees.formOf(pattern);
        if (form == null) {
            throw new TemplateError(pattern, TemplateValidator.unsupportedPattern());
        }
        switch (form) {
            case ANY:
                return Code.of("_");
            case RECORD: {
                Code out = new Code().add(printer.typeTrees.type(PatternTrees.deconstructor(pattern))).text("(");
                List<Tree> nested = PatternTrees.nested(pattern);
                for (int i = 0; i < nested.size(); i++) {
                    out.text(i > 0 ? ", " : "").add(pattern(nested.get(i), stores));
                }
                return out.text(")");
            }
            default:
                return binding(PatternTrees.variable(pattern), stores);
        }
    }

    private Code binding(VariableTree v, List<String> stores) {
        Code declared = new Code().add(printer.statements.modifierFlags(v.getModifiers()))
                .add(printer.typeTrees.variableType(v)).text(" ");
        if (PatternTrees.isUnnamed(v)) {
            return declared.text("_");   // javac names it "" (JDK 22+)
        }
        Element e = t.elementOf(v);
        if (e == null || !vars.isHoisted(e)) {
            return declared.text(e == null ? v.getName().toString() : vars.nameOf(e));
        }
        if (stores == null) {
            throw new TemplateError(v, "jawait cannot keep the pattern variable " + v.getName()
                    + " across an await here; bind it in a switch or instanceof that awaits in its own statement");
        }
        String field = vars.nameOf(e);
        String matched = vars.claim(field + "_matched");
        stores.add("(" + field + " = " + matched + ") == " + matched);
        return declared.text(matched);
    }

    /** The labels of {@code c} on JDK 21+ ({@code case null, default}, patterns) and its guard, without the arrow. */
    Code labels(CaseTree c, List<PatternTrees.Label> labels) {
        if (labels.size() == 1 && labels.get(0).form() == PatternTrees.Form.DEFAULT) {
            return Code.of("default");
        }
        Code out = new Code().text("case ");
        for (int i = 0; i < labels.size(); i++) {
            PatternTrees.Label label = labels.get(i);
            out.text(i > 0 ? ", " : "");
            if (label.form() == PatternTrees.Form.DEFAULT) {
                out.text("default");
            } else if (label.form() == PatternTrees.Form.PATTERN) {
                out.add(pattern(label.tree(), null));
            } else {
                out.add(printer.statements.constantLabel(label.tree()));
            }
        }
        if (PatternTrees.guard(c) != null) {
            out.text(" when ").add(printer.expressions.expression(PatternTrees.guard(c)));
        }
        return out;
    }
}
