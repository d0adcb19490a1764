package dev.jawait.processor.lowering;

import com.sun.source.tree.Tree;
import java.util.List;

/**
 * A place in the lowered code where the emission prints template code: a statement copied
 * unchanged, an expression without an await, a type as written, or an expression whose operands
 * the lowering has already evaluated ({@link #operands}, printed in their place). Holes are
 * numbered in the order the lowering makes them, and the emission prints them in that order
 * (printing has effects that order: private-member handles, capture copies for lambdas).
 *
 * <pre>{@code
 * Fragment call = holes.of(Hole.Kind.INVOCATION, tree, receiver, Fragment.of("tmp0"));
 * }</pre>
 */
public final class Hole {
    /** What to print. */
    public enum Kind {
        /** {@link #tree} is an expression without an await. */
        EXPRESSION,
        /** {@link #tree} is a statement without an await, copied unchanged. */
        STATEMENT,
        /** {@link #tree} is a type as written. */
        TYPE,
        /** The declared type of the variable {@link #tree}, or {@code var}. */
        VARIABLE_TYPE,
        /** The labels of the case {@link #tree}, in colon form. */
        CASE_LABEL,
        /** The call {@link #tree}; its value receiver (if any) and arguments are the operands. */
        INVOCATION,
        /** The instance creation {@link #tree}; its enclosing instance (if any) and arguments are the operands. */
        NEW_CLASS,
        /** The array creation {@link #tree}; its dimensions then initializers are the operands. */
        NEW_ARRAY,
        /** The binary operator {@link #tree} applied to its two operands. */
        BINARY,
        /** The unary operator {@link #tree} applied to its operand. */
        UNARY,
        /** The {@code instanceof} {@link #tree} applied to its operand. */
        INSTANCE_OF,
        /** The JDK 21+ pattern {@link #tree} tested on its operand (a switch's selector). */
        PATTERN_TEST,
        /** {@code lhs = value} on the private field {@link #tree}: operands receiver (or {@code null}) and value. */
        PRIVATE_ASSIGNMENT,
        /** A read of the private field {@link #tree}: operand receiver (or {@code null}). */
        PRIVATE_READ,
        /** The compound assignment {@link #tree} on a private field: operands receiver (or {@code null}) and value. */
        PRIVATE_UPDATE,
        /** The increment or decrement {@link #tree} of a private field: operand receiver. */
        PRIVATE_INCREMENT,
        /** The local class {@link #tree}, moved to a member type of the state machine. */
        MEMBER_CLASS
    }

    /** The hole's number, its position in {@link LoweredMachine#holes()}. */
    public final int number;
    /** The capture window: the instruction whose code this hole belongs to (see {@link LoweredMachine}). */
    public final int window;
    /** What the emission prints here. */
    public final Kind kind;
    /** The template tree printed here. */
    public final Tree tree;
    /** Already lowered operands ({@code null} entries allowed where the kind says so). */
    public final List<Fragment> operands;

    Hole(int number, int window, Kind kind, Tree tree, List<Fragment> operands) {
        this.number = number;
        this.window = window;
        this.kind = kind;
        this.tree = tree;
        this.operands = operands;
    }

    @Override
    public String toString() {
        return "Hole#" + number + " " + kind + " " + tree.getKind();
    }
}
