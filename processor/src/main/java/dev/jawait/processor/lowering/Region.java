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
        public final List<TypeName> types;
        public final String field;
        public final TypeName fieldType;
        public final int state;

        public Handler(List<TypeName> types, String field, TypeName fieldType, int state) {
            this.types = types;
            this.field = field;
            this.fieldType = fieldType;
            this.state = state;
        }
    }

    /** A finally block: its entry state, where to go after it, and the failure it carries. */
    public static final class Finally {
        public final int entry;
        public final String next;
        public final String failure;
        public final int rethrow;

        public Finally(int entry, String next, String failure, int rethrow) {
            this.entry = entry;
            this.next = next;
            this.failure = failure;
            this.rethrow = rethrow;
        }
    }

    public final Region parent;
    public final List<Handler> handlers;
    public final Finally finallyBlock;

    public Region(Region parent, List<Handler> handlers, Finally finallyBlock) {
        this.parent = parent;
        this.handlers = handlers;
        this.finallyBlock = finallyBlock;
    }
}
