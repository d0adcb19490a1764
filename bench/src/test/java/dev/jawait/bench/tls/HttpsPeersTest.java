package dev.jawait.bench.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.bench.http.HelloProtocol;
import dev.jawait.bench.http.VirtualThreadHelloServer;
import dev.jawait.bench.support.VirtualThreads;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTPS peers of issue 21 speak TLS 1.3 with the key store made here by {@code keytool} (as
 * {@code https-compare.sh} does), answer a keep-alive request with the sample's exact bytes
 * twice on one connection, and close after {@code Connection: close}.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpsPeersTest {
    @TempDir
    static Path dir;
    private static Path keyStore;

    @BeforeAll
    static void makeKeyStore() throws Exception {
        keyStore = dir.resolve("server.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        p.getInputStream().transferTo(OutputStream.nullOutputStream());
        assertEquals(0, p.waitFor(), "keytool");
        assertTrue(Files.size(keyStore) > 0);
    }

    private static TlsServerArgs args() {
        return TlsServerArgs.parse(new String[] {"--port", "0", "--threads", "1", "--keystore", keyStore.toString(),
                "--storepass", "changeit"});
    }

    @Test
    void nettyAnswersLikeTheSampleOverTls13() throws Exception {
        try (NettyHttpsHelloServer server = NettyHttpsHelloServer.start(args())) {
            assertExchanges(server.port());
        }
    }

    @Test
    void virtualThreadServerAnswersLikeTheSampleOverTls13() throws Exception {
        assumeTrue(VirtualThreads.available(), "virtual threads need JDK 21+");
        try (VirtualThreadHelloServer server = VirtualThreadHttpsHelloServer.start(args())) {
            assertExchanges(server.port());
        }
    }

    private static void assertExchanges(int port) throws Exception {
        try (SSLSocket tls = connect(port)) {
            assertEquals("TLSv1.3", tls.getSession().getProtocol());
            OutputStream out = tls.getOutputStream();
            InputStream in = tls.getInputStream();
            for (int i = 0; i < 2; i++) {
                out.write(HelloProtocol.SAMPLE_REQUEST);
                assertArrayEquals(HelloProtocol.RESPONSE, in.readNBytes(HelloProtocol.RESPONSE.length));
            }
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
            assertArrayEquals(HelloProtocol.RESPONSE, in.readAllBytes(), "the reply, then the server's close");
        }
    }

    private static SSLSocket connect(int port) throws Exception {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        SSLSocket tls = (SSLSocket) TlsBenchKeys.clientContext(keyStore, "changeit").getSocketFactory()
                .createSocket(plain, "localhost", port, true);
        tls.setSoTimeout(20_000);
        tls.startHandshake();
        return tls;
    }
}
