package dev.jawait.processor.oracle;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What one run of a shape did, rendered as text so two runs compare with a readable diff: the
 * result (value with its class, or exception with class, message, cause and suppressed), the
 * {@link Log}, and for instance shapes the receiver's fields afterwards.
 *
 * <pre>{@code
 * Outcome expected = Outcome.returned(42, Log.snapshot(), self);
 * assertEquals(expected.render(), actual.render());
 * }</pre>
 *
 * @param result what the call produced
 * @param log    the side effects in order
 * @param fields the receiver's fields after the run ("" for static shapes)
 */
public record Outcome(String result, List<String> log, String fields) {

    /** A run that returned {@code value}. */
    public static Outcome returned(Object value, List<String> log, Object receiver) {
        return new Outcome("returned " + describe(value), log, fieldsOf(receiver));
    }

    /** A run that threw {@code failure}. */
    public static Outcome threw(Throwable failure, List<String> log, Object receiver) {
        return new Outcome("threw " + describeFailure(failure, ""), log, fieldsOf(receiver));
    }

    /** Whether the run ended by throwing. */
    public boolean failed() {
        return result.startsWith("threw ");
    }

    /** The comparable text. */
    public String render() {
        StringBuilder out = new StringBuilder(result).append('\n');
        out.append("log (").append(log.size()).append("):\n");
        for (String entry : log) out.append("  ").append(entry).append('\n');
        if (!fields.isEmpty()) out.append("fields: ").append(fields).append('\n');
        return out.toString();
    }

    static String describe(Object value) {
        if (value == null) return "null";
        return value.getClass().getTypeName() + " " + Render.value(value);
    }

    private static String describeFailure(Throwable t, String indent) {
        StringBuilder out = new StringBuilder(t.getClass().getName()).append(": ").append(message(t));
        for (Throwable s : t.getSuppressed()) {
            out.append('\n').append(indent).append("  suppressed ").append(describeFailure(s, indent + "  "));
        }
        if (t.getCause() != null && t.getCause() != t) {
            out.append('\n').append(indent).append("  cause ").append(describeFailure(t.getCause(), indent + "  "));
        }
        return out.toString();
    }

    /**
     * The message, except the JVM's helpful NullPointerException text ("Cannot invoke ...
     * because "&lt;local1&gt;" is null"), which names locals and so must differ once they become
     * state-machine fields; the exception's class and position in the log still have to match.
     */
    private static String message(Throwable t) {
        String message = t.getMessage();
        if (t instanceof NullPointerException && message != null && message.startsWith("Cannot ")) {
            return "<helpful NPE message>";
        }
        return message;
    }

    private static String fieldsOf(Object receiver) {
        if (receiver == null) return "";
        List<String> parts = new ArrayList<>();
        for (Class<?> c = receiver.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.isSynthetic()) continue;
                try {
                    f.setAccessible(true);
                    parts.add(f.getName() + "=" + describe(f.get(receiver)));
                } catch (ReflectiveOperationException | RuntimeException e) {
                    parts.add(f.getName() + "=<" + e + ">");
                }
            }
        }
        return String.join(", ", parts);
    }
}
