package dev.jawait.processor.fuzz;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Constructs the program generator can be told to avoid. Every shape is generated unless its
 * {@link #knownBug} is set: those fail today and are left out of the default run so CI stays
 * green; {@code -Djawait.fuzz.shapes=all} (or a comma-separated list of names to add back, e.g.
 * {@code PRIVATE_COMPOUND_ASSIGNMENT}) turns them on again to check a fix.
 *
 * <pre>{@code
 * Set<Shape> on = Shape.enabled(System.getProperty("jawait.fuzz.shapes", ""));
 * if (on.contains(Shape.PRIVATE_COMPOUND_ASSIGNMENT)) ...
 * }</pre>
 */
enum Shape {
    /**
     * {@code p op= e} where {@code p} is a private field and {@code e} changes {@code p}: Java
     * reads {@code p} before {@code e} (JLS 15.26.2), also through a receiver with side effects
     * ({@code rb("k").pZ |= (bx.pZ ^= true)}); fixed for issue 17 (oracle/PrivateCompound.java,
     * oracle/PrivateCompoundReceivers.java).
     */
    PRIVATE_COMPOUND_ASSIGNMENT(null),
    /** A private field read on a receiver that contains an await ({@code await(f).p}); fixed for issue 17. */
    PRIVATE_FIELD_OF_AWAITED_RECEIVER(null),
    /** Nested array initialisers with an await in a later row; fixed for issue 17. */
    NESTED_ARRAY_INITIALISER_WITH_AWAIT(null),
    /**
     * {@code b op= e} on an {@code Integer} target (field, array element) where {@code e} awaits:
     * javac unboxes the target before evaluating {@code e}, so a null target throws before
     * {@code e}'s side effects and awaits; fixed for issue 17 (oracle/CompoundOrder.java).
     */
    BOXED_COMPOUND_ASSIGNMENT_WITH_AWAIT(null),
    /** A unary {@code -} or {@code +} whose operand starts with the same sign ({@code - -2}); fixed (was printed {@code --2}). */
    SIGNED_OPERAND_OF_UNARY_SIGN(null),
    /** Unary {@code -}, {@code ~}, {@code !} on operands that may be private fields. */
    UNARY_OPERATORS(null),
    /** Everything else: always on. */
    COMPOUND_ASSIGNMENT(null),
    PRIVATE_FIELD_ACCESS(null),
    STATIC_FIELDS(null),
    RECEIVERS_WITH_SIDE_EFFECTS(null),
    ARRAYS(null),
    LISTS(null),
    RECORDS(null),
    BOXED_NULLS(null),
    STRING_CONCATENATION(null),
    SWITCH_ON_STRINGS(null),
    SWITCH_ON_ENUMS(null),
    SWITCH_EXPRESSIONS(null),
    TRY_CATCH_FINALLY(null),
    JUMPS_THROUGH_FINALLY(null),
    TRY_WITH_RESOURCES(null),
    FAILING_FUTURES(null),
    COMPANION_CALLS(null),
    LOOPS(null);

    /** Why the shape is off by default, or null when it is on. */
    final String knownBug;

    Shape(String knownBug) {
        this.knownBug = knownBug;
    }

    /** The default set plus what {@code spec} names ({@code all}, or a comma-separated list of names). */
    static Set<Shape> enabled(String spec) {
        Set<Shape> on = EnumSet.noneOf(Shape.class);
        for (Shape s : values()) if (s.knownBug == null) on.add(s);
        String trimmed = spec == null ? "" : spec.strip();
        if (trimmed.equalsIgnoreCase("all")) return EnumSet.allOf(Shape.class);
        if (!trimmed.isEmpty()) {
            Arrays.stream(trimmed.split(",")).map(String::strip).filter(n -> !n.isEmpty())
                    .forEach(n -> on.add(Shape.valueOf(n.toUpperCase(Locale.ROOT))));
        }
        return on;
    }
}
