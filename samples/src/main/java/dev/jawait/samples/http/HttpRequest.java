package dev.jawait.samples.http;

/**
 * The parts of a parsed request head the hello server needs, including how long the body that
 * follows it is (RFC 9112 section 6.3).
 *
 * <pre>{@code
 * HttpRequest r = new HttpRequestParser().next(buffer);
 * if (r != null && r.method().equals("GET")) ...
 * }</pre>
 *
 * @param method         request method, e.g. {@code GET}
 * @param target         request target as sent, e.g. {@code /plaintext}
 * @param http10         whether the request line said {@code HTTP/1.0}
 * @param keepAlive      whether the connection stays open after the response (HTTP/1.1 unless
 *                       {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 * @param contentLength  body length from {@code Content-Length} (0 when absent or chunked)
 * @param chunked        whether the body is sent with the chunked transfer coding
 * @param expectContinue whether an HTTP/1.1 client waits for {@code 100 Continue} before its body
 */
public record HttpRequest(String method, String target, boolean http10, boolean keepAlive,
        long contentLength, boolean chunked, boolean expectContinue) {

    /** Whether a body follows the head. */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }
}
