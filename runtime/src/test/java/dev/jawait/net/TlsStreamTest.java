package dev.jawait.net;

import static dev.jawait.Await.await;
import static dev.jawait.net.TlsTesting.ANY_LOCAL;
import static dev.jawait.net.TlsTesting.random;
import static dev.jawait.net.TlsTesting.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import java.io.EOFException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TlsStream} between a jawait client and a jawait server on 127.0.0.1: data both ways,
 * close_notify and truncation, SNI and ALPN, certificate checks, readiness reads, and that an
 * idle stream holds no buffer.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TlsStreamTest {
    private static TlsTestCerts certs;
    private TlsTesting t;

    @BeforeAll
    static void setUp() {
        IoDriver.current(); // the process-wide fallback driver the blocking awaits use
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

    private static TlsConfig server() {
        return TlsConfig.of(certs.serverContext());
    }

    private static TlsConfig client() {
        return TlsConfig.of(certs.clientContext());
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
    void echoesTwoMebibytesWithReaderAndWriterOnTwoThreads(String protocol) throws Exception {
        byte[] payload = random(2 << 20, 7);
        TlsConfig serverConfig = TlsConfig.builder(certs.serverContext()).protocols(protocol).build();
        try (TlsTesting.Pair p = t.handshake(serverConfig, client(), "localhost")) {
            assertEquals(protocol, p.client().session().getProtocol());
            assertEquals(protocol, p.server().session().getProtocol());
            java.util.concurrent.Future<byte[]> server = t.onThread(() -> {
                MessageDigest received = TlsTesting.sha256();
                ByteBuffer buf = ByteBuffer.allocate(5000); // smaller than a record: decrypted aside
                int n;
                while ((n = await(p.server().read(buf.clear()))) >= 0) {
                    received.update(buf.array(), 0, n);
                    await(p.server().writeAll(buf.flip()));
                }
                await(p.server().shutdownOutput());
                return received.digest();
            });
            java.util.concurrent.Future<Void> writer = t.onThread(() -> {
                TlsTesting.writeInRandomPieces(p.client(), payload, 3);
                return null;
            });
            MessageDigest echoed = TlsTesting.sha256();
            ByteBuffer in = ByteBuffer.allocate(64 * 1024); // larger than a record: decrypted in place
            long total = 0;
            while (total < payload.length) {
                int n = await(p.client().read(in.clear()));
                assertTrue(n > 0, "echo ended early after " + total + " bytes");
                echoed.update(in.array(), 0, n);
                total += n;
            }
            writer.get(30, TimeUnit.SECONDS);
            await(p.client().shutdownOutput()); // close_notify: the server's loop ends
            assertEquals(-1, await(p.client().read(in.clear())), "the server's close_notify");
            assertArrayEquals(sha256(payload), echoed.digest(), "echoed bytes");
            assertArrayEquals(sha256(payload), server.get(30, TimeUnit.SECONDS), "bytes the server received");
            assertEquals(0, p.client().heldBufferBytes(), "nothing held once all is read and sent");
            assertEquals(0, p.server().heldBufferBytes());
        }
    }

    @Test
    void bothSidesSeeTheAlpnChoiceAndTheServerSeesTheRequestedName() throws Exception {
        TlsConfig serverConfig = TlsConfig.builder(certs.serverContext())
                .applicationProtocols("h2", "http/1.1").build();
        TlsConfig clientConfig = TlsConfig.builder(certs.clientContext())
                .applicationProtocols("spdy/3", "http/1.1").build();
        try (TlsTesting.Pair p = t.handshake(serverConfig, clientConfig, "localhost")) {
            assertEquals(Optional.of("http/1.1"), p.client().applicationProtocol());
            assertEquals(Optional.of("http/1.1"), p.server().applicationProtocol());
            assertEquals(Optional.of("localhost"), p.server().serverName());
            assertEquals(Optional.of("localhost"), p.client().serverName());
        }
    }

    @Test
    void anIpAddressIsCheckedAgainstTheCertificateButNotSentAsSni() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "127.0.0.1")) {
            assertEquals(Optional.empty(), p.server().serverName());
            assertEquals(Optional.empty(), p.server().applicationProtocol(), "no ALPN offered");
            assertEquals(Optional.empty(), p.client().applicationProtocol());
        }
    }

    @Test
    void noCommonAlpnProtocolFailsBothHandshakes() throws Exception {
        TlsConfig serverConfig = TlsConfig.builder(certs.serverContext()).applicationProtocols("h2").build();
        TlsConfig clientConfig = TlsConfig.builder(certs.clientContext()).applicationProtocols("http/1.1").build();
        assertBothHandshakesFail(serverConfig, clientConfig, "localhost", "no_application_protocol");
    }

    @Test
    void aClientRefusesAnUnknownCertificate() throws Exception {
        TlsConfig strangerServer = TlsConfig.of(TlsTestCerts.stranger().serverContext());
        assertBothHandshakesFail(strangerServer, client(), "localhost", "PKIX");
    }

    @Test
    void aClientRefusesACertificateForAnotherName() throws Exception {
        SSLException e = assertBothHandshakesFail(server(), client(), "example.com", null);
        assertTrue(e.getMessage().contains("example.com"), e.getMessage());
    }

    /** Runs both handshakes, expects both to fail; returns the client's failure. */
    private SSLException assertBothHandshakesFail(TlsConfig serverConfig, TlsConfig clientConfig, String name,
            String clientMessagePart) throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            java.util.concurrent.Future<TlsStream> server =
                    t.onThread(() -> await(TlsStream.server(await(listener.accept()), serverConfig)));
            TcpStream tcp = await(TcpStream.connect(listener.localAddress()));
            SSLException clientFailure = assertThrows(SSLException.class,
                    () -> await(TlsStream.client(tcp, clientConfig, name)));
            if (clientMessagePart != null) {
                assertTrue(String.valueOf(clientFailure.getMessage()).contains(clientMessagePart),
                        clientFailure.toString());
            }
            assertFalse(tcp.isOpen(), "a failed handshake closes its socket");
            ExecutionException serverFailure = assertThrows(ExecutionException.class,
                    () -> server.get(30, TimeUnit.SECONDS));
            assertTrue(serverFailure.getCause() instanceof SSLException, serverFailure.getCause().toString());
            return clientFailure;
        }
    }

    @Test
    void aPeerClosingWithoutCloseNotifyIsReportedAsTruncationNotAsTheEnd() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            java.util.concurrent.Future<TlsStream> accepted =
                    t.onThread(() -> await(TlsStream.server(await(listener.accept()), server())));
            TcpStream clientTcp = await(TcpStream.connect(listener.localAddress()));
            TlsStream client = await(TlsStream.client(clientTcp, client(), "localhost"));
            try (TlsStream server = accepted.get(30, TimeUnit.SECONDS)) {
                await(client.writeAll(ByteBuffer.wrap("last words".getBytes(StandardCharsets.US_ASCII))));
                clientTcp.close(); // the TCP connection ends, no close_notify
                ByteBuffer buf = ByteBuffer.allocate(100);
                await(server.readExact(buf.limit(10)));
                assertEquals("last words", new String(buf.array(), 0, 10, StandardCharsets.US_ASCII));
                SSLException truncated = assertThrows(SSLException.class, () -> await(server.read(buf.clear())));
                assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
                SSLException again = assertThrows(SSLException.class, () -> server.tryRead(buf.clear()));
                assertTrue(again.getMessage().contains("truncated"), "the failure sticks: " + again);
            } finally {
                client.close();
            }
        }
    }

    @Test
    void aClientReportsAServerThatClosesWithoutCloseNotify() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            java.util.concurrent.Future<Void> server = t.onThread(() -> {
                TcpStream tcp = await(listener.accept());
                TlsStream tls = await(TlsStream.server(tcp, server()));
                await(tls.writeAll(ByteBuffer.wrap(new byte[40_000])));
                tcp.close(); // mid-response, no close_notify
                tls.close();
                return null;
            });
            try (TlsStream client = await(TlsStream.client(await(TcpStream.connect(listener.localAddress())),
                    client(), "localhost"))) {
                server.get(30, TimeUnit.SECONDS);
                ByteBuffer buf = ByteBuffer.allocate(100_000);
                SSLException truncated = assertThrows(SSLException.class, () -> {
                    while (await(client.read(buf)) >= 0) {
                        // all 40,000 bytes, then the truncation
                    }
                });
                assertEquals(40_000, buf.position());
                assertTrue(truncated.getMessage().contains("truncated"), truncated.getMessage());
            }
        }
    }

    @Test
    void closeSendsCloseNotifySoThePeerReadsACleanEnd() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            await(p.server().writeAll(ByteBuffer.wrap("bye".getBytes(StandardCharsets.US_ASCII))));
            p.server().close();
            assertFalse(p.server().isOpen());
            ByteBuffer buf = ByteBuffer.allocate(10);
            await(p.client().readExact(buf.limit(3)));
            assertEquals(-1, await(p.client().read(buf.clear())));
            assertThrows(EOFException.class, () -> await(p.client().readExact(buf.clear())));
        }
    }

    @Test
    void writingAfterShutdownOutputFailsButReadingGoesOn() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            await(p.client().shutdownOutput());
            await(p.client().shutdownOutput()); // idempotent
            SSLException e = assertThrows(SSLException.class,
                    () -> await(p.client().write(ByteBuffer.wrap(new byte[1]))));
            assertTrue(e.getMessage().contains("close_notify"), e.getMessage());
            ByteBuffer buf = ByteBuffer.allocate(10);
            assertEquals(-1, await(p.server().read(buf)), "the client's close_notify");
            // TLS 1.3 half-close: the server still talks, the client still listens.
            await(p.server().writeAll(ByteBuffer.wrap("still here".getBytes(StandardCharsets.US_ASCII))));
            await(p.server().shutdownOutput());
            await(p.client().readExact(buf));
            assertEquals("still here", new String(buf.array(), StandardCharsets.US_ASCII));
            assertEquals(-1, await(p.client().read(buf.clear())));
        }
    }

    @Test
    void readinessReadsWithASmallBorrowedBufferDeliverEverythingAndLeaveNothingHeld() throws Exception {
        byte[] payload = random(3 * 16384 + 100, 11);
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            assertEquals(0, p.server().heldBufferBytes(), "a fresh idle stream holds no buffer");
            assertTrue(p.server().readable() == p.server().readable(), "one reused readiness future");
            await(p.client().writeAll(ByteBuffer.wrap(payload))); // three full records and a small one
            ByteBuffer borrowed = ByteBuffer.allocate(1000);
            byte[] received = new byte[payload.length];
            int total = 0;
            boolean sawDecryptedRemainder = false;
            while (total < payload.length) {
                await(p.server().readable());
                int n = p.server().tryRead(borrowed.clear());
                assertTrue(n >= 0);
                borrowed.flip().get(received, total, n);
                total += n;
                sawDecryptedRemainder |= p.server().heldBufferBytes() > 0;
            }
            assertTrue(sawDecryptedRemainder, "a 16 KiB record read 1,000 bytes at a time is kept between reads");
            assertArrayEquals(payload, received);
            assertEquals(0, p.server().heldBufferBytes(), "idle again: nothing held");
            assertEquals(0, p.server().tryRead(borrowed.clear()), "nothing more: would block");
        }
    }

    @Test
    void smallRecordsReadIntoBuffersSmallerThanAPacketArriveWholeAndLeaveNothingHeld() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            // Like the hello server's read buffer: direct, room for a small record but not for a packet.
            ByteBuffer roomy = ByteBuffer.allocateDirect(8192);
            for (int i = 0; i < 40; i++) {
                byte[] request = ("GET /" + i + " HTTP/1.1\r\nHost: localhost\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                await(p.client().writeAll(ByteBuffer.wrap(request)));
                // Every other time a buffer with room for the data only, not for its record.
                ByteBuffer dst = i % 2 == 0 ? roomy.clear() : ByteBuffer.allocate(request.length);
                while (dst.position() < request.length) {
                    assertTrue(await(p.server().read(dst)) > 0);
                }
                byte[] received = new byte[request.length];
                dst.flip().get(received);
                assertArrayEquals(request, received);
                assertEquals(0, p.server().heldBufferBytes(), "the record was delivered whole: nothing kept");
            }
            assertEquals(0, p.server().tryRead(roomy.clear()), "nothing more: would block");
        }
    }

    @Test
    void aReadOfAnEmptyOrFullBufferCompletesAtOnce() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            assertEquals(0, await(p.server().read(ByteBuffer.allocate(0))));
            assertEquals(0, await(p.client().write(ByteBuffer.allocate(0))));
            await(p.client().flush());
            byte[] big = random(100_000, 5);
            int n = await(p.client().write(ByteBuffer.wrap(big)));
            assertTrue(n > 0 && n <= 4 * 16384, "one write takes up to four records: " + n);
            ByteBuffer got = ByteBuffer.allocate(n);
            await(p.server().readExact(got));
            assertArrayEquals(Arrays.copyOf(big, n), got.array());
        }
    }

    @Test
    void tryWriteQueuesWhatTheSocketCannotTakeAndWriteAllSendsIt() throws Exception {
        byte[] payload = random(32 << 20, 13); // more than loopback buffers hold while nobody reads
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            ByteBuffer src = ByteBuffer.wrap(payload);
            int taken = 0;
            int n;
            while ((n = p.client().tryWrite(src)) > 0) { // nobody reads: the socket fills up
                taken += n;
            }
            assertTrue(taken > 0 && src.hasRemaining(), "the socket filled before 32 MiB: " + taken);
            assertTrue(p.client().heldBufferBytes() > 0, "records the socket did not take are queued");
            java.util.concurrent.Future<byte[]> reader = t.onThread(() -> {
                ByteBuffer all = ByteBuffer.allocate(payload.length);
                await(p.server().readExact(all));
                return all.array();
            });
            await(p.client().writeAll(src));
            assertArrayEquals(sha256(payload), sha256(reader.get(30, TimeUnit.SECONDS)));
            assertEquals(0, p.client().heldBufferBytes());
        }
    }

    @Test
    void aHandshakeOnAClosedSocketFailsClearly() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream tcp = await(TcpStream.connect(listener.localAddress()));
            TcpStream accepted = await(listener.accept());
            tcp.close();
            java.io.IOException e = assertThrows(java.io.IOException.class,
                    () -> await(TlsStream.client(tcp, client(), "localhost")));
            assertTrue(e.getMessage().contains("socket closed"), e.toString());
            accepted.close();
        }
    }

    @Test
    void toStringNamesTheProtocolAndTheEnds() throws Exception {
        try (TlsTesting.Pair p = t.handshake(server(), client(), "localhost")) {
            assertTrue(p.client().toString().startsWith("TlsStream[TLSv1.3 /127.0.0.1:"), p.client().toString());
            InetSocketAddress serverEnd = p.server().localAddress();
            assertEquals(serverEnd, p.client().remoteAddress());
        }
    }
}
