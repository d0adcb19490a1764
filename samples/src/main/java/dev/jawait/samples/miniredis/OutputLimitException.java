package dev.jawait.samples.miniredis;

/**
 * A reply would make a client's output reach its hard {@link OutputLimit}: the client is closed
 * without its replies, as Redis closes a client over its {@code client-output-buffer-limit}.
 * Thrown by a {@link RespEncoder} given a {@linkplain RespEncoder#limit(long) limit}, before the
 * bytes are copied, so the encoder never holds more than the limit.
 *
 * <pre>{@code
 * out.limit(OutputLimit.NORMAL.hardBytes());
 * try { table.execute(session, command, out); } catch (OutputLimitException e) { close the client }
 * }</pre>
 */
public final class OutputLimitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    OutputLimitException(long needed, long limit) {
        super("a reply would bring the output to " + needed + " bytes, the limit is " + limit, null, false, false);
    }
}
