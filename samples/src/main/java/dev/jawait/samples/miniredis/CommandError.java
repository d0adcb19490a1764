package dev.jawait.samples.miniredis;

/**
 * A command failed; its message is the whole RESP error line, prefix included.
 *
 * <pre>{@code
 * throw new CommandError("ERR value is not an integer or out of range");
 * }</pre>
 */
public final class CommandError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";
    static final String SYNTAX = "ERR syntax error";
    static final String OVERFLOW = "ERR increment or decrement would overflow";

    /** {@code line} is sent as {@code -line}. */
    public CommandError(String line) {
        super(line, null, false, false);
    }
}
