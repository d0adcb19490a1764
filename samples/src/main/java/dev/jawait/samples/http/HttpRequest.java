package dev.jawait.samples.http;

/**
 * The parts of a parsed request head the hello server needs.
 *
 * <pre>{@code
 * HttpRequest r = HttpRequestParser.next(buffer);
 * if (r != null && r.method().equals("GET")) ...
 * }</pre>
 *
 * @param method    request method, e.g. {@code GET}
 * @param target    request target as sent, e.g. {@code /plaintext}
 * @param http10    whether the request line said {@code HTTP/1.0}
 * @param keepAlive whether the connection stays open after the response (HTTP/1.1 unless
 *                  {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive})
 */
public record HttpRequest(String method, String target, boolean http10, boolean keepAlive) {}
