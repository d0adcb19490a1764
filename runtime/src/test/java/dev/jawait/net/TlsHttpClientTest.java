package dev.jawait.net;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.driver.IoDriver;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JDK's {@link HttpClient} fetches a page over HTTPS from a jawait server, choosing HTTP/1.1
 * by ALPN. (No descriptor check here: a JDK 17 {@code HttpClient} cannot be closed, its selector
 * lives until it is garbage-collected.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TlsHttpClientTest {
    private static final String BODY = "Hello, World!";

    @Test
    void httpClientGetsAPageFromAJawaitHttpsServer() throws Exception {
        IoDriver.current();
        TlsTestCerts certs = TlsTestCerts.localhost();
        TlsConfig config = TlsConfig.builder(certs.serverContext()).applicationProtocols("http/1.1").build();
        try (TlsTesting t = new TlsTesting(); TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL)) {
            java.util.concurrent.Future<String> server = t.onThread(() -> {
                try (TlsStream tls = await(TlsStream.server(await(listener.accept()), config))) {
                    String head = readHead(tls);
                    String response = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: "
                            + BODY.length() + "\r\nConnection: close\r\n\r\n" + BODY;
                    await(tls.writeAll(ByteBuffer.wrap(response.getBytes(StandardCharsets.US_ASCII))));
                    await(tls.shutdownOutput());
                    return head + "|alpn=" + tls.applicationProtocol().orElse("-")
                            + "|sni=" + tls.serverName().orElse("-");
                }
            });
            HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext())
                    .connectTimeout(Duration.ofSeconds(20)).build();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + listener.localAddress().getPort() + "/hello"))
                            .timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode());
            assertEquals(BODY, response.body());
            assertEquals(HttpClient.Version.HTTP_1_1, response.version());
            String seen = server.get(30, TimeUnit.SECONDS);
            assertTrue(seen.startsWith("GET /hello HTTP/1.1\r\n"), seen);
            assertTrue(seen.endsWith("|alpn=http/1.1|sni=localhost"), seen);
            assertEquals(Optional.of("TLSv1.3"), response.sslSession().map(s -> s.getProtocol()));
        }
    }

    /** Reads up to the blank line ending the request head. */
    private static String readHead(TlsStream tls) throws java.io.IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(4096);
        while (!head.toString(StandardCharsets.US_ASCII).contains("\r\n\r\n")) {
            int n = await(tls.read(buf.clear()));
            if (n < 0) {
                throw new SSLException("request ended early: " + head);
            }
            head.write(buf.array(), 0, n);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }
}
