package dev.jawait.processor.front;

import com.sun.source.tree.Tree;

/**
 * A construct the processor rejects or cannot compile, reported as a positioned error at
 * {@link #at()} instead of emitting code. Thrown anywhere below the processor entry point and
 * caught there.
 *
 * <pre>{@code
 * throw new TemplateError(tree, "await inside a lambda is not supported");
 * }</pre>
 */
public final class TemplateError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Tree at;

    /**
     * An error at {@code at}.
     *
     * @param at the tree to point at, or {@code null} for the method
     * @param message what is wrong and what to do instead
     */
    public TemplateError(Tree at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    /**
     * The tree to point the error at; may be {@code null} (then the method is used).
     *
     * @return the tree, or {@code null}
     */
    public Tree at() {
        return at;
    }
}
