package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.runtime.driver.MiniExecutor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link TcpStream}'s readiness API: readable()/tryRead and writable()/tryWrite on 127.0.0.1. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class TcpReadinessTest {
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

    /** A server-side stream with a plain blocking {@link Socket} as its peer. */
    private record Pair(TcpStream server, Socket peer) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            server.close();
            peer.close();
        }
    }

    private Pair pair(TcpListener listener) throws IOException {
        CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
        Socket peer = new Socket();
        peer.connect(listener.localAddress(), 5000);
        peer.setSoTimeout(10_000);
        return new Pair(executor.blockOn(EchoTest.fromCompletable(accepted)), peer);
    }

    /** Parks in the driver until {@code wakes} reaches {@code atLeast} or 20 s pass. */
    private void parkUntilWoken(AtomicInteger wakes, int atLeast) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (wakes.get() < atLeast && System.nanoTime() < deadline) {
            executor.driver().park(10_000_000L);
        }
    }

    @Test
    void readableWaitsForTheSelectorOnlyAfterAReadCameUpEmpty() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL); Pair p = pair(listener);
                IoDriver.Scope scope = executor.driver().enter()) {
            TcpStream s = p.server();
            AtomicInteger wakes = new AtomicInteger();
            Context cx = Context.of(wakes::incrementAndGet);
            assertSame(s.readable(), s.readable(), "one reused future: awaiting readiness allocates nothing");
            assertTrue(s.readable().poll(cx).isReady(), "nothing disproved readiness yet");
            ByteBuffer buf = ByteBuffer.allocate(16);
            assertEquals(0, s.tryRead(buf), "no data: would block");
            assertTrue(s.readable().poll(cx).isPending(), "now it waits for the selector");
            p.peer().getOutputStream().write(new byte[] {1, 2, 3});
            parkUntilWoken(wakes, 1);
            assertEquals(1, wakes.get(), "woken once by the selector");
            assertTrue(s.readable().poll(cx).isReady());
            assertEquals(3, s.tryRead(buf));
            // A short read means the socket was drained: the next readable() waits without
            // another read system call, and the data still wakes it when it comes.
            assertTrue(s.readable().poll(cx).isPending(), "a short read clears readiness");
            p.peer().getOutputStream().write(new byte[] {4, 5});
            parkUntilWoken(wakes, 2);
            assertTrue(s.readable().poll(cx).isReady());
            assertEquals(2, s.tryRead(buf));
            assertEquals(5, buf.position());
            assertEquals(5, buf.get(4));
        }
    }

    @Test
    void endOfStreamIsReadableAndTryReadReturnsMinusOne() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL); Pair p = pair(listener);
                IoDriver.Scope scope = executor.driver().enter()) {
            TcpStream s = p.server();
            p.peer().getOutputStream().write("last".getBytes());
            p.peer().shutdownOutput();
            ByteBuffer buf = ByteBuffer.allocate(64);
            int total = 0;
            int n;
            while (true) {
                executor.blockOn(s.readable());
                n = s.tryRead(buf);
                if (n < 0) {
                    break;
                }
                total += n;
            }
            assertEquals(4, total);
            executor.blockOn(s.readable()); // end of stream stays readable
            assertEquals(-1, s.tryRead(buf));
            assertEquals(0, s.tryRead(ByteBuffer.allocate(0)), "no room: nothing read, not an error");
        }
    }

    @Test
    void tryWriteFillsTheSendBufferThenWritableWaitsForTheReader() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL); Pair p = pair(listener);
                IoDriver.Scope scope = executor.driver().enter()) {
            TcpStream s = p.server();
            s.setOption(StandardSocketOptions.SO_SNDBUF, 64 * 1024);
            s.setNoDelay(true);
            byte[] data = new byte[16 << 20];
            new SplittableRandom(5).nextBytes(data);
            ByteBuffer src = ByteBuffer.wrap(data);
            AtomicInteger wakes = new AtomicInteger();
            Context counting = Context.of(wakes::incrementAndGet);
            // The kernel keeps moving bytes into the peer's receive buffer (which grows as it
            // autotunes) after a tryWrite said "full", so fill until writable() itself is pending.
            for (int fills = 1; ; fills++) {
                int written;
                do {
                    written = s.tryWrite(src);
                } while (written > 0 && src.hasRemaining());
                assertTrue(src.hasRemaining(), "an unread peer cannot take 16 MiB");
                assertEquals(0, written, "full: would block");
                if (s.writable().poll(counting).isPending()) {
                    break;
                }
                assertTrue(fills < 1000, "the send buffer never stayed full");
            }
            CompletableFuture<Long> reader = CompletableFuture.supplyAsync(() -> checksum(p.peer(), data.length));
            parkUntilWoken(wakes, 1);
            assertEquals(1, wakes.get(), "woken when the reader made room");
            // Finish with the readiness loop: tryWrite until it would block, then writable().
            executor.blockOn(cx -> {
                try {
                    while (src.hasRemaining()) {
                        Poll<Void> ready = s.writable().poll(cx);
                        if (ready.isPending()) {
                            return Poll.pending();
                        }
                        s.tryWrite(src);
                    }
                    return Poll.ready(null);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            CRC32 expected = new CRC32();
            expected.update(data);
            assertEquals(expected.getValue(), reader.get(20, TimeUnit.SECONDS));
        }
    }

    private static long checksum(Socket peer, int length) {
        CRC32 crc = new CRC32();
        byte[] chunk = new byte[64 * 1024];
        try {
            InputStream in = peer.getInputStream();
            int total = 0;
            while (total < length) {
                int n = in.read(chunk);
                if (n < 0) {
                    break;
                }
                crc.update(chunk, 0, n);
                total += n;
            }
            return total == length ? crc.getValue() : -total;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void closingWakesAPendingReadableWhichThenFailsWithSocketClosed() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL); Pair p = pair(listener);
                IoDriver.Scope scope = executor.driver().enter()) {
            TcpStream s = p.server();
            assertEquals(0, s.tryRead(ByteBuffer.allocate(8)));
            AtomicInteger wakes = new AtomicInteger();
            Context cx = Context.of(wakes::incrementAndGet);
            assertTrue(s.readable().poll(cx).isPending());
            s.close();
            assertEquals(1, wakes.get(), "close wakes the waiter");
            IOException e = assertThrows(IOException.class, () -> executor.blockOn(s.readable()));
            assertEquals("socket closed", e.getMessage());
            IOException e2 = assertThrows(IOException.class, () -> s.tryRead(ByteBuffer.allocate(8)));
            assertEquals("socket closed", e2.getMessage());
            assertThrows(IOException.class, () -> s.tryWrite(ByteBuffer.allocate(8)));
        }
    }

    @Test
    void aCancelledReadableNoLongerWakesItsTaskAndTheDataStaysThere() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL); Pair p = pair(listener);
                IoDriver.Scope scope = executor.driver().enter()) {
            TcpStream s = p.server();
            assertEquals(0, s.tryRead(ByteBuffer.allocate(8)));
            AtomicInteger wakes = new AtomicInteger();
            Future<Void> readable = s.readable();
            assertTrue(readable.poll(Context.of(wakes::incrementAndGet)).isPending());
            assertFalse(readable.cancel(), "a leaf future");
            p.peer().getOutputStream().write(new byte[] {9, 9, 9, 9});
            for (int i = 0; i < 5; i++) {
                executor.driver().park(10_000_000L);
            }
            assertEquals(0, wakes.get(), "the cancelled waiter was dropped");
            executor.blockOn(s.readable());
            ByteBuffer buf = ByteBuffer.allocate(8);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (buf.position() < 4 && System.nanoTime() < deadline) {
                executor.blockOn(s.readable());
                s.tryRead(buf);
            }
            assertEquals(4, buf.position());
        }
    }

    /**
     * An echo over the readiness API on many connections: each server task holds no buffer while
     * it waits and reads into one shared scratch buffer; every byte comes back intact.
     */
    @Test
    void echoWithASharedScratchBufferKeepsEveryConnectionsBytes() throws Exception {
        int connections = 200;
        ByteBuffer scratch = ByteBuffer.allocate(1500); // shared by all server tasks (one thread)
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            java.util.List<Socket> clients = new java.util.ArrayList<>();
            java.util.List<TcpStream> servers = new java.util.ArrayList<>();
            try {
                for (int i = 0; i < connections; i++) {
                    CompletableFuture<TcpStream> accepted = executor.spawn(listener.accept());
                    Socket c = new Socket();
                    c.connect(listener.localAddress(), 5000);
                    c.setSoTimeout(10_000);
                    clients.add(c);
                    servers.add(executor.blockOn(EchoTest.fromCompletable(accepted)));
                }
                java.util.List<CompletableFuture<Long>> echoes = new java.util.ArrayList<>();
                for (TcpStream server : servers) {
                    echoes.add(executor.spawn(new ReadinessEcho(server, scratch)));
                }
                // Payloads fit the loopback socket buffers, so one thread can write them all,
                // let the server tasks echo, then read everything back.
                byte[][] payloads = new byte[connections][];
                SplittableRandom random = new SplittableRandom(11);
                for (int i = 0; i < connections; i++) {
                    payloads[i] = new byte[1 + random.nextInt(16_000)];
                    random.nextBytes(payloads[i]);
                    OutputStream out = clients.get(i).getOutputStream();
                    int split = random.nextInt(payloads[i].length + 1);
                    out.write(payloads[i], 0, split);
                    out.flush();
                    out.write(payloads[i], split, payloads[i].length - split);
                    clients.get(i).shutdownOutput();
                }
                executor.blockOn(EchoTest.fromCompletable(CompletableFuture.allOf(echoes.toArray(CompletableFuture[]::new))));
                for (int i = 0; i < connections; i++) {
                    assertEquals(payloads[i].length, echoes.get(i).get());
                    servers.get(i).close();
                    byte[] back = clients.get(i).getInputStream().readAllBytes();
                    assertTrue(java.util.Arrays.equals(payloads[i], back), "connection " + i + " echoed intact");
                }
            } finally {
                for (TcpStream s : servers) {
                    s.close();
                }
                for (Socket c : clients) {
                    c.close();
                }
            }
        }
    }

    /** Echoes until end of stream: readable(), tryRead into the shared scratch, write it all back. */
    private static final class ReadinessEcho implements Future<Long> {
        private final TcpStream socket;
        private final ByteBuffer scratch;
        private ByteBuffer unsent; // owned copy of what the peer did not take yet
        private long total;

        ReadinessEcho(TcpStream socket, ByteBuffer scratch) {
            this.socket = socket;
            this.scratch = scratch;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            try {
                while (true) {
                    if (unsent != null) {
                        if (socket.writable().poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        socket.tryWrite(unsent);
                        if (unsent.hasRemaining()) {
                            continue;
                        }
                        unsent = null;
                    }
                    if (socket.readable().poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    ByteBuffer buf = scratch.clear();
                    int n = socket.tryRead(buf);
                    if (n < 0) {
                        socket.shutdownOutput();
                        return Poll.ready(total);
                    }
                    total += n;
                    buf.flip();
                    socket.tryWrite(buf);
                    if (buf.hasRemaining()) {
                        unsent = ByteBuffer.allocate(buf.remaining()).put(buf).flip();
                    }
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * A connection that always has bytes ready must not keep its worker: readable() spends the
     * task's cooperative budget, so another task gets to run long before the flood is drained.
     */
    @Test
    void aFloodedConnectionYieldsToOtherTasks() throws Exception {
        int flood = 64 * 1024;
        try (dev.jawait.runtime.AsyncRuntime runtime = dev.jawait.runtime.AsyncRuntime.newCurrentThread();
                TcpListener listener = TcpListener.bind(ANY_LOCAL);
                Socket peer = new Socket()) {
            dev.jawait.JoinHandle<TcpStream> accepted = runtime.spawn(listener.accept());
            peer.connect(listener.localAddress(), 5000);
            peer.getOutputStream().write(new byte[flood]); // all buffered before anyone reads
            try (TcpStream s = runtime.blockOn(accepted)) {
                long[] readWhenOtherRan = {-1};
                long[] read = {0};
                ByteBuffer one = ByteBuffer.allocate(1); // one byte per readiness: always ready
                Future<Void> reader = cx -> {
                    try {
                        while (read[0] < flood) {
                            if (s.readable().poll(cx).isPending()) {
                                return Poll.pending();
                            }
                            int n = s.tryRead(one.clear());
                            if (n < 0) {
                                throw new IOException("early end of stream");
                            }
                            read[0] += n;
                        }
                        return Poll.ready(null);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                };
                Future<Void> other = cx -> {
                    readWhenOtherRan[0] = read[0];
                    return Poll.ready(null);
                };
                runtime.blockOn(dev.jawait.Futures.join(runtime.spawn(reader), runtime.spawn(other)));
                assertEquals(flood, read[0]);
                assertTrue(readWhenOtherRan[0] >= 0 && readWhenOtherRan[0] < flood / 4,
                        "the other task ran after " + readWhenOtherRan[0] + " of " + flood + " bytes");
            }
        }
    }
}
