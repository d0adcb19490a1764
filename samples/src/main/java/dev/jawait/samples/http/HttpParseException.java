package dev.jawait.samples.http;

/**
 * A request the server refuses: it answers with {@link #status()} and a one-line explanation
 * (the message), then closes the connection without reading anything after it as a request.
 *
 * <pre>{@code
 * throw new HttpParseException(400, "whitespace between a field name and its colon");
 * }</pre>
 */
public final class HttpParseException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    /**
     * A refusal with an HTTP status (400, 414, 431, 501 or 505) and what was wrong, for the
     * response body.
     */
    public HttpParseException(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    /** The reason phrase of {@link #status()} (RFC 9110 section 15). */
    public String reasonPhrase() {
        return switch (status) {
            case 400 -> "Bad Request";
            case 414 -> "URI Too Long";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
    }
}
