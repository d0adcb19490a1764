package dev.jawait.samples.miniredis;

import static dev.jawait.samples.miniredis.MiniRedisFixture.awaitTrue;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and slow clients against an in-process mini-redis. Throughout each test a fresh
 * client's PING must be answered within 1 s ({@link ServerWatch}, every 50 ms); what the server
 * holds for its clients — queued output and buffered input, as counted by
 * {@link ServerState#queuedOutputBytes()} and {@link ServerState#bufferedInputBytes()} — must stay
 * under the bound each test states; and afterwards the runtime's live tasks, the server's
 * clients and gauges, and this process's open file descriptors return to their baseline (bounded
 * waits).
 *
 * <p>Clients that connect and go in a loop keep at most {@link #WAITING_TO_BE_ACCEPTED} of their
 * connections waiting in the server's accept queue: that queue is first come, first served in
 * the kernel, so a fresh client's wait there grows with its length whatever the server does, and
 * clients on the same two cores as the server can fill it faster than any server empties it.
 *
 * <p>The bounds follow from the design: a connection holds an incomplete command in full (up to
 * the query-buffer limit, 1 GiB as Redis', which a test lowers), at most two 64 KB read buffers
 * of complete commands held back by backpressure, at most {@link Session#BACKPRESSURE_BYTES}
 * plus one reply of its own replies, and as a subscriber at most its 32 MB output limit.
 */
@Timeout(300)
class MiniRedisAbuseTest {
    private static final long KB = 1024;
    private static final long MB = KB * KB;
    /** Complete commands held back by backpressure: at most two read buffers. */
    private static final long HELD_BACK_INPUT = 2L * ConnectionIo.READ_BUFFER;
    /** Replies waiting for a client that does not read: the mark, plus one reply (PING's pong, 22 bytes). */
    private static final long PING_OUTPUT = Session.BACKPRESSURE_BYTES + 64;

    /** Connections a looping client may have made that the server has not accepted yet. */
    private static final int WAITING_TO_BE_ACCEPTED = 32;

    private MiniRedisFixture f;
    private ServerWatch watch;
    /** Connections this test made with {@link #connect()}, and the server's count before them. */
    private final AtomicLong connectsMade = new AtomicLong();
    private long connectsBefore;
    private long baselineFds;

    @BeforeEach
    void start() throws Exception {
        f = MiniRedisFixture.start();
        f.pingRoundTrip(Duration.ofSeconds(10)); // loads what a connection needs before counting descriptors
        f.awaitNothingLeft();
        baselineFds = MiniRedisFixture.openFileDescriptors();
        connectsBefore = f.state().totalConnectionsReceived();
        watch = ServerWatch.start(f);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            watch.stop();
            f.awaitNothingLeft();
            if (baselineFds >= 0) {
                awaitTrue(() -> openFileDescriptors() <= baselineFds,
                        () -> "file descriptors back to " + baselineFds + ": " + openFileDescriptors());
            }
        } finally {
            f.close();
        }
    }

    /**
     * 100 clients send a command one byte every 50 ms (slowloris): each is answered once its
     * command is complete, and meanwhile each costs the server one small tail buffer (1 KB).
     */
    @Test
    void slowClientsSendingOneByteAtATime() throws Exception {
        int clients = 100;
        byte[] command = RespClient.encode("SET", "slow", "x".repeat(20));
        List<Socket> sockets = connect(clients);
        try {
            for (int i = 0; i < command.length; i++) {
                for (Socket s : sockets) {
                    s.getOutputStream().write(command[i]);
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
            for (Socket s : sockets) {
                assertEquals("+OK\r\n", new String(s.getInputStream().readNBytes(5), ISO_8859_1));
            }
        } finally {
            closeAll(sockets, false);
        }
        assertTrue(watch.peakBufferedInput() <= clients * KB, "buffered input " + watch.peakBufferedInput());
    }

    /**
     * 100 clients each send a different part of a 100 KB SET and stop; the server holds what it
     * read of each (at most twice that, as buffers double) until they all reset at once. Then 600
     * more connect, send part of a command and reset straight away, from four threads.
     */
    @Test
    void resetsInTheMiddleOfCommands() throws Exception {
        byte[] command = RespClient.encode("SET", "big", "x".repeat(100 * 1024));
        Random random = new Random(19);
        List<Socket> sockets = connect(100);
        long sent = 0;
        for (Socket s : sockets) {
            int n = 1 + random.nextInt(command.length - 1);
            s.getOutputStream().write(command, 0, n);
            sent += n;
        }
        long total = sent;
        awaitTrue(() -> f.state().bufferedInputBytes() >= total, () -> "the server to read the partial commands");
        long held = f.state().bufferedInputBytes();
        assertTrue(held <= 2 * total + sockets.size() * KB, "held " + held + " for " + total + " bytes sent");
        closeAll(sockets, true);

        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long seed = t;
                done.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    for (int i = 0; i < 150; i++) {
                        try (Socket s = connectPaced()) {
                            s.getOutputStream().write(command, 0, 1 + r.nextInt(command.length - 1));
                            s.setSoLinger(true, 0);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, f.state().outputLimitDisconnections());
    }

    /**
     * Clients that never read: 1 flooding PING, 1 subscribed and flooding PING, 1 pipelining GETs
     * of a 256 KB value, and 2 subscribers of a channel carrying 64 KB messages. The flooders and
     * pipeliners stall (the server stops reading them) and are not evicted; the two subscribers
     * are evicted at their 32 MB limit. The server's output never exceeds the sum of those bounds.
     * (Each flooder has the server fill a 4 MB socket send buffer before it stalls, some 600,000
     * PINGs: a few of them make a heavy load for two workers on two cores, so there is one of each.)
     */
    @Test
    void clientsThatNeverRead() throws Exception {
        List<RespClient> clients = new ArrayList<>();
        List<Thread> writers = new ArrayList<>();
        List<AtomicLong> progress = new ArrayList<>();
        long floodCap = 512 * MB;
        try {
            String value = "v".repeat(256 * 1024);
            try (RespClient setter = new RespClient(f.address())) {
                assertEquals("OK", setter.call("SET", "big", value));
            }
            for (int i = 0; i < 2; i++) {
                RespClient c = new RespClient(f.address(), 16 * 1024);
                clients.add(c);
                if (i >= 1) {
                    assertEquals(List.of("subscribe", "pings", 1L), c.call("SUBSCRIBE", "pings"));
                }
                AtomicLong sent = new AtomicLong();
                progress.add(sent);
                writers.add(MiniRedisFixture.floodPings(c, sent, floodCap));
            }
            for (int i = 0; i < 1; i++) {
                RespClient c = new RespClient(f.address(), 16 * 1024);
                clients.add(c);
                AtomicLong sent = new AtomicLong();
                progress.add(sent);
                writers.add(pipelineGets(c, sent));
            }
            List<RespClient> subscribers = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                RespClient c = new RespClient(f.address(), 16 * 1024);
                clients.add(c);
                subscribers.add(c);
                assertEquals(List.of("subscribe", "news", 1L), c.call("SUBSCRIBE", "news"));
            }
            try (RespClient publisher = new RespClient(f.address())) {
                String message = "m".repeat(64 * 1024);
                int published = 0;
                while ((Long) publisher.call("PUBLISH", "news", message) > 0) {
                    assertTrue(++published < 3000, "subscribers not evicted after " + published + " messages");
                }
            }
            assertEquals(2, f.state().outputLimitDisconnections(), "the two subscribers, and nobody else");
            awaitStalled(progress);
            for (AtomicLong sent : progress) {
                assertTrue(sent.get() < floodCap, "the server read a whole flood");
            }
        } finally {
            for (RespClient c : clients) {
                c.reset();
            }
            for (Thread w : writers) {
                w.join(10_000);
            }
        }
        long outputBound = 2 * PING_OUTPUT + (Session.BACKPRESSURE_BYTES + 256 * KB + 64) + 2 * 32 * MB;
        assertTrue(watch.peakQueuedOutput() < outputBound, "queued output " + watch.peakQueuedOutput());
        assertTrue(watch.peakBufferedInput() <= 5 * HELD_BACK_INPUT, "buffered input " + watch.peakBufferedInput());
    }

    /**
     * Lengths over Redis' limits are refused with Redis' error and a close; an incomplete frame
     * announcing 512 MB is held as it arrives (Redis' query buffer) until the client's query-buffer
     * limit, which closes it without a reply; random bytes get errors or wait, and go when their
     * clients go.
     */
    @Test
    void oversizedFramesAndLengthsAndGarbage() throws Exception {
        String[][] refused = {
            {"*1\r\n$536870913\r\n", "-ERR Protocol error: invalid bulk length\r\n"},
            {"*2147483648\r\n", "-ERR Protocol error: invalid multibulk length\r\n"},
            {"*1\r\n$" + "9".repeat(70_000), "-ERR Protocol error: too big bulk count string\r\n"},
            {"GET " + "k".repeat(70_000), "-ERR Protocol error: too big inline request\r\n"},
        };
        for (String[] c : refused) {
            try (RespClient client = new RespClient(f.address())) {
                client.sendRaw(c[0].getBytes(ISO_8859_1));
                assertEquals(c[1], client.readRaw());
                assertTrue(client.closedByServer());
            }
        }
        f.awaitNothingLeft(); // so the gauge below counts the next client alone
        // A frame announcing 512 MB, 8 MB of it sent: held (at most doubled, as buffers grow) while it may complete.
        try (RespClient slow = new RespClient(f.address())) {
            byte[] header = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$536870912\r\n".getBytes(ISO_8859_1);
            slow.sendRaw(header);
            slow.sendRaw(new byte[8 << 20]);
            long sent = header.length + (8 << 20);
            awaitTrue(() -> f.state().bufferedInputBytes() >= sent, () -> "the 8 MB to be read");
            assertTrue(f.state().bufferedInputBytes() <= 2 * sent, "held " + f.state().bufferedInputBytes());
            slow.reset();
        }
        f.awaitNothingLeft();
        // An argument count of 2^31-1 (allowed) and a million one-byte arguments: held likewise,
        // and parsed once as it arrives (Command.suspend), not again from its start at every read.
        try (RespClient many = new RespClient(f.address())) {
            byte[] header = "*2147483647\r\n".getBytes(ISO_8859_1);
            byte[] arguments = "$1\r\nx\r\n".repeat(1 << 20).getBytes(ISO_8859_1);
            many.sendRaw(header);
            many.sendRaw(arguments);
            long sent = header.length + arguments.length;
            awaitTrue(() -> f.state().bufferedInputBytes() >= sent, () -> "the 7 MB of arguments to be read");
            assertTrue(f.state().bufferedInputBytes() <= 2 * sent, "held " + f.state().bufferedInputBytes());
            many.close();
        }
        // With a 1 MB query-buffer limit the same frame closes the client without a reply.
        f.state().queryBufferLimit((int) MB);
        try (RespClient over = new RespClient(f.address())) {
            over.sendRaw("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$536870912\r\n".getBytes(ISO_8859_1));
            try {
                over.sendRaw(new byte[2 << 20]);
            } catch (SocketException closedWhileWriting) {
                // the server may close before all of it went out: the outcome under test
            }
            assertTrue(over.closedByServer());
        }
        assertEquals(1, f.state().queryBufferLimitDisconnections());
        // Random bytes from 100 clients, who then leave (half with a reset).
        Random random = new Random(19);
        List<Socket> sockets = connect(100);
        for (Socket s : sockets) {
            byte[] garbage = new byte[4096];
            random.nextBytes(garbage);
            s.getOutputStream().write(garbage);
        }
        for (int i = 0; i < sockets.size(); i++) {
            if (i % 2 == 0) {
                sockets.get(i).setSoLinger(true, 0);
            }
            sockets.get(i).close();
        }
        try (RespClient c = new RespClient(f.address())) {
            assertEquals(0L, c.call("EXISTS", "k"), "no partial frame was ever run");
        }
    }

    /** 3,000 connections opened and closed from four threads: a third at once, a third with a reset, a third after a PING. */
    @Test
    void thousandsOfConnectionsOpenedAndClosed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 750; i++) {
                        try (Socket s = connectPaced()) {
                            switch (i % 3) {
                                case 0 -> { } // closed at once
                                case 1 -> s.setSoLinger(true, 0);
                                default -> {
                                    s.getOutputStream().write("PING\r\n".getBytes(ISO_8859_1));
                                    assertEquals("+PONG\r\n", new String(s.getInputStream().readNBytes(7), ISO_8859_1));
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> d : done) {
                d.get(240, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Socket connect() throws IOException {
        connectsMade.incrementAndGet();
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(f.address(), 10_000);
        s.setSoTimeout(10_000);
        return s;
    }

    /**
     * A connection, made once fewer than {@link #WAITING_TO_BE_ACCEPTED} of the looping clients'
     * connections wait to be accepted (bounded wait).
     */
    private Socket connectPaced() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (connectsMade.get() - acceptedOfOurs() >= WAITING_TO_BE_ACCEPTED) {
            assertTrue(System.nanoTime() < deadline, "the server stopped accepting");
            TimeUnit.MILLISECONDS.sleep(1);
        }
        return connect();
    }

    /** Connections of this test's the server accepted: all it accepted, less the prober's. */
    private long acceptedOfOurs() {
        return f.state().totalConnectionsReceived() - connectsBefore - watch.probesStarted();
    }

    private List<Socket> connect(int n) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            sockets.add(connect());
        }
        return sockets;
    }

    private static void closeAll(List<Socket> sockets, boolean reset) throws IOException {
        for (Socket s : sockets) {
            if (reset) {
                s.setSoLinger(true, 0);
            }
            s.close();
        }
    }

    private static long openFileDescriptors() {
        try {
            return MiniRedisFixture.openFileDescriptors();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A thread pipelining GETs of "big" to {@code client} until it blocks for good or fails. */
    private static Thread pipelineGets(RespClient client, AtomicLong sent) {
        byte[] gets = new String(RespClient.encode("GET", "big"), ISO_8859_1).repeat(1000).getBytes(ISO_8859_1);
        Thread t = new Thread(() -> {
            try {
                while (sent.get() < 64 * MB) {
                    client.sendRaw(gets);
                    sent.addAndGet(gets.length);
                }
            } catch (IOException closed) {
                // the test reset the connection
            }
        }, "get-pipeline");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits (bounded) until none of the writers has made progress for half a second. */
    private static void awaitStalled(List<AtomicLong> progress) throws InterruptedException {
        long[] last = new long[progress.size()];
        long stillSince = System.nanoTime();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - stillSince < TimeUnit.MILLISECONDS.toNanos(500)) {
            assertTrue(System.nanoTime() < deadline, "the writers never stalled");
            TimeUnit.MILLISECONDS.sleep(20);
            for (int i = 0; i < last.length; i++) {
                long now = progress.get(i).get();
                if (now != last[i]) {
                    last[i] = now;
                    stillSince = System.nanoTime();
                }
            }
        }
    }
}
