package dev.jawait.net;

import static dev.jawait.Await.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Peers that misbehave — garbage instead of a ClientHello, a handshake abandoned halfway, a
 * connection cut without close_notify, a renegotiation — each fail their own connection with a
 * clear error, while a well-behaved client on the same server is served as usual.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TlsBadPeerTest {
    private static TlsTestCerts certs;

    @BeforeAll
    static void setUp() {
        IoDriver.current();
        Fds.warmUp();
        certs = TlsTestCerts.localhost();
    }

    @Test
    void eachBadPeerFailsOnlyItsOwnConnection() throws Exception {
        byte[] payload = TlsTesting.random(300_000, 1);
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL)) {
            List<JoinHandle<byte[]>> sides = Collections.synchronizedList(new ArrayList<>());
            JoinHandle<Integer> server = runtime.spawn(new TlsEchoFutures.Server(listener,
                    TlsConfig.of(certs.serverContext()), 4, Duration.ofSeconds(2), sides::add));

            // 1. Stops halfway through its ClientHello (the server's 2 s handshake timeout ends it).
            Socket stalled = connect(listener, sides, 1);
            byte[] hello = clientHello();
            stalled.getOutputStream().write(hello, 0, hello.length / 2);
            // 2. Speaks HTTP to a TLS port.
            Socket garbage = connect(listener, sides, 2);
            garbage.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // 3. Completes the handshake, has some data echoed, then cuts the TCP connection.
            Socket plain = connect(listener, sides, 3);
            SSLSocket cutting = (SSLSocket) certs.clientContext().getSocketFactory()
                    .createSocket(plain, "localhost", plain.getPort(), false);
            cutting.startHandshake();
            byte[] words = "half a conversation".getBytes(StandardCharsets.US_ASCII);
            cutting.getOutputStream().write(words);
            cutting.getOutputStream().flush();
            byte[] echo = new byte[words.length];
            new java.io.DataInputStream(cutting.getInputStream()).readFully(echo); // the server is reading again
            assertArrayEquals(words, echo);
            plain.close(); // the TCP connection ends: no close_notify
            // 4. A good client, served while the others misbehave.
            byte[] echoed = runtime.blockOn(new TlsEchoFutures.Client(listener.localAddress(),
                    TlsConfig.of(certs.clientContext()), payload, 9));
            assertArrayEquals(TlsTesting.sha256(payload), echoed);
            assertEquals(4, runtime.blockOn(server));

            assertThrows(TimeoutException.class, () -> runtime.blockOn(sides.get(0)), "stalled handshake");
            assertEquals(-1, readToEnd(stalled), "the server closed the stalled connection");
            SSLException notTls = assertThrows(SSLException.class, () -> runtime.blockOn(sides.get(1)));
            assertTrue(notTls.getMessage().contains("plaintext") || notTls.getMessage().contains("Unsupported"),
                    notTls.getMessage());
            assertEquals(-1, readToEnd(garbage), "the server closed the garbage connection");
            // The cut connection fails on the server's side: as a truncation when its read sees the
            // end first, or with the write error when echoing into the cut socket comes first
            // (EPIPE). TlsTest checks the truncation report itself.
            IOException cut = assertThrows(IOException.class, () -> runtime.blockOn(sides.get(2)));
            assertTrue(!(cut instanceof SSLException) || cut.getMessage().contains("truncated"), cut.toString());
            assertArrayEquals(TlsTesting.sha256(payload), runtime.blockOn(sides.get(3)), "what the good server side got");
            stalled.close();
            garbage.close();
            cutting.close();
        }
    }

    /** Connects a plain socket and waits (bounded) until the server has accepted it. */
    private static Socket connect(TcpListener listener, List<?> accepted, int expected) throws Exception {
        Socket s = new Socket();
        s.connect(listener.localAddress(), 5000);
        s.setSoTimeout(20_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (accepted.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(expected, accepted.size(), "accepted connections");
        return s;
    }

    /** Reads until end of stream (discarding an alert record the server may send first). */
    private static int readToEnd(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        int n;
        try {
            while ((n = in.read(buf)) > 0) {
                // an alert
            }
        } catch (java.net.SocketException reset) {
            return -1; // closed with unread data: a reset is the end too
        }
        return n;
    }

    /** A real TLS ClientHello, as the JDK's client engine makes it. */
    private static byte[] clientHello() throws Exception {
        SSLEngine engine = certs.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
        assertTrue(r.bytesProduced() > 100, "a ClientHello: " + r);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    void aServerRefusesAClientsRenegotiation() throws Exception {
        try (TlsTesting t = new TlsTesting(); TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL)) {
            java.util.concurrent.Future<SSLException> server = t.onThread(() -> {
                try (TlsStream tls = await(TlsStream.server(await(listener.accept()), certs.serverContext()))) {
                    ByteBuffer buf = ByteBuffer.allocate(100);
                    await(tls.readExact(buf.limit(1)));
                    return assertThrows(SSLException.class, () -> await(tls.read(buf.clear())));
                }
            });
            try (SSLSocket client = (SSLSocket) certs.clientContext().getSocketFactory()
                    .createSocket("127.0.0.1", listener.localAddress().getPort())) {
                client.setSoTimeout(20_000);
                client.setEnabledProtocols(new String[] {"TLSv1.2"});
                client.startHandshake();
                client.getOutputStream().write('a');
                client.getOutputStream().flush();
                // A second handshake on the same connection: TLS 1.2 renegotiation.
                assertThrows(IOException.class, () -> {
                    client.startHandshake();
                    if (client.getInputStream().read() < 0) {
                        throw new IOException("closed");
                    }
                });
            }
            SSLException refused = server.get(30, TimeUnit.SECONDS);
            assertTrue(refused.getMessage().contains("renegotiation refused"), refused.getMessage());
        }
    }

    @Test
    void aClientRefusesAServersRenegotiation() throws Exception {
        try (TlsTesting t = new TlsTesting();
                SSLServerSocket listener = (SSLServerSocket) certs.serverContext().getServerSocketFactory()
                        .createServerSocket(0, 10, java.net.InetAddress.getByName("127.0.0.1"))) {
            listener.setEnabledProtocols(new String[] {"TLSv1.2"});
            java.util.concurrent.Future<Void> server = t.onThread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(20_000);
                    s.getOutputStream().write('a');
                    s.getOutputStream().flush();
                    s.startHandshake(); // HelloRequest: asks the client for a new handshake
                    s.getOutputStream().write('b'); // never the client's: it refuses first
                    s.getInputStream().read();
                } catch (IOException expected) {
                    // the client closed the connection
                }
                return null;
            });
            TcpStream tcp = await(TcpStream.connect(new java.net.InetSocketAddress("127.0.0.1", listener.getLocalPort())));
            try (TlsStream tls = await(TlsStream.client(tcp, certs.clientContext(), "localhost"))) {
                ByteBuffer buf = ByteBuffer.allocate(100);
                await(tls.readExact(buf.limit(1)));
                SSLException refused = assertThrows(SSLException.class, () -> await(tls.read(buf.clear())));
                assertTrue(refused.getMessage().contains("renegotiation refused"), refused.getMessage());
                assertTrue(!tls.isOpen(), "a refused renegotiation closes the connection");
                SSLException later = assertThrows(SSLException.class,
                        () -> await(tls.write(ByteBuffer.wrap(new byte[1]))));
                assertTrue(later.getMessage().contains("renegotiation refused"), later.getMessage());
            }
            server.get(30, TimeUnit.SECONDS);
        }
    }
}
