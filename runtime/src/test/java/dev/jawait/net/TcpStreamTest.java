package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.MiniExecutor;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** TCP edge cases on 127.0.0.1: half-close, resets, back-pressure, refused, closed sockets. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TcpStreamTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);
    private MiniExecutor executor;

    @BeforeAll
    static void warmUp() {
        Fds.warmUp();
    }

    @BeforeEach
    void startExecutor() {
        executor = new MiniExecutor();
    }

    @AfterEach
    void closeExecutor() {
        executor.close();
    }

    /** Drives {@code future} to completion; declares the IOException socket futures may throw. */
    private <T> T run(Future<T> future) throws IOException {
        return executor.blockOn(future);
    }

    private TcpStream[] connectedPair(TcpListener listener) throws IOException {
        CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
        TcpStream client = run(TcpStream.connect(listener.localAddress()));
        return new TcpStream[] {client, run(EchoTest.fromCompletable(accepted))};
    }

    private static ByteBuffer ascii(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void halfCloseLetsThePeerReadToEndAndStillAnswer() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream[] pair = connectedPair(listener);
            try (TcpStream client = pair[0]; TcpStream server = pair[1]) {
                assertEquals(client.localAddress(), server.remoteAddress());
                assertEquals(server.localAddress(), client.remoteAddress());
                run(client.writeAll(ascii("hello")));
                client.shutdownOutput();
                ByteBuffer in = ByteBuffer.allocate(64);
                while (run(server.read(in)) >= 0) {
                    assertTrue(in.position() <= 5);
                }
                assertEquals("hello", new String(in.array(), 0, in.position(), StandardCharsets.US_ASCII));
                run(server.writeAll(ascii("bye")));
                server.close();
                ByteBuffer reply = ByteBuffer.allocate(3);
                run(client.readExact(reply));
                assertEquals("bye", new String(reply.array(), StandardCharsets.US_ASCII));
                assertEquals(-1, run(client.read(ByteBuffer.allocate(8))));
            }
        }
    }

    @Test
    void readExactFailsWithEofExceptionWhenTheStreamEndsEarly() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream[] pair = connectedPair(listener);
            try (TcpStream client = pair[0]; TcpStream server = pair[1]) {
                run(server.writeAll(ascii("abc")));
                server.close();
                ByteBuffer buf = ByteBuffer.allocate(10);
                assertThrows(EOFException.class, () -> run(client.readExact(buf)));
                assertEquals(3, buf.position(), "what arrived stays in the buffer");
            }
        }
    }

    @Test
    void peerResetMidWriteFailsTheWriteWithIOException() throws Exception {
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(ANY_LOCAL);
            CompletableFuture<Void> resetter = CompletableFuture.runAsync(() -> {
                try (Socket s = peer.accept()) {
                    s.getInputStream().readNBytes(100_000);
                    s.setSoLinger(true, 0); // close with RST
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (TcpStream client = run(TcpStream.connect(peer.getLocalSocketAddress()))) {
                // Far more than the socket buffers take (about 4 MiB got through before the reset).
                // Direct: a heap buffer is copied whole into a temporary direct one at every write
                // call (27 s of the 30 s limit on a loaded machine with 256 MiB).
                ByteBuffer big = ByteBuffer.allocateDirect(64 << 20);
                IOException e = assertThrows(IOException.class, () -> run(client.writeAll(big)));
                assertFalse(e instanceof EOFException);
                assertTrue(big.position() >= 100_000 && big.hasRemaining(), "failed mid-write at " + big.position());
                resetter.get(10, TimeUnit.SECONDS);
                // The kernel reports the reset once; later reads see end of stream (or the error
                // again) — never a hang — and close is still clean.
                try {
                    assertEquals(-1, run(client.read(ByteBuffer.allocate(8))));
                } catch (IOException again) {
                    assertFalse(again instanceof EOFException);
                }
            }
        }
    }

    @Test
    void peerResetWhileReadingFailsTheRead() throws Exception {
        try (ServerSocket peer = new ServerSocket()) {
            peer.bind(ANY_LOCAL);
            CountDownLatch reading = new CountDownLatch(1);
            CompletableFuture<Void> resetter = CompletableFuture.runAsync(() -> {
                try (Socket s = peer.accept()) {
                    // Reset only once the client's read found nothing and waits for the selector.
                    if (!reading.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the client never waited in read");
                    }
                    s.setSoLinger(true, 0);
                } catch (IOException | InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            try (TcpStream client = run(TcpStream.connect(peer.getLocalSocketAddress()))) {
                Future<Integer> read = client.read(ByteBuffer.allocate(8));
                IOException e = assertThrows(IOException.class, () -> run(cx -> {
                    Poll<Integer> p = read.poll(cx);
                    if (p.isPending()) {
                        reading.countDown();
                    }
                    return p;
                }));
                assertTrue(e.getMessage() != null && e.getMessage().toLowerCase().contains("reset"), e.toString());
            }
            resetter.get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void writeAllToASlowReaderWaitsWithoutBufferingMore() throws Exception {
        byte[] data = new byte[16 << 20];
        new SplittableRandom(3).nextBytes(data);
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL);
                Socket slow = new Socket()) {
            slow.setReceiveBufferSize(64 * 1024);
            CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
            slow.connect(listener.localAddress());
            try (TcpStream server = run(EchoTest.fromCompletable(accepted))) {
                server.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
                CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> {
                    CRC32 crc = new CRC32();
                    byte[] chunk = new byte[256 * 1024];
                    try (InputStream in = slow.getInputStream()) {
                        long total = 0;
                        int n;
                        while ((n = in.read(chunk)) >= 0) {
                            crc.update(chunk, 0, n);
                            total += n;
                            if (total % (1 << 20) < n) {
                                Thread.sleep(2); // slow consumer
                            }
                        }
                        return total == data.length ? crc.getValue() : -total;
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                });
                // Direct, like above: a heap source would be copied whole at each of the ~100 writes.
                ByteBuffer src = ByteBuffer.allocateDirect(data.length).put(data).flip();
                Future<Void> write = server.writeAll(src);
                AtomicInteger pendingPolls = new AtomicInteger();
                int[] maxAhead = {0};
                executor.blockOn(cx -> {
                    Poll<Void> p = write.poll(cx);
                    if (p.isPending()) {
                        pendingPolls.incrementAndGet();
                        maxAhead[0] = Math.max(maxAhead[0], src.position());
                    }
                    return p;
                });
                server.close();
                CRC32 expected = new CRC32();
                expected.update(data);
                assertEquals(expected.getValue(), reader.get(20, TimeUnit.SECONDS));
                assertTrue(pendingPolls.get() > 0, "writeAll had to wait for the reader");
                assertTrue(maxAhead[0] < data.length, "nothing is buffered beyond the socket");
            }
        }
    }

    @Test
    void connectingToAClosedPortFailsWithConnectException() throws Exception {
        // A port that stays ours but has no listener: a socket bound and never listening. (A port
        // freed by closing a probe could be taken by another process before the connect.)
        try (SocketChannel holder = SocketChannel.open()) {
            holder.bind(ANY_LOCAL);
            InetSocketAddress closed = (InetSocketAddress) holder.getLocalAddress();
            assertThrows(ConnectException.class, () -> run(TcpStream.connect(closed)));
        }
        assertEquals(0, executor.driver().openRegistrations(), "the failed socket was closed");
    }

    @Test
    void unresolvedAddressesFailWithIOException() {
        IOException e = assertThrows(IOException.class,
                () -> run(TcpStream.connect(InetSocketAddress.createUnresolved("no.such.host.invalid", 80))));
        assertTrue(e.getMessage().contains("unresolved"), e.getMessage());
    }

    @Test
    void acceptAfterTheListenerIsClosedFails() throws Exception {
        TcpListener listener = TcpListener.bind(ANY_LOCAL);
        listener.close();
        listener.close(); // idempotent
        IOException e = assertThrows(IOException.class, () -> run(listener.accept()));
        assertEquals("socket closed", e.getMessage());
    }

    @Test
    void closingTheListenerWakesAPendingAccept() throws Exception {
        TcpListener listener = TcpListener.bind(ANY_LOCAL);
        CompletableFuture<TcpStream> accept = executor.spawn(listener.accept());
        run(dev.jawait.time.Time.sleep(java.time.Duration.ofMillis(20)));
        assertFalse(accept.isDone(), "nobody connected");
        listener.close();
        IOException e = assertThrows(IOException.class, () -> run(EchoTest.fromCompletable(accept)));
        assertEquals("socket closed", e.getMessage());
    }

    @Test
    void closingAStreamWakesAPendingReadWithSocketClosed() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream[] pair = connectedPair(listener);
            try (TcpStream client = pair[0]; TcpStream server = pair[1]) {
                CompletableFuture<Integer> read = executor.spawn(client.read(ByteBuffer.allocate(8)));
                run(dev.jawait.time.Time.sleep(java.time.Duration.ofMillis(20)));
                assertFalse(read.isDone());
                client.close();
                IOException e = assertThrows(IOException.class, () -> run(EchoTest.fromCompletable(read)));
                assertEquals("socket closed", e.getMessage());
                assertThrows(IOException.class, () -> run(client.write(ascii("x"))));
                assertThrows(IOException.class, client::shutdownOutput);
            }
        }
    }

    @Test
    void readyDataIsReadOnTheFastPathWithoutRegistering() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL);
                Socket peer = new Socket()) {
            CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
            peer.connect(listener.localAddress());
            peer.getOutputStream().write(new byte[] {1, 2, 3});
            try (TcpStream server = run(EchoTest.fromCompletable(accepted))) {
                int registrationsBefore = executor.driver().openRegistrations();
                ByteBuffer buf = ByteBuffer.allocate(3);
                long deadline = System.nanoTime() + 20_000_000_000L;
                Poll<Void> p;
                // The bytes may still be in flight right after write(); retry until they land.
                while ((p = server.readExact(buf).poll(Context.of(() -> {}))).isPending()
                        && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                assertTrue(p.isReady());
                assertArrayEquals(new byte[] {1, 2, 3}, buf.array());
                // Writes to an empty socket buffer complete at once and never register either.
                try (IoDriver.Scope scope = executor.driver().enter()) {
                    ByteBuffer out = ascii("pong");
                    assertTrue(server.writeAll(out).poll(Context.of(() -> {})).isReady());
                }
                assertTrue(executor.driver().openRegistrations() <= registrationsBefore + 1);
            }
        }
    }

    @Test
    void aCancelledReadNoLongerWakesItsTask() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream[] pair = connectedPair(listener);
            try (TcpStream client = pair[0]; TcpStream server = pair[1];
                    IoDriver.Scope scope = executor.driver().enter()) {
                AtomicInteger wakes = new AtomicInteger();
                Future<Integer> read = client.read(ByteBuffer.allocate(8));
                assertTrue(read.poll(Context.of(wakes::incrementAndGet)).isPending());
                assertFalse(read.cancel(), "a socket read is a leaf future");
                run(server.writeAll(ascii("data")));
                for (int i = 0; i < 5; i++) {
                    executor.driver().park(10_000_000L);
                }
                assertEquals(0, wakes.get(), "the cancelled read's waker was dropped");
                assertEquals(4, run(client.read(ByteBuffer.allocate(8))), "the data is still there");
            }
        }
    }

    @Test
    void optionsAndAddresses() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            assertTrue(listener.localAddress().getPort() > 0);
            TcpStream[] pair = connectedPair(listener);
            try (TcpStream client = pair[0]; TcpStream server = pair[1]) {
                client.setNoDelay(true);
                assertTrue(client.getOption(StandardSocketOptions.TCP_NODELAY));
                client.setNoDelay(false);
                assertFalse(client.getOption(StandardSocketOptions.TCP_NODELAY));
                assertEquals(listener.localAddress().getPort(), client.remoteAddress().getPort());
                assertTrue(client.isOpen());
                client.close();
                assertFalse(client.isOpen());
                assertTrue(client.toString().contains("closed"));
            }
        }
    }
}
