package dev.jawait.processor.front;

import com.sun.source.tree.Tree;
import com.sun.source.util.Trees;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.tools.Diagnostic;

/**
 * The problems found in one template, each at its tree: every check adds to it, and nothing is
 * generated for a template with an error (Dagger's {@code ValidationReport}, AutoValue's
 * {@code ErrorReporter}). Errors are misuses; warnings come from the async lints. Two errors at
 * the same source position are one mistake seen twice (say a member of a private class, whose
 * class is also named): the first, outermost, is kept.
 *
 * <pre>{@code
 * Problems problems = new Problems(template);
 * TemplateValidator.validate(template, problems);
 * problems.report(trees);                 // in source order
 * if (problems.hasErrors()) ...           // write a failed machine instead
 * }</pre>
 */
public final class Problems {
    /** One positioned diagnostic. */
    public static final class Problem {
        /** Error or warning. */
        public final Diagnostic.Kind kind;
        /** The tree the diagnostic points at. */
        public final Tree at;
        /** What is wrong, and what to do instead. */
        public final String message;
        final long position;

        Problem(Diagnostic.Kind kind, Tree at, String message, long position) {
            this.kind = kind;
            this.at = at;
            this.message = message;
            this.position = position;
        }

        @Override
        public String toString() {
            return kind + " " + message;
        }
    }

    private final Template t;
    private final List<Problem> all = new ArrayList<>();
    private final Set<Long> errorPositions = new HashSet<>();
    private boolean errors;

    /**
     * An empty list of problems for {@code t}.
     *
     * @param t the template the problems are found in
     */
    public Problems(Template t) {
        this.t = t;
    }

    /**
     * A misuse at {@code at} (the method itself when {@code null}).
     *
     * @param at the misused tree, or {@code null}
     * @param message what is wrong and what to do instead
     */
    public void error(Tree at, String message) {
        Tree where = at == null ? t.tree : at;
        long position = t.trees.getSourcePositions().getStartPosition(t.unit, where);
        if (position >= 0 && !errorPositions.add(position)) {
            return;
        }
        all.add(new Problem(Diagnostic.Kind.ERROR, where, message, position));
        errors = true;
    }

    /**
     * A lint's finding at {@code at}.
     *
     * @param at the tree the lint points at
     * @param message the finding
     */
    public void warning(Tree at, String message) {
        long position = t.trees.getSourcePositions().getStartPosition(t.unit, at);
        all.add(new Problem(Diagnostic.Kind.WARNING, at, message, position));
    }

    /**
     * Whether an error was found: the template is then not lowered.
     *
     * @return {@code true} after any {@link #error}
     */
    public boolean hasErrors() {
        return errors;
    }

    /**
     * Every problem, in source order.
     *
     * @return the problems, sorted by position
     */
    public List<Problem> all() {
        List<Problem> sorted = new ArrayList<>(all);
        sorted.sort(Comparator.comparingLong(p -> p.position));
        return sorted;
    }

    /**
     * Prints every problem at its position, in source order.
     *
     * @param trees javac's trees, which print the diagnostics
     */
    public void report(Trees trees) {
        for (Problem p : all()) {
            trees.printMessage(p.kind, "jawait: " + p.message, p.at, t.unit);
        }
    }
}
