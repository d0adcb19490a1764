package dev.jawait.processor.front;

import com.sun.source.tree.BindingPatternTree;
import com.sun.source.tree.CaseTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the JDK 21+ trees of pattern matching (case labels, guards, record patterns) although the
 * processor is compiled for Java 17, where those tree types do not exist: by {@link Tree.Kind}
 * name and cached reflective lookups. On a javac older than 21 every case reads as before (its
 * constant expressions; none for {@code default}), no case has a guard, and no pattern other than
 * a type pattern in {@code instanceof} appears.
 *
 * <pre>{@code
 * for (PatternTrees.Label l : PatternTrees.labels(caseTree)) {
 *     if (l.form() == PatternTrees.Form.PATTERN) print(l.tree());
 * }
 * ExpressionTree guard = PatternTrees.guard(caseTree);   // null without "when"
 * }</pre>
 */
public final class PatternTrees {
    /** What a case label is. */
    public enum Form {
        /** A constant expression, {@code null} included. */
        CONSTANT,
        /** A pattern. */
        PATTERN,
        /** {@code default}. */
        DEFAULT
    }

    /**
     * One label of a case: a constant expression (including {@code null}), a pattern, or {@code default}.
     *
     * @param form what the label is
     * @param tree the constant expression or the pattern; {@code null} for {@code default}
     */
    public record Label(Form form, Tree tree) {
        /**
         * Whether this is {@code case null}.
         *
         * @return {@code true} for the {@code null} constant
         */
        public boolean isNull() {
            return form == Form.CONSTANT && tree.getKind() == Tree.Kind.NULL_LITERAL;
        }
    }

    /** What a pattern is: a type pattern {@code T x}, a record pattern {@code R(...)} or {@code _}. */
    public enum PatternForm {
        /** A type pattern, {@code T x}. */
        BINDING,
        /** A record pattern, {@code R(...)}. */
        RECORD,
        /** The unnamed pattern {@code _} (JDK 22+). */
        ANY
    }

    /** Whether javac has JDK 21's case label trees (constant, pattern and default labels). */
    private static final boolean LABEL_TREES = hasKind("CONSTANT_CASE_LABEL");
    private static final Method CASE_LABELS = method(CaseTree.class, "getLabels");
    private static final Method CASE_GUARD = method(CaseTree.class, "getGuard");
    private static final Method CONSTANT_EXPRESSION = method("ConstantCaseLabelTree", "getConstantExpression");
    private static final Method LABEL_PATTERN = method("PatternCaseLabelTree", "getPattern");
    private static final Method DECONSTRUCTOR = method("DeconstructionPatternTree", "getDeconstructor");
    private static final Method NESTED_PATTERNS = method("DeconstructionPatternTree", "getNestedPatterns");

    private PatternTrees() {
    }

    /**
     * The labels of {@code c} in source order. Before JDK 21 a case without constants has no
     * label here: the caller decides from the source whether it is {@code default}.
     *
     * @param c a case of a switch
     * @return its labels
     */
    public static List<Label> labels(CaseTree c) {
        List<Label> out = new ArrayList<>();
        if (!LABEL_TREES) {
            c.getExpressions().forEach(e -> out.add(new Label(Form.CONSTANT, e)));
            return out;
        }
        for (Object label : (List<?>) call(CASE_LABELS, c)) {
            Tree tree = (Tree) label;
            switch (tree.getKind().name()) {
                case "CONSTANT_CASE_LABEL":
                    out.add(new Label(Form.CONSTANT, (Tree) call(CONSTANT_EXPRESSION, tree)));
                    break;
                case "PATTERN_CASE_LABEL":
                    out.add(new Label(Form.PATTERN, (Tree) call(LABEL_PATTERN, tree)));
                    break;
                default:   // DEFAULT_CASE_LABEL
                    out.add(new Label(Form.DEFAULT, null));
            }
        }
        return out;
    }

    /**
     * The guard ({@code when ...}) of {@code c}, or {@code null}.
     *
     * @param c a case of a switch
     * @return the guard, or {@code null}
     */
    public static ExpressionTree guard(CaseTree c) {
        return LABEL_TREES ? (ExpressionTree) call(CASE_GUARD, c) : null;
    }

    /**
     * Whether a switch with these cases selects by pattern matching (a pattern label, a guard or
     * {@code case null}) rather than by a plain {@code switch} on constants.
     *
     * @param cases the cases of one switch
     * @return {@code true} for a pattern switch
     */
    public static boolean isPatternSwitch(List<? extends CaseTree> cases) {
        if (!LABEL_TREES) {
            return false;
        }
        for (CaseTree c : cases) {
            if (guard(c) != null) {
                return true;
            }
            for (Label l : labels(c)) {
                if (l.form() == Form.PATTERN || l.isNull()) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether {@code t} is a JDK 21+ case label tree (constant, pattern or default).
     *
     * @param t any tree
     * @return {@code true} for a case label tree
     */
    public static boolean isLabel(Tree t) {
        return t.getKind().name().endsWith("_CASE_LABEL");
    }

    /**
     * What the pattern {@code p} is, or {@code null} if it is no pattern this class knows.
     *
     * @param p a pattern tree
     * @return its form, or {@code null}
     */
    public static PatternForm formOf(Tree p) {
        switch (p.getKind().name()) {
            case "BINDING_PATTERN": return PatternForm.BINDING;
            case "DECONSTRUCTION_PATTERN": return PatternForm.RECORD;
            case "ANY_PATTERN": return PatternForm.ANY;
            default: return null;
        }
    }

    /**
     * The variable a type pattern declares.
     *
     * @param bindingPattern a type pattern
     * @return the variable it declares
     */
    public static VariableTree variable(Tree bindingPattern) {
        return ((BindingPatternTree) bindingPattern).getVariable();
    }

    /**
     * The record type of a record pattern, as written.
     *
     * @param recordPattern a record pattern
     * @return the record type's expression
     */
    public static ExpressionTree deconstructor(Tree recordPattern) {
        return (ExpressionTree) call(DECONSTRUCTOR, recordPattern);
    }

    /**
     * The component patterns of a record pattern.
     *
     * @param recordPattern a record pattern
     * @return its component patterns, in order
     */
    public static List<Tree> nested(Tree recordPattern) {
        List<Tree> out = new ArrayList<>();
        for (Object p : (List<?>) call(NESTED_PATTERNS, recordPattern)) {
            out.add((Tree) p);
        }
        return out;
    }

    /**
     * Whether {@code v} is an unnamed variable ({@code _}, JDK 22+): it binds nothing.
     *
     * @param v a variable declaration
     * @return {@code true} for {@code _}
     */
    public static boolean isUnnamed(VariableTree v) {
        String name = v.getName().toString();
        return name.isEmpty() || name.equals("_");
    }

    private static boolean hasKind(String name) {
        for (Tree.Kind k : Tree.Kind.values()) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static Method method(String treeType, String name) {
        try {
            return method(Class.forName("com.sun.source.tree." + treeType), name);
        } catch (ClassNotFoundException e) {
            return null;   // an older javac: no tree of that type is ever met
        }
    }

    private static Method method(Class<?> type, String name) {
        try {
            return type.getMethod(name);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Object call(Method m, Tree on) {
        try {
            return m.invoke(on);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + m + " of javac's tree", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("javac's " + m + " failed", e.getCause());
        }
    }
}
