package dev.jawait.processor.analysis;

import com.sun.source.tree.Tree;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * How Java writes the operator of an expression kind.
 *
 * <pre>{@code
 * Operators.spelling(Tree.Kind.PLUS_ASSIGNMENT);   // "+"
 * }</pre>
 */
public final class Operators {
    private Operators() {}

    /**
     * The operator of a binary, compound assignment or conditional expression, as written.
     *
     * @param kind a binary, compound assignment or conditional tree kind
     * @return the operator, e.g. {@code "+"} or {@code "+="}
     */
    public static String spelling(Tree.Kind kind) {
        switch (kind) {
            case MULTIPLY: case MULTIPLY_ASSIGNMENT: return "*";
            case DIVIDE: case DIVIDE_ASSIGNMENT: return "/";
            case REMAINDER: case REMAINDER_ASSIGNMENT: return "%";
            case PLUS: case PLUS_ASSIGNMENT: return "+";
            case MINUS: case MINUS_ASSIGNMENT: return "-";
            case LEFT_SHIFT: case LEFT_SHIFT_ASSIGNMENT: return "<<";
            case RIGHT_SHIFT: case RIGHT_SHIFT_ASSIGNMENT: return ">>";
            case UNSIGNED_RIGHT_SHIFT: case UNSIGNED_RIGHT_SHIFT_ASSIGNMENT: return ">>>";
            case LESS_THAN: return "<";
            case GREATER_THAN: return ">";
            case LESS_THAN_EQUAL: return "<=";
            case GREATER_THAN_EQUAL: return ">=";
            case EQUAL_TO: return "==";
            case NOT_EQUAL_TO: return "!=";
            case AND: case AND_ASSIGNMENT: return "&";
            case XOR: case XOR_ASSIGNMENT: return "^";
            case OR: case OR_ASSIGNMENT: return "|";
            case CONDITIONAL_AND: return "&&";
            case CONDITIONAL_OR: return "||";
            default: throw new IllegalArgumentException(kind.toString());
        }
    }

    /**
     * The type {@code v op= e} and {@code v++} compute in for a target of type {@code target}: its
     * primitive for a box ({@code Integer} gives {@code int}), else {@code target}. javac unboxes
     * the target's old value as it reads it, before {@code e} runs, so a null box throws first.
     *
     * @param types javac's type utilities
     * @param target the type of the assigned variable
     * @return the type of the computation and of the old value the machine keeps
     */
    public static TypeMirror computedIn(Types types, TypeMirror target) {
        if (target.getKind() != TypeKind.DECLARED && target.getKind() != TypeKind.TYPEVAR) {
            return target;
        }
        try {
            return types.unboxedType(target);
        } catch (IllegalArgumentException notABox) {
            return target;
        }
    }
}
