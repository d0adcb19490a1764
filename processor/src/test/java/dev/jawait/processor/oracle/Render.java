package dev.jawait.processor.oracle;

import java.util.Arrays;

/**
 * Text for values that is equal between two runs: arrays by content, objects without their own
 * {@code toString} by class name (identity hash codes differ from run to run).
 *
 * <pre>{@code
 * Render.value(new int[] {1, 2});   // "[1, 2]"
 * Render.value(new Object());       // "<java.lang.Object>"
 * }</pre>
 */
final class Render {
    private Render() {}

    static String value(Object value) {
        if (value == null) return "null";
        if (value.getClass().isArray()) {
            String text = Arrays.deepToString(new Object[] {value});
            return text.substring(1, text.length() - 1);
        }
        try {
            if (value.getClass().getMethod("toString").getDeclaringClass() == Object.class) {
                return "<" + value.getClass().getName() + ">";
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError(e);
        }
        return String.valueOf(value);
    }
}
