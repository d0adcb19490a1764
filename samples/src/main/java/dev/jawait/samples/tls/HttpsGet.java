package dev.jawait.samples.tls;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Task;
import dev.jawait.net.TcpStream;
import dev.jawait.net.TlsConfig;
import dev.jawait.net.TlsStream;
import dev.jawait.runtime.AsyncRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import javax.net.ssl.SSLContext;

/**
 * Fetches a page over HTTPS — the client side of {@link TlsStream}: resolve the name (on the
 * blocking pool: resolution blocks), connect, shake hands (the server's certificate must be valid
 * for the host name, which also goes out as SNI; ALPN offers {@code http/1.1}), send one
 * {@code GET} with {@code Connection: close}, read until the server's close_notify.
 *
 * <pre>{@code
 * scripts/run-sample.sh https-get https://localhost:8443/ --cacert /tmp/.../localhost.p12.pem
 * HttpsGet.Page page = runtime.blockOn(HttpsGetAsync.get(URI.create("https://localhost:8443/"), config));
 * }</pre>
 */
public final class HttpsGet {
    private HttpsGet() {}

    /** A response: its status line, head and body (decoded as UTF-8). */
    public record Page(String statusLine, String head, String body, String alpn) {
        /** The status code, e.g. 200. */
        public int status() {
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    /** GETs {@code url} (https only); {@code config} holds the trust (and ALPN, if any). */
    @Async
    public static Page get(URI url, TlsConfig config) throws IOException {
        if (!"https".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not an https URL: " + url);
        }
        String host = url.getHost();
        int port = url.getPort() < 0 ? 443 : url.getPort();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        InetAddress address;
        try {
            address = await(Task.spawnBlocking(() -> InetAddress.getByName(host)));
        } catch (Exception e) {
            throw new IOException("cannot resolve " + host, e);
        }
        TcpStream tcp = await(TcpStream.connect(new InetSocketAddress(address, port)));
        TlsStream tls = await(TlsStream.client(tcp, config, host));
        try {
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + host + (url.getPort() < 0 ? "" : ":" + port)
                    + "\r\nUser-Agent: jawait-https-get\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            await(tls.writeAll(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII))));
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
            while (await(tls.read(buf.clear())) >= 0) { // -1 after close_notify; truncation throws
                response.write(buf.array(), 0, buf.position());
            }
            return parse(response.toString(StandardCharsets.UTF_8), tls.applicationProtocol().orElse(""));
        } finally {
            tls.close();
        }
    }

    private static Page parse(String response, String alpn) throws IOException {
        int headEnd = response.indexOf("\r\n\r\n");
        if (!response.startsWith("HTTP/") || headEnd < 0) {
            throw new IOException("not an HTTP response: " + response.substring(0, Math.min(80, response.length())));
        }
        String head = response.substring(0, headEnd);
        int lineEnd = head.indexOf("\r\n");
        return new Page(lineEnd < 0 ? head : head.substring(0, lineEnd), head, response.substring(headEnd + 4), alpn);
    }

    /** {@code <https-url> [--cacert PEM]} (default trust: the JDK's CA certificates); prints the page. */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: HttpsGet https://host[:port]/path [--cacert cert.pem]");
            System.exit(2);
        }
        SSLContext trust = args.length >= 3 && args[1].equals("--cacert")
                ? TlsKeys.trusting(Path.of(args[2])) : SSLContext.getDefault();
        TlsConfig config = TlsConfig.builder(trust).applicationProtocols("http/1.1").build();
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread()) {
            Page page = runtime.blockOn(HttpsGetAsync.get(URI.create(args[0]), config));
            System.out.println(page.head());
            System.out.println();
            System.out.println(page.body());
        }
    }
}
