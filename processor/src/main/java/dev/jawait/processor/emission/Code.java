package dev.jawait.processor.emission;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.List;

/**
 * A growable piece of Java source whose type names stay symbolic, so JavaPoet can import them.
 * Plain text is escaped for JavaPoet's format syntax.
 *
 * <pre>{@code
 * Code c = new Code().type(ClassName.get(String.class)).text(".valueOf(1)");
 * CodeBlock block = c.build();      // String.valueOf(1), with String imported
 * }</pre>
 */
public final class Code {
    private final StringBuilder format = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private boolean atomic;

    public static Code of(String text) {
        return new Code().text(text);
    }

    public Code text(String text) {
        atomic = false;
        format.append(text.replace("$", "$$"));
        return this;
    }

    public Code type(TypeName type) {
        format.append("$T");
        args.add(type);
        return this;
    }

    public Code add(Code other) {
        atomic = false;
        format.append(other.format);
        args.addAll(other.args);
        return this;
    }

    /** Starts an indented block on the next line. */
    public Code indent() {
        format.append("$>");
        return this;
    }

    public Code unindent() {
        format.append("$<");
        return this;
    }

    /** Marks this code as a primary expression (parenthesized, a name): no parentheses needed. */
    public Code atomic() {
        atomic = true;
        return this;
    }

    public boolean isAtomic() {
        return atomic || isSimpleName();
    }

    public boolean isEmpty() {
        return format.length() == 0;
    }

    /** Whether this is a plain Java identifier (no parentheses needed around it). */
    public boolean isSimpleName() {
        if (!args.isEmpty() || format.length() == 0) {
            return false;
        }
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (!(Character.isJavaIdentifierPart(c) || c == '.') || (c == '$')) {
                return false;
            }
        }
        return Character.isJavaIdentifierStart(format.charAt(0));
    }

    /** Rewrites state-number markers ({@code StateBuilder.ref}) through {@code renumber}. */
    public Code renumber(java.util.function.IntUnaryOperator renumber) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\u0001(\\d+)\u0002").matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Integer.toString(renumber.applyAsInt(Integer.parseInt(m.group(1)))));
        }
        m.appendTail(out);
        Code c = new Code();
        c.format.append(out);
        c.args.addAll(args);
        return c;
    }

    public CodeBlock build() {
        return CodeBlock.of(format.toString(), args.toArray());
    }

    @Override
    public String toString() {
        return build().toString();
    }
}
