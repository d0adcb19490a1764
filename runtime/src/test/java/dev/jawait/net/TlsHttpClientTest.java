package dev.jawait.net;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The JDK's {@link HttpClient} fetches a page over HTTPS from a jawait server, choosing HTTP/1.1
 * by ALPN. The client's selector is gone when the test ends (closed on JDK 21+, collected on 17,
 * which has no {@code close()}), so that the next test's descriptor check does not see it go.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TlsHttpClientTest {
    private static final String BODY = "Hello, World!";

    @BeforeAll
    static void setUp() {
        IoDriver.current(); // the process-wide fallback driver: its descriptors stay open for good
        Fds.warmUp();
    }

    @Test
    void httpClientGetsAPageFromAJawaitHttpsServer() throws Exception {
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
            Got got = get(certs, listener.localAddress().getPort());
            awaitSelectorGone(); // the client is unreachable now that get() returned
            assertEquals(200, got.status());
            assertEquals(BODY, got.body());
            assertEquals(HttpClient.Version.HTTP_1_1, got.version());
            assertEquals(Optional.of("TLSv1.3"), got.protocol());
            String seen = server.get(30, TimeUnit.SECONDS);
            assertTrue(seen.startsWith("GET /hello HTTP/1.1\r\n"), seen);
            assertTrue(seen.endsWith("|alpn=http/1.1|sni=localhost"), seen);
        }
    }

    /** What the test checks of a response (not the response: it would keep the client reachable). */
    private record Got(int status, String body, HttpClient.Version version, Optional<String> protocol) {}

    /** One GET with a client of its own, closed (JDK 21+) or left for the collector (17). */
    private static Got get(TlsTestCerts certs, int port) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(certs.clientContext())
                .connectTimeout(Duration.ofSeconds(20)).build();
        HttpResponse<String> response = client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/hello"))
                        .timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (client instanceof AutoCloseable closeable) {
            closeable.close();
        }
        return new Got(response.statusCode(), response.body(), response.version(),
                response.sslSession().map(s -> s.getProtocol()));
    }

    /**
     * Waits (bounded) for the client's selector thread to end — on JDK 17 it does once the client
     * is collected — which closes the selector's descriptors.
     */
    private static void awaitSelectorGone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (selectorThreadAlive() && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(100);
        }
        assertTrue(!selectorThreadAlive(), "the HttpClient's selector thread ended");
    }

    private static boolean selectorThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"));
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
