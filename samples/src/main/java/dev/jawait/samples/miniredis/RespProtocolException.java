package dev.jawait.samples.miniredis;

/**
 * A malformed RESP frame. Like Redis, the server answers it with {@code -ERR Protocol error: ...}
 * and closes the connection after the replies already produced are written.
 *
 * <pre>{@code
 * try {
 *     args = RespParser.next(buffer);
 * } catch (RespProtocolException e) {
 *     out.error("ERR " + e.getMessage());   // "ERR Protocol error: invalid bulk length"
 * }
 * }</pre>
 */
public final class RespProtocolException extends Exception {
    private static final long serialVersionUID = 1L;

    /** {@code detail} is the text after "Protocol error: ", as Redis words it. */
    public RespProtocolException(String detail) {
        super("Protocol error: " + detail, null, false, false);
    }
}
