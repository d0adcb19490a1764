package dev.jawait.processor.lowering;

import com.palantir.javapoet.TypeName;
import java.util.List;

/**
 * An exception region of the lowered body: the states of a {@code try} block (with its catch
 * handlers and finally) or of its catch blocks (with only the finally). A failure thrown in a
 * state is matched against its region's catches in order, then its finally, then the parent.
 *
 * <pre>{@code
 * Region tryRegion = new Region(outer, handlers, finallyBlock);
 * }</pre>
 */
public final class Region {
    /** A catch clause: which failures, into which field ({@code null}: the body never reads it), then which state runs its body. */
    public static final class Handler {
        /** The caught types (several for a multi-catch). */
        public final List<TypeName> types;
        /** The field holding the caught exception, or {@code null}. */
        public final String field;
        /** The field's type. */
        public final TypeName fieldType;
        /** The state where the catch body starts. */
        public final int state;

        /**
         * A catch clause.
         *
         * @param types the caught types
         * @param field the field for the exception, or {@code null} when the body never reads it
         * @param fieldType the field's type
         * @param state the state of the catch body
         */
        public Handler(List<TypeName> types, String field, TypeName fieldType, int state) {
            this.types = types;
            this.field = field;
            this.fieldType = fieldType;
            this.state = state;
        }
    }

    /** A finally block: its entry state, where to go after it, and the failure it carries. */
    public static final class Finally {
        /** The state where the finally body starts. */
        public final int entry;
        /** The field holding the state to go to after the finally body. */
        public final String next;
        /** The field holding the failure that entered the finally, rethrown after it. */
        public final String failure;
        /** The state that rethrows that failure. */
        public final int rethrow;

        /**
         * A finally block.
         *
         * @param entry the state where its body starts
         * @param next the field holding where to go after it
         * @param failure the field holding the pending failure
         * @param rethrow the state that rethrows the pending failure
         */
        public Finally(int entry, String next, String failure, int rethrow) {
            this.entry = entry;
            this.next = next;
            this.failure = failure;
            this.rethrow = rethrow;
        }
    }

    /** The enclosing region, or {@code null} at the top. */
    public final Region parent;
    /** The catch clauses, in source order. */
    public final List<Handler> handlers;
    /** The finally block, or {@code null}. */
    public final Finally finallyBlock;

    /**
     * A region of states covered by {@code handlers} and {@code finallyBlock}, inside {@code parent}.
     *
     * @param parent the enclosing region, or {@code null}
     * @param handlers the catch clauses, in source order
     * @param finallyBlock the finally block, or {@code null}
     */
    public Region(Region parent, List<Handler> handlers, Finally finallyBlock) {
        this.parent = parent;
        this.handlers = handlers;
        this.finallyBlock = finallyBlock;
    }
}
