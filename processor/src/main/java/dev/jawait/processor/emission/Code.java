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
    /** One indentation step: what {@code JavaFile.indent} is set to for generated files. */
    static final String INDENT = "    ";

    private final StringBuilder format = new StringBuilder();
    private final List<Object> args = new ArrayList<>();
    private boolean atomic;

    /**
     * Code made of {@code text}.
     *
     * @param text Java source, printed as is ({@code $} included)
     * @return new code
     */
    public static Code of(String text) {
        return new Code().text(text);
    }

    /**
     * Appends {@code text}.
     *
     * @param text Java source, printed as is ({@code $} included)
     * @return this code
     */
    public Code text(String text) {
        atomic = false;
        format.append(text.replace("$", "$$"));
        return this;
    }

    /**
     * Appends a reference to {@code type}, imported by JavaPoet.
     *
     * @param type the type to name
     * @return this code
     */
    public Code type(TypeName type) {
        format.append("$T");
        args.add(type);
        return this;
    }

    /**
     * Appends {@code other}'s text and types as they are now.
     *
     * @param other the code to append
     * @return this code
     */
    public Code add(Code other) {
        atomic = false;
        format.append(other.format);
        args.addAll(other.args);
        return this;
    }

    /**
     * Starts an indented block on the next line.
     *
     * @return this code
     */
    public Code indent() {
        format.append("$>");
        return this;
    }

    /**
     * Ends the block {@link #indent()} started.
     *
     * @return this code
     */
    public Code unindent() {
        format.append("$<");
        return this;
    }

    /**
     * Marks this code as a primary expression (parenthesized, a name): no parentheses needed.
     *
     * @return this code
     */
    public Code atomic() {
        atomic = true;
        return this;
    }

    /**
     * Whether no parentheses are needed around this code: marked {@link #atomic()} or a simple name.
     *
     * @return {@code true} for a primary expression
     */
    public boolean isAtomic() {
        return atomic || isSimpleName();
    }

    /** Whether {@link #atomic()} marked this code (and nothing was appended since). */
    boolean hasAtomicFlag() {
        return atomic;
    }

    /**
     * Whether nothing was appended.
     *
     * @return {@code true} for empty code
     */
    public boolean isEmpty() {
        return format.length() == 0;
    }

    /** Whether the text starts with {@code +} or {@code -}: a prefix {@code -} before it needs a space ({@code - -2}, not {@code --2}). */
    boolean startsWithSign() {
        return format.length() > 0 && (format.charAt(0) == '-' || format.charAt(0) == '+');
    }

    /**
     * Whether this is a plain Java identifier (no parentheses needed around it).
     *
     * @return {@code true} for an identifier or a dotted name
     */
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

    /**
     * Rewrites state-number markers ({@code StateBuilder.ref}) through {@code renumber}.
     *
     * @param renumber maps a state's lowering number to its written number
     * @return new code with the numbers written in
     */
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

    /**
     * The JavaPoet code block of this code.
     *
     * @return a block to add to a method body
     */
    public CodeBlock build() {
        return CodeBlock.of(withIndentationSpelledOut(format), args.toArray());
    }

    /**
     * {@code format} with JavaPoet's indent markers ({@code $>}, {@code $<}) replaced by the
     * spaces they stand for at the start of each line, or unchanged if it unindents below where it
     * started. The output is the same; JavaPoet, though, splits its literal text at every marker
     * and splits each piece into lines with a regex, and a state machine's body has markers on
     * most lines: that splitting was about 4% of a cold javac run with the processor.
     */
    static String withIndentationSpelledOut(CharSequence format) {
        StringBuilder out = new StringBuilder(format.length() + format.length() / 2);
        int depth = 0;
        boolean lineStart = true;   // JavaPoet indents lazily, before a line's first character
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c == '$' && i + 1 < format.length()) {
                char next = format.charAt(i + 1);
                if (next == '>' || next == '<') {
                    depth += next == '>' ? 1 : -1;
                    if (depth < 0) {
                        return format.toString();   // leans on the caller's indentation: keep the markers
                    }
                    i++;
                    continue;
                }
            }
            if (c == '\n') {
                lineStart = true;
            } else if (lineStart) {
                out.append(INDENT.repeat(depth));
                lineStart = false;
            }
            out.append(c);
            if (c == '$' && i + 1 < format.length()) {
                out.append(format.charAt(++i));   // "$$" or "$T": keep the pair together
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return build().toString();
    }
}
