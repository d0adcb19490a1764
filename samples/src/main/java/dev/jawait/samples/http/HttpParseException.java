package dev.jawait.samples.http;

/**
 * A request the server refuses; it answers with {@link #status()} and closes the connection.
 *
 * <pre>{@code
 * throw new HttpParseException(400, "Bad Request");
 * }</pre>
 */
public final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** A refusal with an HTTP status and its reason phrase. */
    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with (400, 413, 431, 501...). */
    public int status() {
        return status;
    }
}
