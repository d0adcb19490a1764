package dev.jawait.samples.http;

import java.nio.ByteBuffer;

/**
 * Reads past a chunked request body (RFC 9112 section 7.1) as it arrives, keeping no bytes:
 * the framing is checked one byte at a time by a state machine, the chunk data is skipped whole.
 * It holds its place between reads, so a body may arrive in any number of pieces.
 *
 * <pre>
 * chunked-body = *chunk last-chunk trailer-section CRLF
 * chunk        = chunk-size [ chunk-ext ] CRLF chunk-data CRLF
 * chunk-ext    = *( BWS ";" BWS ext-name [ BWS "=" BWS ( token / quoted-string ) ] )
 * last-chunk   = 1*("0") [ chunk-ext ] CRLF
 * </pre>
 *
 * Strict where leniency lets two parsers disagree about where a body ends (the "chunk
 * smuggling" attacks): CRLF only (no bare LF, which RFC 9112 section 2.2 allows in heads, not in
 * chunk framing), a size that fits a {@code long}, nothing after the data but CRLF, trailers
 * with the syntax of header fields and within {@link HttpRequestParser#MAX_HEAD} bytes. A chunk's
 * size line, extensions included, is at most {@link HttpRequestParser#MAX_REQUEST_LINE} bytes
 * (RFC 9112 section 7.1.1 asks servers to limit extensions).
 *
 * <pre>{@code
 * ChunkedBodySkipper body = new ChunkedBodySkipper();
 * body.start();
 * if (body.skip(in)) { ... the body is over; in's position is just past it ... }
 * }</pre>
 */
final class ChunkedBodySkipper {
    private enum State {
        SIZE_FIRST, SIZE, EXT_WS, EXT_NAME_START, EXT_NAME, EXT_NAME_WS, EXT_VALUE_START, EXT_TOKEN, EXT_QUOTED,
        EXT_QUOTED_PAIR, EXT_QUOTED_END, SIZE_LF, DATA, DATA_CR, DATA_LF,
        TRAILER_LINE_START, TRAILER_NAME, TRAILER_VALUE, TRAILER_LF, END_LF, DONE;

        /** Whether this state reads the chunk-size line (size, extensions, CR). */
        boolean inSizeLine() {
            return compareTo(SIZE_LF) < 0;
        }
    }

    private State state = State.DONE;
    /** The chunk size being read; then the chunk data bytes still to skip. */
    private long size;
    private int sizeLineBytes;
    private int trailerBytes;

    /** Begins a new body. */
    void start() {
        state = State.SIZE_FIRST;
        size = 0;
        sizeLineBytes = 0;
        trailerBytes = 0;
    }

    /**
     * Skips what {@code in} holds of the body: true once the body is over (the position is just
     * past it), false when all of {@code in} was body and more is to come.
     *
     * @throws HttpParseException for a malformed body; the connection must close
     */
    boolean skip(ByteBuffer in) throws HttpParseException {
        int i = in.position();
        int limit = in.limit();
        while (i < limit && state != State.DONE) {
            if (state == State.DATA) {
                int n = (int) Math.min(size, limit - i);
                i += n;
                size -= n;
                if (size == 0) {
                    state = State.DATA_CR;
                }
            } else {
                state = next(in.get(i++));
            }
        }
        in.position(i);
        return state == State.DONE;
    }

    /** The state after byte {@code b}, for every state but DATA. */
    private State next(byte b) throws HttpParseException {
        if (state.inSizeLine() && ++sizeLineBytes > HttpRequestParser.MAX_REQUEST_LINE) {
            throw bad("a chunk size line longer than " + HttpRequestParser.MAX_REQUEST_LINE + " bytes");
        }
        boolean ws = HttpSyntax.isWhitespace(b);
        switch (state) {
            case SIZE_FIRST, SIZE -> {
                if (HttpSyntax.isHexDigit(b)) {
                    if (size > Long.MAX_VALUE >> 4) {
                        throw bad("a chunk size larger than 2^63 - 1");
                    }
                    size = size << 4 | HttpSyntax.hexValue(b);
                    return State.SIZE;
                }
                if (state == State.SIZE) {
                    return afterExtensionPart(b, ws, "the chunk size");
                }
                throw bad("a chunk that does not start with its size in hex");
            }
            case EXT_WS -> {
                if (ws) {
                    return State.EXT_WS;
                }
                if (b == ';') {
                    return State.EXT_NAME_START;
                }
            }
            case EXT_NAME_START -> {
                if (ws) {
                    return State.EXT_NAME_START;
                }
                if (HttpSyntax.isTchar(b)) {
                    return State.EXT_NAME;
                }
            }
            case EXT_NAME -> {
                if (HttpSyntax.isTchar(b)) {
                    return State.EXT_NAME;
                }
                if (b == '=') {
                    return State.EXT_VALUE_START;
                }
                if (ws) {
                    return State.EXT_NAME_WS;
                }
                return afterExtensionPart(b, false, "a chunk extension name");
            }
            case EXT_NAME_WS -> {
                if (ws) {
                    return State.EXT_NAME_WS;
                }
                if (b == '=') {
                    return State.EXT_VALUE_START;
                }
                if (b == ';') {
                    return State.EXT_NAME_START;
                }
            }
            case EXT_VALUE_START -> {
                if (ws) {
                    return State.EXT_VALUE_START;
                }
                if (b == '"') {
                    return State.EXT_QUOTED;
                }
                if (HttpSyntax.isTchar(b)) {
                    return State.EXT_TOKEN;
                }
            }
            case EXT_TOKEN -> {
                if (HttpSyntax.isTchar(b)) {
                    return State.EXT_TOKEN;
                }
                return afterExtensionPart(b, ws, "a chunk extension value");
            }
            case EXT_QUOTED -> { // RFC 9110 section 5.6.4: quoted-string
                if (b == '"') {
                    return State.EXT_QUOTED_END;
                }
                if (b == '\\') {
                    return State.EXT_QUOTED_PAIR;
                }
                if (HttpSyntax.isFieldVchar(b) || ws) {
                    return State.EXT_QUOTED;
                }
            }
            case EXT_QUOTED_PAIR -> {
                if (HttpSyntax.isFieldVchar(b) || ws) {
                    return State.EXT_QUOTED;
                }
            }
            case EXT_QUOTED_END -> {
                return afterExtensionPart(b, ws, "a quoted chunk extension value");
            }
            case SIZE_LF -> {
                if (b == '\n') {
                    return size == 0 ? State.TRAILER_LINE_START : State.DATA;
                }
                throw bad("a chunk size line that does not end with CRLF");
            }
            case DATA_CR, DATA_LF -> {
                if (state == State.DATA_CR && b == '\r') {
                    return State.DATA_LF;
                }
                if (state == State.DATA_LF && b == '\n') {
                    size = 0;
                    sizeLineBytes = 0;
                    return State.SIZE_FIRST;
                }
                throw bad("chunk data longer than its size, or not followed by CRLF");
            }
            default -> {
                return trailer(b, ws);
            }
        }
        throw bad("a malformed chunk extension");
    }

    /** After a chunk size or extension part: another extension (';', or BWS then ';') or CR. */
    private static State afterExtensionPart(byte b, boolean ws, String what) throws HttpParseException {
        if (b == ';') {
            return State.EXT_NAME_START;
        }
        if (ws) {
            return State.EXT_WS;
        }
        if (b == '\r') {
            return State.SIZE_LF;
        }
        throw bad("an unexpected byte after " + what);
    }

    /**
     * RFC 9112 section 7.1.2: trailer-section = *( field-line CRLF ), then the final CRLF. The
     * fields are checked like the head's ({@link HttpRequestParser}), then ignored.
     */
    private State trailer(byte b, boolean ws) throws HttpParseException {
        if (++trailerBytes > HttpRequestParser.MAX_HEAD) {
            throw new HttpParseException(431, "trailer section longer than " + HttpRequestParser.MAX_HEAD + " bytes");
        }
        switch (state) {
            case TRAILER_LINE_START -> {
                if (b == '\r') {
                    return State.END_LF;
                }
                if (HttpSyntax.isTchar(b)) {
                    return State.TRAILER_NAME;
                }
            }
            case TRAILER_NAME -> {
                if (HttpSyntax.isTchar(b)) {
                    return State.TRAILER_NAME;
                }
                if (b == ':') {
                    return State.TRAILER_VALUE;
                }
            }
            case TRAILER_VALUE -> {
                if (HttpSyntax.isFieldVchar(b) || ws) {
                    return State.TRAILER_VALUE;
                }
                if (b == '\r') {
                    return State.TRAILER_LF;
                }
            }
            case TRAILER_LF, END_LF -> {
                if (b == '\n') {
                    return state == State.END_LF ? State.DONE : State.TRAILER_LINE_START;
                }
            }
            default -> throw new IllegalStateException("no byte is read in state " + state);
        }
        throw bad("a malformed trailer field, or trailers not ended by CRLF");
    }

    private static HttpParseException bad(String detail) {
        return new HttpParseException(400, "chunked body: " + detail);
    }
}
