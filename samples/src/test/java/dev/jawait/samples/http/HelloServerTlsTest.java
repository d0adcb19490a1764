package dev.jawait.samples.http;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.net.TlsConfig;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import dev.jawait.samples.tls.TlsKeys;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hello server with {@code --tls}'s configuration: the JDK's {@code HttpClient} trusting the
 * test's self-signed certificate gets the hello over HTTPS (keep-alive, a body skipped, the HTTP/2
 * offer declined through ALPN), a client that does not trust it is refused, and {@code curl
 * --cacert} gets it too when curl is installed.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HelloServerTlsTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    static Path dir;
    private static TlsKeys keys;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keys = TlsKeys.selfSigned(dir);
    }

    private static TlsConfig serverTls() throws Exception {
        return TlsConfig.builder(keys.serverContext()).applicationProtocols("http/1.1").build();
    }

    @Test
    void theJdkHttpClientGetsTheHelloOverHttps() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HelloServer server = HelloServer.start(runtime, ANY_LOCAL, serverTls())) {
            HttpClient client = HttpClient.newBuilder().sslContext(TlsKeys.trusting(keys.certificatePem()))
                    .connectTimeout(Duration.ofSeconds(10)).build(); // offers h2 by ALPN
            URI uri = URI.create("https://localhost:" + server.address().getPort() + "/hello");
            int tasksBefore = runtime.liveTaskCount();
            for (int i = 0; i < 20; i++) {
                HttpRequest request = i % 5 == 4
                        ? HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).POST(BodyPublishers.ofString("x".repeat(40_000))).build()
                        : HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET().build();
                HttpResponse<String> r = client.send(request, BodyHandlers.ofString());
                assertEquals(HttpClient.Version.HTTP_1_1, r.version(), "the server chose http/1.1");
                if (i % 5 == 4) {
                    assertEquals(405, r.statusCode());
                } else {
                    assertEquals(200, r.statusCode());
                    assertEquals("Hello, World!", r.body());
                }
            }
            assertEquals(4 * 40_000, server.bodyBytesSkipped(), "bodies decrypted and skipped");
            assertEquals(tasksBefore + 1, runtime.liveTaskCount(), "one kept-alive connection served them all");
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HelloServer server = HelloServer.start(runtime, ANY_LOCAL, serverTls())) {
            HttpClient client = HttpClient.newBuilder().sslContext(SSLContext.getDefault())
                    .connectTimeout(Duration.ofSeconds(10)).build();
            URI uri = URI.create("https://localhost:" + server.address().getPort() + "/");
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).build();
            IOException e = assertThrows(IOException.class, () -> client.send(request, BodyHandlers.ofString()));
            assertTrue(String.valueOf(e.getMessage()).contains("PKIX") || e instanceof javax.net.ssl.SSLException, e.toString());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void curlGetsTheHelloOverHttps() throws Exception {
        assumeTrue(onPath("curl"), "curl is not installed");
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HelloServer server = HelloServer.start(runtime, ANY_LOCAL, serverTls())) {
            Process curl = new ProcessBuilder("curl", "-sS", "--max-time", "30", "--cacert", keys.certificatePem().toString(),
                    "https://localhost:" + server.address().getPort() + "/").redirectErrorStream(true).start();
            try {
                String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(curl.waitFor(60, TimeUnit.SECONDS));
                assertEquals(0, curl.exitValue(), out);
                assertEquals("Hello, World!", out);
            } finally {
                curl.destroyForcibly(); // the one process this test started
            }
        }
        assertEquals(List.of(), failures);
    }
}
