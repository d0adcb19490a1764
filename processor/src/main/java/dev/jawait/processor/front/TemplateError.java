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

    public TemplateError(Tree at, String message) {
        super(message, null, false, false);
        this.at = at;
    }

    /** The tree to point the error at; may be {@code null} (then the method is used). */
    public Tree at() {
        return at;
    }
}
