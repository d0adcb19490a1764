package dev.jawait.samples.tls;

import static dev.jawait.samples.ExternalTools.onPath;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.net.TlsConfig;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TLS samples over real sockets on 127.0.0.1, with a certificate made by keytool: the HTTPS
 * client fetches the HTTPS hello, {@code curl --cacert} does too (apt-get installs curl when it is
 * missing; skipped where it cannot), and the JDK's SSLSocket echoes through the TLS echo server.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsSamplesTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    static Path dir;
    private static TlsKeys keys;

    @BeforeAll
    static void makeCertificate() throws Exception {
        keys = TlsKeys.selfSigned(dir);
    }

    private static TlsConfig helloConfig() throws Exception {
        return TlsConfig.builder(keys.serverContext()).applicationProtocols("http/1.1").build();
    }

    @Test
    void theHttpsClientFetchesTheHelloPage() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HttpsHelloServer server = HttpsHelloServer.start(runtime, ANY_LOCAL, helloConfig())) {
            TlsConfig client = TlsConfig.builder(TlsKeys.trusting(keys.certificatePem()))
                    .applicationProtocols("h2", "http/1.1").build();
            URI url = URI.create("https://localhost:" + server.address().getPort() + "/hello");
            for (int i = 0; i < 3; i++) { // a new connection (and handshake) each time
                HttpsGet.Page page = runtime.blockOn(HttpsGetAsync.get(url, client));
                assertEquals(200, page.status(), page.head());
                assertEquals("Hello, World!", page.body());
                assertEquals("http/1.1", page.alpn(), "the server's ALPN choice");
                assertTrue(page.head().contains("Connection: close"), page.head());
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void theHttpsClientRefusesAServerItDoesNotTrust() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HttpsHelloServer server = HttpsHelloServer.start(runtime, ANY_LOCAL, helloConfig())) {
            TlsConfig defaultTrust = TlsConfig.of(SSLContext.getDefault()); // the JDK's CAs only
            URI url = URI.create("https://localhost:" + server.address().getPort() + "/");
            IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                    () -> runtime.blockOn(HttpsGetAsync.get(url, defaultTrust)));
            assertTrue(e.getMessage().contains("PKIX"), e.toString());
        }
    }

    @Test
    void curlGetsTheHelloOverHttps() throws Exception {
        assumeTrue(curlAvailable(), "curl is not installed and cannot be installed here (needs root apt-get)");
        List<Throwable> failures = TestRuntimes.failureList();
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                HttpsHelloServer server = HttpsHelloServer.start(runtime, ANY_LOCAL, helloConfig())) {
            String url = "https://localhost:" + server.address().getPort() + "/";
            Process curl = new ProcessBuilder("curl", "--silent", "--show-error", "--max-time", "60",
                    "--cacert", keys.certificatePem().toString(), "--http1.1", url, url)
                    .redirectErrorStream(true).start();
            try {
                String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(curl.waitFor(90, TimeUnit.SECONDS), output);
                assertEquals(0, curl.exitValue(), output);
                assertEquals("Hello, World!Hello, World!", output, "two requests on one kept-alive connection");
            } finally {
                curl.destroy(); // our own child only
            }
        }
        assertEquals(List.of(), failures);
    }

    private static boolean curlAvailable() throws Exception {
        if (onPath("curl")) {
            return true;
        }
        if (!onPath("apt-get") || !"root".equals(System.getProperty("user.name"))) {
            return false;
        }
        for (String[] command : new String[][] {{"apt-get", "update", "-qq"}, {"apt-get", "install", "-y", "-qq", "curl"}}) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
            Process p = pb.start();
            if (!p.waitFor(5, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                return false;
            }
        }
        return onPath("curl");
    }

    @Test
    void theJdksSslSocketEchoesThroughTheTlsEchoServer() throws Exception {
        List<Throwable> failures = TestRuntimes.failureList();
        byte[] payload = new byte[200_000];
        new Random(3).nextBytes(payload);
        try (AsyncRuntime runtime = TestRuntimes.twoWorkers(failures);
                TlsEchoServer server = TlsEchoServer.start(runtime, ANY_LOCAL, TlsConfig.of(keys.serverContext()));
                SSLSocket client = (SSLSocket) TlsKeys.trusting(keys.certificatePem()).getSocketFactory()
                        .createSocket("localhost", server.address().getPort())) {
            client.setSoTimeout(30_000);
            Thread writer = new Thread(() -> {
                try {
                    client.getOutputStream().write(payload);
                    client.getOutputStream().flush();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            writer.start();
            byte[] echoed = new byte[payload.length];
            new DataInputStream(client.getInputStream()).readFully(echoed);
            writer.join(30_000);
            assertArrayEquals(payload, echoed);
        }
        assertEquals(List.of(), failures);
    }
}
