package dev.jawait.net;

import static dev.jawait.Await.await;
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
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Cancellation: handshakes aborted mid-way and reads cancelled mid-record release the socket
 * and the engine and lose nothing; ten thousand aborted handshakes leave the descriptor count
 * where it was.
 *
 * <p>Scale with {@code -Djawait.tls.aborts=N} (default 10,000: half client handshakes waiting
 * for the ServerHello, half server handshakes waiting for the rest of a ClientHello).
 */
@ExtendWith(FdLeakCheck.class)
class TlsAbortTest {
    private static final int ABORTS = Integer.getInteger("jawait.tls.aborts", 10_000);
    private static final int BATCH = 250;
    private static final int ROUNDS = 8;
    private static final int PAIRS = 10;
    private static TlsTestCerts certs;

    @BeforeAll
    static void setUp() {
        IoDriver.current();
        Fds.warmUp();
        certs = TlsTestCerts.localhost();
    }

    /** Counts futures that have been polled and are waiting: they are mid-handshake. */
    private static final class Started<T> implements Future<T> {
        private final Future<T> inner;
        private final AtomicInteger waiting;
        private boolean counted;

        Started(Future<T> inner, AtomicInteger waiting) {
            this.inner = inner;
            this.waiting = waiting;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = inner.poll(cx);
            if (p.isPending() && !counted) {
                counted = true;
                waiting.incrementAndGet();
            }
            return p;
        }

        @Override
        public boolean cancel() {
            return inner.cancel();
        }
    }

    /**
     * Connects, then starts a client handshake (its ClientHello goes out; nobody answers) and
     * counts itself in {@code waiting} once the handshake waits.
     */
    private static final class ConnectThenHandshake implements Future<TlsStream> {
        private final java.net.SocketAddress address;
        private final AtomicInteger waiting;
        private Future<TcpStream> connect;
        private Future<TlsStream> handshake;

        ConnectThenHandshake(java.net.SocketAddress address, AtomicInteger waiting) {
            this.address = address;
            this.waiting = waiting;
        }

        @Override
        public Poll<TlsStream> poll(Context cx) {
            if (handshake == null) {
                if (connect == null) {
                    connect = TcpStream.connect(address);
                }
                Poll<TcpStream> c = connect.poll(cx);
                if (c.isPending()) {
                    return Poll.pending();
                }
                connect = null;
                handshake = new Started<>(TlsStream.client(c.value(), certs.clientContext(), "localhost"), waiting);
            }
            return handshake.poll(cx);
        }

        @Override
        public boolean cancel() {
            return connect != null ? connect.cancel() : handshake.cancel();
        }
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void tenThousandAbortedHandshakesLeaveTheDescriptorCountWhereItWas() throws Exception {
        int before = Fds.count();
        long start = System.nanoTime();
        byte[] halfHello = Arrays.copyOf(clientHello(), 100);
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL, 1024)) {
            int serverSide = ABORTS / 2;
            for (int done = 0; done < serverSide; done += BATCH) {
                int n = Math.min(BATCH, serverSide - done);
                // Server handshakes that got a third of a ClientHello and wait for the rest.
                AtomicInteger waiting = new AtomicInteger();
                List<JoinHandle<TlsStream>> handshakes = new ArrayList<>();
                List<Socket> peers = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    Socket peer = new Socket();
                    peer.connect(listener.localAddress(), 5000);
                    peer.setSoTimeout(20_000);
                    peer.getOutputStream().write(halfHello);
                    peers.add(peer);
                    TcpStream accepted = runtime.blockOn(listener.accept());
                    handshakes.add(runtime.spawn(new Started<>(TlsStream.server(accepted, certs.serverContext()), waiting)));
                }
                awaitCount(waiting, n);
                abortAll(runtime, handshakes);
                for (Socket peer : peers) {
                    assertClosedByPeer(peer);
                    peer.close();
                }
            }
            int clientSide = ABORTS - serverSide;
            for (int done = 0; done < clientSide; done += BATCH) {
                int n = Math.min(BATCH, clientSide - done);
                // Client handshakes whose ClientHello went out to a server that never answers.
                AtomicInteger waiting = new AtomicInteger();
                List<JoinHandle<TlsStream>> handshakes = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    handshakes.add(runtime.spawn(new ConnectThenHandshake(listener.localAddress(), waiting)));
                }
                List<TcpStream> silent = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    silent.add(runtime.blockOn(listener.accept()));
                }
                awaitCount(waiting, n);
                abortAll(runtime, handshakes);
                for (TcpStream s : silent) {
                    s.close();
                }
            }
            assertEquals(0, runtime.liveTaskCount(), "no task left behind");
        }
        Fds.assertBackTo(before);
        System.out.printf("tls: %d handshakes aborted mid-way in %.1f s; descriptors back to %d%n",
                ABORTS, (System.nanoTime() - start) / 1e9, before);
    }

    /**
     * The other side closed: its alert (user_canceled, close_notify), then end of stream — or a
     * reset if it closed with our bytes unread.
     */
    private static void assertClosedByPeer(Socket peer) throws IOException {
        byte[] alert = new byte[64];
        int n;
        try {
            while ((n = peer.getInputStream().read(alert)) > 0) {
                assertEquals(21, alert[0], "only an alert record (type 21)");
            }
            assertEquals(-1, n, "the aborted server side closed its socket");
        } catch (java.net.SocketException reset) {
            // closed with unread bytes: also closed
        }
    }

    private static void awaitCount(AtomicInteger count, int atLeast) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (count.get() < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    private static void abortAll(AsyncRuntime runtime, List<JoinHandle<TlsStream>> handshakes) {
        for (JoinHandle<TlsStream> h : handshakes) {
            h.abort();
        }
        for (JoinHandle<TlsStream> h : handshakes) {
            assertThrows(CancellationException.class, () -> runtime.blockOn(h));
        }
    }

    private static byte[] clientHello() throws Exception {
        SSLEngine engine = certs.clientContext().createSSLEngine("localhost", 443);
        engine.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
        engine.wrap(ByteBuffer.allocate(0), out);
        return Arrays.copyOf(out.array(), out.position());
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void fullHandshakesAbortedAtRandomMomentsReleaseEverything() throws Exception {
        int before = Fds.count();
        SplittableRandom random = new SplittableRandom(42);
        int completed = 0;
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL, 1024)) {
            for (int round = 0; round < ROUNDS; round++) {
                List<JoinHandle<byte[]>> all = Collections.synchronizedList(new ArrayList<>());
                JoinHandle<Integer> server = runtime.spawn(new TlsEchoFutures.Server(listener,
                        TlsConfig.of(certs.serverContext()), PAIRS, null, all::add));
                for (int i = 0; i < PAIRS; i++) {
                    all.add(runtime.spawn(new TlsEchoFutures.Client(listener.localAddress(),
                            TlsConfig.of(certs.clientContext()), new byte[100_000], i)));
                }
                // Abort at a random moment: connecting, mid-handshake (delegated tasks may be
                // running on the blocking pool), or echoing.
                Thread.sleep(random.nextInt(2500)); // a round takes seconds on a loaded 2-core machine
                server.abort();
                try {
                    runtime.blockOn(server); // it may have accepted all before the abort
                } catch (CancellationException expected) {
                    // aborted while accepting
                }
                List<JoinHandle<byte[]>> started = new ArrayList<>(all); // no more spawns now
                for (JoinHandle<byte[]> h : started) {
                    h.abort();
                }
                for (JoinHandle<byte[]> h : started) {
                    try {
                        runtime.blockOn(h);
                        completed++;
                    } catch (CancellationException expected) {
                        // aborted
                    } catch (Exception e) {
                        if (!(e instanceof IOException)) { // the peer's task was aborted first
                            throw e;
                        }
                    }
                }
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (runtime.liveTaskCount() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(0, runtime.liveTaskCount(), "no task left behind");
        }
        Fds.assertBackTo(before);
        System.out.println("tls: " + ROUNDS + " rounds of " + PAIRS + " aborted echo pairs; "
                + completed + " sides had finished first");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aReadCancelledMidRecordLosesNothing() throws Exception {
        try (TlsTesting t = new TlsTesting(); TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL);
                TcpRelay relay = new TcpRelay(listener.localAddress())) {
            java.util.concurrent.Future<TlsStream> accepted =
                    t.onThread(() -> await(TlsStream.server(await(listener.accept()), certs.serverContext())));
            try (TlsStream client = await(TlsStream.client(await(TcpStream.connect(relay.address())),
                    certs.clientContext(), "localhost"));
                    TlsStream server = accepted.get(30, TimeUnit.SECONDS)) {
                byte[] message = TlsTesting.random(1000, 3); // one record of about 1,022 bytes
                relay.holdAfter(300);
                await(client.writeAll(ByteBuffer.wrap(message)));
                ByteBuffer buf = ByteBuffer.allocate(2000);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (server.heldBufferBytes() < 300 && System.nanoTime() < deadline) {
                    assertEquals(0, server.tryRead(buf), "not a whole record yet");
                    Thread.sleep(2);
                }
                assertEquals(300, server.heldBufferBytes(), "the first 300 bytes of the record, kept");
                // A read waiting for the rest of the record, cancelled by a timeout.
                assertThrows(TimeoutException.class,
                        () -> await(Time.timeout(Duration.ofMillis(100), server.read(buf))));
                relay.release();
                await(server.readExact(buf.limit(message.length)));
                assertArrayEquals(message, Arrays.copyOf(buf.array(), message.length));
                assertEquals(0, server.heldBufferBytes());
            }
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void abortingATaskMidRecordReleasesTheSocketAndTheEngine() throws Exception {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(TlsTesting.ANY_LOCAL);
                TcpRelay relay = new TcpRelay(listener.localAddress())) {
            List<JoinHandle<byte[]>> sides = Collections.synchronizedList(new ArrayList<>());
            runtime.spawn(new TlsEchoFutures.Server(listener, TlsConfig.of(certs.serverContext()), 1, null, sides::add));
            TlsStream client = runtime.blockOn(new Future<TlsStream>() {
                Future<TcpStream> connect;
                Future<TlsStream> handshake;

                @Override
                public Poll<TlsStream> poll(Context cx) {
                    if (handshake == null) {
                        connect = connect == null ? TcpStream.connect(relay.address()) : connect;
                        Poll<TcpStream> c = connect.poll(cx);
                        if (c.isPending()) {
                            return Poll.pending();
                        }
                        handshake = TlsStream.client(c.value(), certs.clientContext(), "localhost");
                    }
                    return handshake.poll(cx);
                }
            });
            try (client) {
                relay.holdAfter(300);
                runtime.blockOn(client.writeAll(ByteBuffer.wrap(new byte[1000])));
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (relay.upstream() < 300 && System.nanoTime() < deadline) {
                    Thread.sleep(2);
                }
                assertEquals(1, sides.size());
                JoinHandle<byte[]> serverSide = sides.get(0);
                assertFalse(serverSide.isFinished(), "mid-record: the server side waits for the rest");
                serverSide.abort();
                assertThrows(CancellationException.class, () -> runtime.blockOn(serverSide));
                assertTrue(relay.awaitServerClosed(), "the aborted side closed its socket");
            }
        }
    }
}
