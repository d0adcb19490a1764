package dev.jawait.samples.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Parses HTTP/1.1 request heads (RFC 9112) from a byte buffer, strictly: anything the RFC calls
 * invalid, or that two parsers could read two ways (the root of request smuggling), is refused
 * with an {@link HttpParseException}, after which the connection must close. One parser per
 * connection: it keeps the fields of the head being parsed and of the last one parsed, which
 * {@link #parseHead} leaves there to read, so that parsing allocates nothing (except the method
 * and target strings other than {@code GET}/{@code HEAD} and {@code /}); {@link #next} returns
 * them as an {@link HttpRequest} instead.
 *
 * <p>The head is parsed line by line as it arrives; a line ends at LF, with one CR before it
 * dropped (RFC 9112 section 2.2 allows a bare LF). Lines are parsed again from the start when
 * the head was incomplete, which costs little because heads are small ({@link #MAX_HEAD}).
 *
 * <pre>{@code
 * HttpRequestParser parser = new HttpRequestParser();
 * while (parser.parseHead(in)) {
 *     respond(parser.method(), parser.keepAlive(), out);
 *     skip(parser.contentLength(), in);   // the body is the caller's business
 * }
 * }</pre>
 */
public final class HttpRequestParser {
    /** Longest accepted request-line, CRLF excluded (414 beyond; RFC 9112 section 3). */
    public static final int MAX_REQUEST_LINE = 4 * 1024;
    /**
     * Longest accepted head, from the request-line to the empty line ending it (431 beyond); it
     * also bounds the trailer section of a chunked body.
     */
    public static final int MAX_HEAD = 8 * 1024;

    // What the head says, as far as it was parsed; reset at each request-line. Once the head is
    // complete, endOfHead() settles keepAlive, contentLength, chunked and expectContinue.
    private String method;
    private String target;
    private boolean http10;
    private int hostLines;
    /** -1 while no Content-Length field was seen. */
    private long contentLength;
    private boolean transferEncoding;
    private int chunkedCodings;
    private boolean chunkedLast;
    private boolean otherCoding;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private boolean expectContinue;
    private boolean keepAlive;
    private boolean chunked;

    /**
     * The next request head as an {@link HttpRequest}, or {@code null}: {@link #parseHead},
     * plus one allocation.
     *
     * @throws HttpParseException for a head the server refuses; the connection must close
     */
    public HttpRequest next(ByteBuffer in) throws HttpParseException {
        if (!parseHead(in)) {
            return null;
        }
        return new HttpRequest(method, target, http10, keepAlive, contentLength, chunked, expectContinue);
    }

    /**
     * Parses the next request head: true with the buffer's position moved past it (the body, if
     * any, comes next) and the head's parts readable from {@link #method()} and the others until
     * the next call; false when the buffer does not hold all of it yet, and then the position
     * only moves past empty lines before the request-line.
     *
     * @throws HttpParseException for a head the server refuses; the connection must close
     */
    public boolean parseHead(ByteBuffer in) throws HttpParseException {
        int start = skipEmptyLines(in);
        int limit = in.limit();
        int lf = indexOf(in, '\n', start, Math.min(limit, start + MAX_REQUEST_LINE + 2));
        if (lf < 0) {
            if (limit - start >= MAX_REQUEST_LINE + 2) {
                throw new HttpParseException(414, "request line longer than " + MAX_REQUEST_LINE + " bytes");
            }
            return false;
        }
        int end = withoutCr(in, start, lf);
        if (end - start > MAX_REQUEST_LINE) {
            throw new HttpParseException(414, "request line longer than " + MAX_REQUEST_LINE + " bytes");
        }
        reset();
        requestLine(in, start, end);
        int headLimit = start + MAX_HEAD; // every LF of the head comes before this index
        int line = lf + 1;
        while (true) {
            lf = indexOf(in, '\n', line, Math.min(limit, headLimit));
            if (lf < 0) {
                if (limit >= headLimit) {
                    throw new HttpParseException(431, "request head longer than " + MAX_HEAD + " bytes");
                }
                return false;
            }
            end = withoutCr(in, line, lf);
            if (end == line) {
                break; // the empty line ending the head
            }
            fieldLine(in, line, end);
            line = lf + 1;
        }
        endOfHead();
        in.position(lf + 1);
        return true;
    }

    /** The method of the head {@link #parseHead} parsed last, e.g. {@code GET}. */
    public String method() {
        return method;
    }

    /** The request-target as sent, e.g. {@code /plaintext}. */
    public String target() {
        return target;
    }

    /** Whether the request line said {@code HTTP/1.0}. */
    public boolean http10() {
        return http10;
    }

    /**
     * Whether the connection stays open after the response: HTTP/1.1 unless
     * {@code Connection: close}, HTTP/1.0 only with {@code Connection: keep-alive}.
     */
    public boolean keepAlive() {
        return keepAlive;
    }

    /** Body length from {@code Content-Length}: 0 when absent or chunked. */
    public long contentLength() {
        return contentLength;
    }

    /** Whether the body is sent with the chunked transfer coding. */
    public boolean chunked() {
        return chunked;
    }

    /** Whether an HTTP/1.1 client waits for {@code 100 Continue} before the body it announced. */
    public boolean expectContinue() {
        return expectContinue;
    }

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    private void reset() {
        method = null;
        target = null;
        http10 = false;
        hostLines = 0;
        contentLength = -1;
        transferEncoding = false;
        chunkedCodings = 0;
        chunkedLast = false;
        otherCoding = false;
        connectionClose = false;
        connectionKeepAlive = false;
        expectContinue = false;
        keepAlive = false;
        chunked = false;
    }

    /** RFC 9112 section 2.2: empty lines before a request-line are ignored (and consumed here). */
    private static int skipEmptyLines(ByteBuffer in) {
        int i = in.position();
        int limit = in.limit();
        while (i < limit) {
            if (in.get(i) == '\n') {
                i++;
            } else if (in.get(i) == '\r' && i + 1 < limit && in.get(i + 1) == '\n') {
                i += 2;
            } else {
                break;
            }
        }
        in.position(i);
        return i;
    }

    /**
     * RFC 9112 section 3: request-line = method SP request-target SP HTTP-version, one SP each,
     * no other whitespace (the RFC lets a server split on any whitespace; a strict server leaves
     * no room for a front end that splits differently).
     */
    private void requestLine(ByteBuffer in, int from, int to) throws HttpParseException {
        int sp1 = from;
        while (sp1 < to && HttpSyntax.isTchar(in.get(sp1))) {
            sp1++;
        }
        if (sp1 == from || sp1 == to || in.get(sp1) != ' ') {
            throw bad("the request line must start with a method (a token) and one space");
        }
        int sp2 = indexOf(in, ' ', sp1 + 1, to);
        if (sp2 < 0) {
            throw bad("the request line must be: method SP request-target SP HTTP-version");
        }
        httpVersion(in, sp2 + 1, to);
        // GET, HEAD and "/" allocate nothing: a keep-alive hello exchange allocates nothing at all.
        method = matches(in, from, sp1, "GET") ? "GET" : matches(in, from, sp1, "HEAD") ? "HEAD" : ascii(in, from, sp1);
        requestTarget(in, sp1 + 1, sp2);
    }

    /**
     * RFC 9112 section 2.3: HTTP-version = "HTTP/" DIGIT "." DIGIT, case-sensitive. Any 1.x
     * from 1.1 on is answered as 1.1 (RFC 9110 section 6.2); another major version gets 505.
     */
    private void httpVersion(ByteBuffer in, int from, int to) throws HttpParseException {
        if (to - from != 8 || !matches(in, from, from + 5, "HTTP/") || !HttpSyntax.isDigit(in.get(from + 5))
                || in.get(from + 6) != '.' || !HttpSyntax.isDigit(in.get(from + 7))) {
            throw bad("the HTTP-version must be HTTP/DIGIT.DIGIT");
        }
        if (in.get(from + 5) != '1') {
            throw new HttpParseException(505, "only HTTP/1.x is supported");
        }
        http10 = in.get(from + 7) == '0';
    }

    /**
     * RFC 9112 section 3.2: origin-form ("/path?query"), absolute-form ("http://host/path"),
     * authority-form ("host:port", CONNECT only) or asterisk-form ("*", OPTIONS only), made of
     * URI characters (RFC 3986 section 2; a fragment is never sent).
     */
    private void requestTarget(ByteBuffer in, int from, int to) throws HttpParseException {
        if (from == to) {
            throw bad("empty request-target");
        }
        byte first = in.get(from);
        if (to - from == 1 && first == '*') {
            if (!method.equals("OPTIONS")) {
                throw bad("the asterisk-form request-target is only for OPTIONS");
            }
        } else if (method.equals("CONNECT")) {
            if (!isAuthority(in, from, to, true)) {
                throw bad("CONNECT needs an authority-form request-target (host:port)");
            }
        } else if (first != '/' && schemeEnd(in, from, to) < 0) {
            throw bad("the request-target must be a path or an absolute URI");
        } else if (!isUriText(in, from, to)) {
            throw bad("invalid character or percent-encoding in the request-target");
        }
        target = to - from == 1 && first == '/' ? "/" : ascii(in, from, to);
    }

    /** The index of the ':' ending an absolute URI's scheme (RFC 3986 section 3.1), or -1. */
    private static int schemeEnd(ByteBuffer in, int from, int to) {
        if (!isAlpha(in.get(from))) {
            return -1;
        }
        for (int i = from + 1; i < to; i++) {
            byte b = in.get(i);
            if (b == ':') {
                return i;
            }
            if (!isAlpha(b) && !HttpSyntax.isDigit(b) && b != '+' && b != '-' && b != '.') {
                return -1;
            }
        }
        return -1;
    }

    private static boolean isAlpha(byte b) {
        return (b | 0x20) >= 'a' && (b | 0x20) <= 'z';
    }

    /** Request-target characters, each '%' followed by two hex digits. */
    private static boolean isUriText(ByteBuffer in, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = in.get(i);
            if (b == '%') {
                if (!isPercentEncoded(in, i, to)) {
                    return false;
                }
                i += 2;
            } else if (!HttpSyntax.isTargetChar(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPercentEncoded(ByteBuffer in, int percent, int to) {
        return percent + 2 < to && HttpSyntax.isHexDigit(in.get(percent + 1)) && HttpSyntax.isHexDigit(in.get(percent + 2));
    }

    /**
     * RFC 9110 section 7.2 and RFC 3986 section 3.2.2: uri-host [ ":" port ], where uri-host is
     * an IP literal in brackets, or a reg-name (which covers IPv4 addresses), possibly empty.
     */
    private static boolean isAuthority(ByteBuffer in, int from, int to, boolean portRequired) {
        int i = from;
        if (i < to && in.get(i) == '[') {
            int close = indexOf(in, ']', i + 1, to);
            if (close < 0 || close == i + 1) {
                return false;
            }
            for (int j = i + 1; j < close; j++) { // IPv6address / IPvFuture characters
                if (!HttpSyntax.isRegNameChar(in.get(j)) && in.get(j) != ':') {
                    return false;
                }
            }
            i = close + 1;
        } else {
            while (i < to && in.get(i) != ':') {
                byte b = in.get(i);
                if (b == '%' && isPercentEncoded(in, i, to)) {
                    i += 3;
                } else if (HttpSyntax.isRegNameChar(b)) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        if (i == to) {
            return !portRequired;
        }
        if (in.get(i) != ':') {
            return false;
        }
        for (i++; i < to; i++) { // port = *DIGIT
            if (!HttpSyntax.isDigit(in.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * RFC 9112 section 5: field-line = field-name ":" OWS field-value OWS, where field-name is a
     * token and the value holds VCHAR, obs-text, SP and HTAB only (RFC 9110 section 5.5).
     */
    private void fieldLine(ByteBuffer in, int from, int to) throws HttpParseException {
        int colon = from;
        while (colon < to && HttpSyntax.isTchar(in.get(colon))) {
            colon++;
        }
        if (colon == from || colon == to || in.get(colon) != ':') {
            throw fieldLineError(in, from, colon, to);
        }
        int valueStart = skipOws(in, colon + 1, to);
        int valueEnd = trimOws(in, valueStart, to);
        if (colon - from == 4 && nameIs(in, from, "host")) {
            host(in, valueStart, valueEnd); // stricter than the check below: one pass is enough
            return;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            byte b = in.get(i);
            if (!HttpSyntax.isFieldVchar(b) && !HttpSyntax.isWhitespace(b)) {
                throw bad("a control character (CR, LF, NUL...) in a field value");
            }
        }
        switch (colon - from) { // by length first: most fields are none of these
            case 6 -> {
                if (nameIs(in, from, "expect")) {
                    expectContinue |= listHas(in, valueStart, valueEnd, "100-continue");
                }
            }
            case 10 -> {
                if (nameIs(in, from, "connection")) { // RFC 9110 section 7.6.1: a list of options
                    connectionClose |= listHas(in, valueStart, valueEnd, "close");
                    connectionKeepAlive |= listHas(in, valueStart, valueEnd, "keep-alive");
                }
            }
            case 14 -> {
                if (nameIs(in, from, "content-length")) {
                    contentLength(in, valueStart, valueEnd);
                }
            }
            case 17 -> {
                if (nameIs(in, from, "transfer-encoding")) {
                    transferEncoding(in, valueStart, valueEnd);
                }
            }
            default -> { }
        }
    }

    private static HttpParseException fieldLineError(ByteBuffer in, int from, int nameEnd, int to) {
        if (HttpSyntax.isWhitespace(in.get(from))) {
            return bad("a line starting with whitespace (obsolete line folding, RFC 9112 section 5.2)");
        }
        if (nameEnd < to && HttpSyntax.isWhitespace(in.get(nameEnd))) {
            return bad("whitespace between a field name and its colon (RFC 9112 section 5.1)");
        }
        if (nameEnd == to) {
            return bad("a field line without a colon");
        }
        return bad(nameEnd == from && in.get(from) == ':' ? "an empty field name" : "a field name that is not a token");
    }

    /** RFC 9112 section 3.2: exactly one Host, with a valid value. */
    private void host(ByteBuffer in, int from, int to) throws HttpParseException {
        if (++hostLines > 1) {
            throw bad("more than one Host field (RFC 9112 section 3.2)");
        }
        if (!isAuthority(in, from, to, false)) {
            throw bad("an invalid Host value (RFC 9112 section 3.2)");
        }
    }

    /**
     * RFC 9110 section 8.6: Content-Length = 1*DIGIT. Several fields, or a list, are accepted
     * only when every value is the same; different values are an attempt at smuggling.
     */
    private void contentLength(ByteBuffer in, int from, int to) throws HttpParseException {
        for (int element = from; element <= to; ) {
            int comma = elementEnd(in, element, to);
            int start = skipOws(in, element, comma);
            long value = decimal(in, start, trimOws(in, start, comma));
            if (contentLength >= 0 && contentLength != value) {
                throw bad("Content-Length values differ (RFC 9112 section 6.3)");
            }
            contentLength = value;
            element = comma + 1;
        }
    }

    private static long decimal(ByteBuffer in, int from, int to) throws HttpParseException {
        if (from == to) {
            throw bad("an empty Content-Length");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            byte b = in.get(i);
            if (!HttpSyntax.isDigit(b)) {
                throw bad("a Content-Length that is not a decimal number");
            }
            if (n > (Long.MAX_VALUE - (b - '0')) / 10) {
                throw bad("a Content-Length too large");
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    /**
     * RFC 9112 section 6.1: a list of transfer codings, over one or more fields. Checked at the
     * end of the head ({@link #endOfHead}), when all of them are known.
     */
    private void transferEncoding(ByteBuffer in, int from, int to) {
        transferEncoding = true;
        for (int element = from; element <= to; ) {
            int comma = elementEnd(in, element, to);
            int start = skipOws(in, element, comma);
            int end = trimOws(in, start, comma);
            if (start < end) { // empty list elements are ignored (RFC 9110 section 5.6.1)
                boolean chunked = end - start == 7 && nameIs(in, start, "chunked");
                chunkedCodings += chunked ? 1 : 0;
                otherCoding |= !chunked;
                chunkedLast = chunked;
            }
            element = comma + 1;
        }
    }

    /** RFC 9112 sections 3.2 and 6.3: the head is complete; is it whole and its body's length certain? */
    private void endOfHead() throws HttpParseException {
        if (hostLines == 0 && !http10) {
            throw bad("an HTTP/1.1 request without Host (RFC 9112 section 3.2)");
        }
        if (transferEncoding) {
            if (http10) {
                throw bad("Transfer-Encoding in an HTTP/1.0 request (RFC 9112 section 6.1)");
            }
            if (contentLength >= 0) {
                throw bad("both Transfer-Encoding and Content-Length (RFC 9112 section 6.3)");
            }
            if (!chunkedLast || chunkedCodings > 1) {
                throw bad("chunked must be the last transfer coding, and only once (RFC 9112 sections 6.1, 6.3)");
            }
            if (otherCoding) {
                throw new HttpParseException(501, "no transfer coding other than chunked is supported (RFC 9112 section 6.1)");
            }
            chunked = true;
        }
        contentLength = Math.max(contentLength, 0);
        keepAlive = http10 ? connectionKeepAlive && !connectionClose : !connectionClose;
        // RFC 9110 section 10.1.1: an HTTP/1.0 client's 100-continue is ignored.
        expectContinue &= !http10 && hasBody();
    }

    /** Whether the comma-separated list in {@code [from, to)} has the element {@code lowerToken} (any case). */
    private static boolean listHas(ByteBuffer in, int from, int to, String lowerToken) {
        for (int element = from; element <= to; ) {
            int comma = elementEnd(in, element, to);
            int start = skipOws(in, element, comma);
            int end = trimOws(in, start, comma);
            if (end - start == lowerToken.length() && nameIs(in, start, lowerToken)) {
                return true;
            }
            element = comma + 1;
        }
        return false;
    }

    /** The index of the ',' ending the list element starting at {@code from}, or {@code to}. */
    private static int elementEnd(ByteBuffer in, int from, int to) {
        int comma = indexOf(in, ',', from, to);
        return comma < 0 ? to : comma;
    }

    private static int skipOws(ByteBuffer in, int from, int to) {
        while (from < to && HttpSyntax.isWhitespace(in.get(from))) {
            from++;
        }
        return from;
    }

    private static int trimOws(ByteBuffer in, int from, int to) {
        while (to > from && HttpSyntax.isWhitespace(in.get(to - 1))) {
            to--;
        }
        return to;
    }

    /** The end of the line whose LF is at {@code lf}: one CR before it is not part of the line. */
    private static int withoutCr(ByteBuffer in, int from, int lf) {
        return lf > from && in.get(lf - 1) == '\r' ? lf - 1 : lf;
    }

    private static int indexOf(ByteBuffer in, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (in.get(i) == c) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the bytes at {@code from} are {@code lowerName} in any case (the caller checked the length). */
    private static boolean nameIs(ByteBuffer in, int from, String lowerName) {
        for (int i = 0; i < lowerName.length(); i++) {
            byte b = in.get(from + i);
            char c = lowerName.charAt(i);
            if (b != c && !(c >= 'a' && c <= 'z' && (b | 0x20) == c)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code in[from, to)} is exactly the ASCII text {@code s}. */
    private static boolean matches(ByteBuffer in, int from, int to, String s) {
        if (to - from != s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (in.get(from + i) != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(ByteBuffer in, int from, int to) {
        byte[] b = new byte[to - from];
        in.get(from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static HttpParseException bad(String detail) {
        return new HttpParseException(400, detail);
    }
}
