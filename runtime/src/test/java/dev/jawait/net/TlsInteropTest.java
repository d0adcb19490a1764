package dev.jawait.net;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TLS with software nobody here wrote: OpenSSL's {@code s_client} and {@code s_server}
 * (installed with apt-get when missing; skipped where that is impossible) and the JDK's own
 * {@link SSLSocket}, each talking to jawait's {@link TlsStream}, TLS 1.2 and 1.3.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TlsInteropTest {
    private static TlsTestCerts certs;
    private TlsTesting t;
    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        IoDriver.current();
        Fds.warmUp();
        certs = TlsTestCerts.localhost();
    }

    @BeforeEach
    void start() {
        t = new TlsTesting();
    }

    @AfterEach
    void stop() throws InterruptedException {
        t.close();
    }

    private static void assumeOpenssl() {
        assumeTrue(ExternalTools.ensure("openssl", "openssl"),
                "openssl is not installed and cannot be installed here (needs root apt-get)");
    }

    /** What the jawait server saw of one connection. */
    private record Seen(String protocol, Optional<String> serverName, String line, int end) {}

    /**
     * Serves one connection: handshake, echo one line, send close_notify, then read to the
     * client's end (-1 only after its close_notify; truncation throws).
     */
    private java.util.concurrent.Future<Seen> echoOneLine(TcpListener listener, TlsConfig config) {
        return t.onThread(() -> {
            try (TlsStream tls = await(TlsStream.server(await(listener.accept()), config))) {
                ByteArrayOutputStream line = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(1);
                while (await(tls.read(buf.clear())) > 0 && buf.get(0) != '\n') {
                    line.write(buf.get(0));
                }
                String text = line.toString(StandardCharsets.UTF_8);
                await(tls.writeAll(ByteBuffer.wrap(("echo: " + text + "\n").getBytes(StandardCharsets.UTF_8))));
                await(tls.shutdownOutput());
                int end = await(tls.read(buf.clear()));
                return new Seen(tls.session().getProtocol(), tls.serverName(), text, end);
            }
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"-tls1_2", "-tls1_3"})
    void opensslClientCompletesAHandshakeWithAJawaitServerAndGetsTheEcho(String version) throws Exception {
        assumeOpenssl();
        Path ca = certs.writeCertificatePem(dir);
        try (TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL)) {
            java.util.concurrent.Future<Seen> server = echoOneLine(listener, TlsConfig.of(certs.serverContext()));
            try (ProcessLines client = ProcessLines.start("openssl", "s_client", "-connect",
                    "127.0.0.1:" + listener.localAddress().getPort(), "-servername", "localhost",
                    "-CAfile", ca.toString(), "-verify_return_error", "-verify_hostname", "localhost",
                    version, "-quiet")) {
                OutputStream stdin = client.process().getOutputStream();
                stdin.write("hello from openssl\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                client.await(line -> line.equals("echo: hello from openssl"), 60);
                // The server's close_notify ends s_client, which answers with its own.
                assertEquals(0, client.awaitExit(60), client.output());
                Seen seen = server.get(60, TimeUnit.SECONDS);
                assertEquals(version.equals("-tls1_3") ? "TLSv1.3" : "TLSv1.2", seen.protocol());
                assertEquals(Optional.of("localhost"), seen.serverName());
                assertEquals("hello from openssl", seen.line());
                assertEquals(-1, seen.end(), "s_client ended the session with close_notify");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void aJawaitClientTalksToOpensslServerWithAlpn(String protocol) throws Exception {
        assumeOpenssl();
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        try (ProcessLines req = ProcessLines.start("openssl", "req", "-x509", "-newkey", "ec",
                "-pkeyopt", "ec_paramgen_curve:prime256v1", "-keyout", key.toString(), "-out", cert.toString(),
                "-days", "2", "-nodes", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1")) {
            assertEquals(0, req.awaitExit(60), req.output());
        }
        try (ProcessLines server = ProcessLines.start("openssl", "s_server", "-accept", "127.0.0.1:0",
                "-cert", cert.toString(), "-key", key.toString(), "-rev", "-naccept", "1",
                "-alpn", "http/1.1")) {
            String accept = server.await(line -> line.startsWith("ACCEPT"), 60);
            int port = Integer.parseInt(accept.substring(accept.lastIndexOf(':') + 1));
            TlsConfig config = TlsConfig.builder(TlsTestCerts.trustingPem(cert))
                    .protocols(protocol).applicationProtocols("h2", "http/1.1").build();
            TcpStream tcp = await(TcpStream.connect(new InetSocketAddress("127.0.0.1", port)));
            try (TlsStream tls = await(TlsStream.client(tcp, config, "localhost"))) {
                assertEquals(protocol, tls.session().getProtocol());
                assertEquals(Optional.of("http/1.1"), tls.applicationProtocol(), "s_server's ALPN choice");
                await(tls.writeAll(ByteBuffer.wrap("hello there\n".getBytes(StandardCharsets.US_ASCII))));
                ByteArrayOutputStream reply = new ByteArrayOutputStream();
                ByteBuffer buf = ByteBuffer.allocate(1);
                while (!reply.toString(StandardCharsets.US_ASCII).contains("ereht olleh")) {
                    assertEquals(1, await(tls.read(buf.clear())), "reply so far: " + reply);
                    reply.write(buf.get(0));
                }
                await(tls.shutdownOutput());
            }
            server.await(line -> line.contains("CONNECTION CLOSED") || line.contains("DONE"), 60);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void theJdksSslSocketEchoesThroughAJawaitServer(String protocol) throws Exception {
        byte[] payload = TlsTesting.random(300_000, 17);
        try (TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL)) {
            java.util.concurrent.Future<byte[]> server = t.onThread(() -> {
                try (TlsStream tls = await(TlsStream.server(await(listener.accept()), certs.serverContext()))) {
                    java.security.MessageDigest received = TlsTesting.sha256();
                    ByteBuffer buf = ByteBuffer.allocate(32 * 1024);
                    int n;
                    while ((n = await(tls.read(buf.clear()))) >= 0) { // -1: the client's close_notify
                        received.update(buf.array(), 0, n);
                        await(tls.writeAll(buf.flip()));
                    }
                    return received.digest();
                }
            });
            try (SSLSocket client = (SSLSocket) certs.clientContext().getSocketFactory()
                    .createSocket("localhost", listener.localAddress().getPort())) {
                client.setSoTimeout(30_000);
                client.setEnabledProtocols(new String[] {protocol});
                javax.net.ssl.SSLParameters p = client.getSSLParameters();
                p.setEndpointIdentificationAlgorithm("HTTPS");
                client.setSSLParameters(p);
                java.util.concurrent.Future<Void> writer = t.onThread(() -> {
                    client.getOutputStream().write(payload);
                    client.getOutputStream().flush();
                    return null;
                });
                byte[] echoed = new byte[payload.length];
                new DataInputStream(client.getInputStream()).readFully(echoed);
                writer.get(30, TimeUnit.SECONDS);
                assertEquals(protocol, client.getSession().getProtocol());
                assertArrayEquals(payload, echoed);
            }
            assertArrayEquals(TlsTesting.sha256(payload), server.get(30, TimeUnit.SECONDS));
        }
    }
}
