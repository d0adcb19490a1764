package dev.jawait.processor.lowering;

import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import dev.jawait.processor.front.PatternTrees;
import java.util.List;
import javax.lang.model.type.TypeMirror;

/**
 * Chooses the case of a JDK 21+ pattern switch (type and record patterns, guards,
 * {@code case null}) that the lowering splits into states. A {@code switch} dispatch cannot do
 * it: a guard may await, and a guard that fails must go on testing from the next case, which
 * Java's {@code switch} cannot resume. So the cases are tested as a chain of {@code if}s in
 * source order, as javac's {@code typeSwitch} does:
 * <ol>
 * <li>the selector is evaluated once, into a field (a guard that awaits spreads the chain over
 *     states);</li>
 * <li>{@code null} goes to {@code case null}, else throws {@link NullPointerException};</li>
 * <li>each case's labels, then its guard; the bindings of a lowered switch are fields, stored by
 *     the test that matched (see the emission's {@code PatternPrinter}), so the guard and the
 *     body in later states read them;</li>
 * <li>{@code default} last wherever it is written; with none, nothing matched means the sealed
 *     hierarchy or enum changed since compilation: {@code MatchException}, as javac throws.</li>
 * </ol>
 * Case bodies are the lowering's as for any switch (fall-through included: javac forbids falling
 * into a case that binds). Dominance and exhaustiveness were checked by javac on the template.
 *
 * <pre>{@code
 * new PatternDispatch(lowering).dispatch(selector, selectorCode, cases, caseStates);
 * }</pre>
 */
final class PatternDispatch {
    private final Lowering l;

    PatternDispatch(Lowering l) {
        this.l = l;
    }

    /** Emits the tests that jump to {@code caseStates.get(i)} when case {@code i} is selected. */
    void dispatch(ExpressionTree selector, Fragment selectorCode, List<? extends CaseTree> cases, List<Integer> caseStates) {
        TypeMirror type = l.t.typeOf(selector);
        String value = l.addField("selector", l.typeNames.denotable(type, selector));
        l.emit(new Fragment().text(value + " = ").add(selectorCode).text(";\n"));
        int nullCase = -1;
        int defaultCase = -1;
        for (int i = 0; i < cases.size(); i++) {
            for (PatternTrees.Label label : PatternTrees.labels(cases.get(i))) {
                nullCase = label.isNull() ? i : nullCase;
                defaultCase = label.form() == PatternTrees.Form.DEFAULT ? i : defaultCase;
            }
        }
        if (!type.getKind().isPrimitive()) {
            Fragment onNull = nullCase >= 0 ? StateBuilder.goTo(caseStates.get(nullCase), false)
                    : Fragment.of("throw new NullPointerException();\n");
            l.emit(new Fragment().text("if (" + value + " == null) {\n").indent().add(onNull).unindent().text("}\n"));
        }
        boolean string = type.toString().equals("java.lang.String");
        for (int i = 0; i < cases.size(); i++) {
            Fragment match = matches(cases.get(i), value, string);
            if (match == null) {
                continue;   // only null and default: chosen above and below
            }
            ExpressionTree guard = PatternTrees.guard(cases.get(i));
            if (guard == null) {
                l.emit(new Fragment().text("if (").add(match).text(") {\n").indent()
                        .add(StateBuilder.goTo(caseStates.get(i), false)).unindent().text("}\n"));
                continue;
            }
            int next = l.sb.newState();
            l.exitUnless(match, next);
            l.exitUnless(l.expressions.expression(guard), next);   // may await: the bindings are fields
            l.sb.jump(caseStates.get(i));
            l.sb.mark(next);
        }
        l.emit(defaultCase >= 0 ? StateBuilder.goTo(caseStates.get(defaultCase), false)
                : Fragment.of("throw new MatchException(null, null);\n"));
    }

    /** Whether one of the case's labels other than null and default matches: {@code a || b}, or {@code null} if none. */
    private Fragment matches(CaseTree c, String value, boolean string) {
        Fragment match = null;
        for (PatternTrees.Label label : PatternTrees.labels(c)) {
            Fragment test;
            if (label.form() == PatternTrees.Form.PATTERN) {
                test = l.holes.of(Hole.Kind.PATTERN_TEST, label.tree(), Fragment.of(value));
            } else if (label.form() == PatternTrees.Form.CONSTANT && !label.isNull()) {
                // the selector is not null here: strings compare by equals, the rest (enums, boxes unboxed) by ==
                Fragment constant = l.holes.expression((ExpressionTree) label.tree());
                test = string ? new Fragment().text(value + ".equals(").add(constant).text(")")
                        : new Fragment().text(value + " == ").add(constant);
            } else {
                continue;
            }
            match = match == null ? test : match.text(" || ").add(test);
        }
        return match;
    }
}
