package dev.jawait.processor.lowering;

import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A piece of the lowered code: Java text the lowering writes itself (state jumps, temporaries,
 * the await protocol), JavaPoet type names, indentation, and {@link Hole holes} where the
 * emission prints template code (a statement without an await is a single hole: it is emitted
 * unchanged). The lowering appends to a fragment while it builds it; the emission only reads it.
 *
 * <pre>{@code
 * Fragment f = Fragment.of(tmp + " = ").add(Fragment.of(holes.expression(tree))).text(";\n");
 * }</pre>
 */
public final class Fragment {
    /** Indentation markers, parts of {@link #parts()}. */
    public enum Indent {
        /** One level deeper from here on. */
        IN,
        /** One level back from here on. */
        OUT
    }

    /** Where a {@code return} or {@code yield} value goes in an exit's code (see {@link LoweredMachine#exit}). */
    public static final Object SLOT = new Object() {
        @Override
        public String toString() {
            return "SLOT";
        }
    };

    private final List<Object> parts = new ArrayList<>();
    private boolean atomic;
    /** A fragment that is one hole, unchanged since: as atomic as the code printed for it. */
    private boolean holeAtomicity;

    /**
     * A fragment of generated text.
     *
     * @param text Java source, printed as is
     * @return a new fragment
     */
    public static Fragment of(String text) {
        return new Fragment().text(text);
    }

    /**
     * The hole alone; its code is a primary expression exactly when the printed code is.
     *
     * @param hole the hole to print
     * @return a new fragment holding only {@code hole}
     */
    public static Fragment of(Hole hole) {
        Fragment f = new Fragment();
        f.parts.add(hole);
        f.holeAtomicity = true;
        return f;
    }

    /** The value of a {@code return} or {@code yield} printed by the emission. */
    static Fragment slot() {
        Fragment f = new Fragment();
        f.parts.add(SLOT);
        return f;
    }

    Fragment text(String text) {
        atomic = false;
        holeAtomicity = false;
        parts.add(text);
        return this;
    }

    Fragment type(TypeName type) {
        parts.add(type);
        return this;
    }

    /** Appends the parts {@code other} has now. */
    Fragment add(Fragment other) {
        atomic = false;
        holeAtomicity = false;
        parts.addAll(other.parts);
        return this;
    }

    Fragment indent() {
        parts.add(Indent.IN);
        return this;
    }

    Fragment unindent() {
        parts.add(Indent.OUT);
        return this;
    }

    /** Marks this fragment as a primary expression (parenthesized, a name): no parentheses needed. */
    Fragment atomic() {
        atomic = true;
        return this;
    }

    /**
     * Strings, {@link TypeName}s, {@link Indent}s, {@link Hole}s and {@link #SLOT}.
     *
     * @return a read-only view of the parts, in order
     */
    public List<Object> parts() {
        return Collections.unmodifiableList(parts);
    }

    /**
     * Whether the lowering marked this fragment as a primary expression.
     *
     * @return {@code true} if no parentheses are needed around it
     */
    public boolean isAtomic() {
        return atomic;
    }

    /**
     * Whether this fragment is a single hole, as atomic as the code printed for it.
     *
     * @return {@code true} for a fragment that is one hole, unchanged
     */
    public boolean hasHoleAtomicity() {
        return holeAtomicity;
    }

    /**
     * Whether nothing was appended.
     *
     * @return {@code true} for an empty fragment
     */
    public boolean isEmpty() {
        return parts.isEmpty();
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
