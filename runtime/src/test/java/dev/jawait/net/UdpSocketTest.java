package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.MiniExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** UDP datagrams on 127.0.0.1: receive waits for a datagram, send/receive round trip. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class UdpSocketTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void datagramsRoundTripAndReceiveWaitsForOne() throws Exception {
        Fds.warmUp();
        int fds = Fds.count();
        try (MiniExecutor executor = new MiniExecutor();
                UdpSocket a = UdpSocket.bind(ANY_LOCAL);
                UdpSocket b = UdpSocket.bind(ANY_LOCAL)) {
            ByteBuffer inbox = ByteBuffer.allocate(1500);
            CompletableFuture<SocketAddress> received = executor.spawn(b.receive(inbox));
            executor.blockOn(dev.jawait.time.Time.sleep(java.time.Duration.ofMillis(20)));
            assertFalse(received.isDone(), "nothing sent yet");
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            assertEquals(4, executor.blockOn(a.send(ByteBuffer.wrap(ping), b.localAddress())));
            assertEquals(a.localAddress(), executor.blockOn(EchoTest.fromCompletable(received)));
            assertEquals("ping", new String(inbox.array(), 0, inbox.position(), StandardCharsets.US_ASCII));

            // Connected sockets: send() without an address, receive only from the peer.
            b.connect(a.localAddress());
            assertEquals(4, executor.blockOn(b.send(ByteBuffer.wrap("pong".getBytes(StandardCharsets.US_ASCII)))));
            ByteBuffer reply = ByteBuffer.allocate(16);
            assertEquals(b.localAddress(), executor.blockOn(a.receive(reply)));
            assertEquals("pong", new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII));
        }
        Fds.assertBackTo(fds);
    }

    @Test
    void closingWakesAPendingReceive() throws Exception {
        try (MiniExecutor executor = new MiniExecutor()) {
            UdpSocket socket = UdpSocket.bind(ANY_LOCAL);
            CompletableFuture<SocketAddress> received = executor.spawn(socket.receive(ByteBuffer.allocate(8)));
            executor.blockOn(dev.jawait.time.Time.sleep(java.time.Duration.ofMillis(10)));
            socket.close();
            IOException e = assertThrows(IOException.class,
                    () -> executor.blockOn(EchoTest.fromCompletable(received)));
            assertEquals("socket closed", e.getMessage());
        }
    }
}
