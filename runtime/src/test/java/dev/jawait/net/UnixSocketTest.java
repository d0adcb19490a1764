package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unix domain sockets: TcpStream's surface over a socket file in a temporary directory — echo
 * with plain JDK peers on the other end, half-close, readiness, close waking waiters, and the
 * socket file's life (refused when it exists, deleted on close unless replaced).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class UnixSocketTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void warmUp() {
        Fds.warmUp();
    }

    private static AsyncRuntime runtime() {
        return AsyncRuntime.builder().workerThreads(1).build();
    }

    @Test
    void anAsyncServerEchoesToABlockingJdkClient() throws Exception {
        Path path = dir.resolve("echo.sock");
        byte[] payload = randomBytes(4 << 20, 1);
        try (AsyncRuntime rt = runtime(); UnixListener listener = UnixListener.bind(path)) {
            assertEquals(path, listener.path());
            JoinHandle<Long> server = rt.spawn(new AcceptAndEcho(listener));
            byte[] echoed;
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                Thread writer = new Thread(() -> {
                    try {
                        client.write(ByteBuffer.wrap(payload));
                        client.shutdownOutput();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                writer.start();
                ByteBuffer in = ByteBuffer.allocate(payload.length);
                while (in.hasRemaining() && client.read(in) >= 0) {
                    // until everything came back
                }
                writer.join(30_000);
                assertEquals(-1, client.read(ByteBuffer.allocate(1)), "the server closes after the echo");
                echoed = in.array();
            }
            assertEquals(payload.length, rt.blockOn(server));
            assertArrayEquals(sha256(payload), sha256(echoed));
        }
        assertFalse(Files.exists(path), "close deletes the socket file");
    }

    @Test
    void anAsyncClientTalksToABlockingJdkServer() throws Exception {
        Path path = dir.resolve("server.sock");
        try (AsyncRuntime rt = runtime();
                java.nio.channels.ServerSocketChannel server = java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(path));
            try (UnixStream client = rt.blockOn(UnixStream.connect(path)); SocketChannel accepted = server.accept()) {
                assertEquals(path, client.remoteAddress().getPath());
                assertTrue(client.toString().contains(path.toString()), client.toString());
                rt.blockOn(client.writeAll(ByteBuffer.wrap("hello".getBytes())));
                ByteBuffer got = ByteBuffer.allocate(5);
                while (got.hasRemaining()) {
                    accepted.read(got);
                }
                assertEquals("hello", new String(got.array()));

                accepted.write(ByteBuffer.wrap("world!".getBytes()));
                accepted.shutdownOutput();
                ByteBuffer reply = ByteBuffer.allocate(16);
                Future<Void> readSix = cx -> { // readiness, then tryRead until six bytes came
                    try {
                        while (reply.position() < 6) {
                            if (client.readable().poll(cx).isPending()) {
                                return Poll.pending();
                            }
                            client.tryRead(reply);
                        }
                        return Poll.ready(null);
                    } catch (IOException e) {
                        throw dev.jawait.Failures.sneaky(e);
                    }
                };
                rt.blockOn(readSix);
                assertEquals("world!", new String(reply.array(), 0, 6));
                assertEquals(-1, rt.blockOn(client.read(reply)), "half-closed by the server");
                EOFException eof = assertThrows(EOFException.class, () -> rt.blockOn(client.readExact(ByteBuffer.allocate(1))));
                assertTrue(eof.getMessage().contains("1 bytes still expected"), eof.getMessage());

                client.shutdownOutput();
                assertEquals(-1, accepted.read(ByteBuffer.allocate(1)), "the server reads end of stream");
            }
        }
    }

    @Test
    void closeWakesPendingAcceptAndRead() throws Exception {
        Path path = dir.resolve("close.sock");
        try (AsyncRuntime rt = runtime(); UnixListener listener = UnixListener.bind(path)) {
            JoinHandle<UnixStream> accepting = rt.spawn(listener.accept());
            try (UnixStream client = rt.blockOn(UnixStream.connect(path)); UnixStream accepted = rt.blockOn(accepting)) {
                JoinHandle<Integer> reading = rt.spawn(accepted.read(ByteBuffer.allocate(8)));
                waitUntil(() -> rt.dumpTasks().contains("idle"));
                accepted.close();
                IOException e = assertThrows(IOException.class, () -> rt.blockOn(reading));
                assertEquals("socket closed", e.getMessage());
                assertFalse(accepted.isOpen());
            }
            JoinHandle<UnixStream> nextAccept = rt.spawn(listener.accept());
            waitUntil(() -> rt.dumpTasks().contains("accept on " + path));
            listener.close();
            IOException e = assertThrows(IOException.class, () -> rt.blockOn(nextAccept));
            assertEquals("socket closed", e.getMessage());
        }
    }

    @Test
    void bindRefusesAnExistingFileAndCloseKeepsAReplacedOne() throws Exception {
        Path path = dir.resolve("taken.sock");
        try (UnixListener first = UnixListener.bind(path)) {
            BindException e = assertThrows(BindException.class, () -> UnixListener.bind(path));
            assertTrue(e.getMessage().startsWith(path.toString()) && e.getMessage().contains("stale socket"),
                    e.getMessage());
        }
        assertFalse(Files.exists(path));

        UnixListener old = UnixListener.bind(path);
        Files.delete(path); // an operator removed it and a new server took the path
        try (UnixListener replacement = UnixListener.bind(path)) {
            old.close();
            assertTrue(Files.exists(path), "the old listener must not delete the new server's socket");
        }
        assertFalse(Files.exists(path));
    }

    @Test
    void connectingWhereNobodyListensFails() throws Exception {
        try (AsyncRuntime rt = runtime()) {
            Path missing = dir.resolve("nobody.sock");
            java.net.SocketException noFile = assertThrows(java.net.SocketException.class,
                    () -> rt.blockOn(UnixStream.connect(missing)));
            assertTrue(noFile.getMessage().startsWith(missing + ": "), noFile.getMessage());
            Path plain = Files.createFile(dir.resolve("plain-file"));
            java.net.ConnectException refused = assertThrows(java.net.ConnectException.class,
                    () -> rt.blockOn(UnixStream.connect(plain)));
            assertTrue(refused.getMessage().startsWith(plain + ": "), refused.getMessage());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(5);
        }
    }

    static byte[] randomBytes(int size, long seed) {
        byte[] b = new byte[size];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    static byte[] sha256(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(data);
    }

    /** Accepts one connection and echoes it until end of stream, then closes it; the byte count. */
    private static final class AcceptAndEcho implements Future<Long> {
        private final UnixListener listener;
        private final ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        private Future<UnixStream> accept;
        private UnixStream socket;
        private Future<Integer> read;
        private Future<Void> write;
        private long total;

        AcceptAndEcho(UnixListener listener) {
            this.listener = listener;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            if (socket == null) {
                if (accept == null) {
                    accept = listener.accept();
                }
                Poll<UnixStream> p = accept.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                socket = p.value();
            }
            try {
                while (true) {
                    if (write == null) {
                        if (read == null) {
                            read = socket.read(buf.clear());
                        }
                        Poll<Integer> n = read.poll(cx);
                        if (n.isPending()) {
                            return Poll.pending();
                        }
                        read = null;
                        if (n.value() < 0) {
                            socket.close();
                            return Poll.ready(total);
                        }
                        total += n.value();
                        write = socket.writeAll(buf.flip());
                    }
                    if (write.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    write = null;
                }
            } catch (RuntimeException | Error e) {
                socket.close();
                throw e;
            }
        }

        @Override
        public boolean cancel() {
            if (socket != null) {
                socket.close();
            }
            return false;
        }
    }
}
