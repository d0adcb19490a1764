package dev.jawait.samples.http;

import static dev.jawait.samples.http.HelloServerFixture.heapAfterGc;
import static dev.jawait.samples.http.HelloServerFixture.openFds;
import static dev.jawait.samples.http.HelloServerFixture.waitUntil;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;

/**
 * Hostile and slow clients against an in-process hello server. For each kind, while the
 * abusive connections are open, a fresh client is answered within a second, the bytes the
 * server holds for them stay within the stated bound (its gauge, and the heap after GC), and once
 * they are gone the process's file descriptors and the runtime's live tasks return to where they
 * were (waited for, at most 10 s: a connection the server closes lingers up to
 * {@link HelloServer#LINGER}).
 *
 * <p>The bounds, per connection: an incomplete head is at most {@link HttpRequestParser#MAX_HEAD}
 * bytes; replies a peer does not read are those to one read of {@link ScratchBuffers#SIZE} bytes,
 * and a reply is at most 4 times its request (an 88-byte hello for a 22-byte GET), so at most
 * {@link #UNREAD_REPLIES_BOUND}; bodies and idle connections hold nothing. The heap bound adds
 * {@link #OBJECTS_PER_CONNECTION} for the objects of both ends of a connection.
 */
@Timeout(120)
class HelloServerAbuseTest {
    static final long UNREAD_REPLIES_BOUND = 4L * ScratchBuffers.SIZE;
    static final long OBJECTS_PER_CONNECTION = 8 * 1024;

    private String testName;
    private HelloServerFixture f;
    private int fdsBefore;
    private int tasksBefore;
    private long heapBefore;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<SocketChannel> channels = new ArrayList<>();

    @BeforeEach
    void start(TestInfo test) throws Exception {
        testName = test.getTestMethod().orElseThrow().getName();
        f = new HelloServerFixture();
        f.warmUp();
        fdsBefore = openFds();
        tasksBefore = f.runtime.liveTaskCount();
        heapBefore = heapAfterGc();
    }

    @AfterEach
    void stop() throws Exception {
        try {
            closeAll();
            f.waitForBaseline(fdsBefore, tasksBefore);
            assertEquals(0, f.server.bytesHeld(), "bytes held once every connection is gone");
        } finally {
            f.close();
        }
    }

    private void closeAll() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        for (SocketChannel c : channels) {
            c.close();
        }
        sockets.clear();
        channels.clear();
    }

    private Socket open() throws IOException {
        Socket s = f.connect();
        sockets.add(s);
        return s;
    }

    /** Heap growth since the test started is under {@code perConnection} for each of {@code connections}. */
    private void assertHeapWithin(int connections, long perConnection) {
        long grown = heapAfterGc() - heapBefore;
        System.out.printf("%s: heap grew %d KB for %d connections (bound %d KB)%n", testName, grown / 1024, connections,
                connections * perConnection / 1024);
        assertTrue(grown < connections * perConnection,
                "heap grew " + grown / 1024 + " KB for " + connections + " connections");
    }

    @Test
    void idleConnectionsHoldNothing() throws Exception {
        int n = 1000;
        for (int i = 0; i < n; i++) {
            open();
        }
        f.assertServedWithinOneSecond();
        waitUntil(10, () -> f.runtime.liveTaskCount() == tasksBefore + n, () -> f.runtime.liveTaskCount() + " tasks");
        assertEquals(0, f.server.bytesHeld());
        assertHeapWithin(n, OBJECTS_PER_CONNECTION);
    }

    @Test
    void slowlorisHeadsAreHeldUpToTheLimitThenRefused() throws Exception {
        int n = 200;
        int rounds = 100;
        String line = "X-Slow: " + "s".repeat(30) + "\r\n"; // 40 bytes: 4 KB per connection after all rounds
        for (int i = 0; i < n; i++) {
            open().getOutputStream().write(HttpReplies.bytes("GET /" + i + " HTTP/1.1\r\nHost: a\r\n"));
        }
        int head = ("GET /" + 0 + " HTTP/1.1\r\nHost: a\r\n").length(); // lengths differ by the index's digits
        for (int r = 0; r < rounds; r++) {
            for (Socket s : sockets) {
                s.getOutputStream().write(HttpReplies.bytes(line));
            }
            if (r % 20 == 0) {
                f.assertServedWithinOneSecond();
            }
        }
        long perConnection = head + (long) rounds * line.length();
        // Every connection now holds its incomplete head (within a few bytes of perConnection), nothing more.
        waitUntil(10, () -> f.server.bytesHeld() >= n * perConnection,
                () -> f.server.bytesHeld() + " bytes held, expected about " + n * perConnection);
        assertTrue(f.server.bytesHeld() <= n * (long) HttpRequestParser.MAX_HEAD, f.server.bytesHeld() + " bytes held");
        assertHeapWithin(n, HttpRequestParser.MAX_HEAD + OBJECTS_PER_CONNECTION);
        f.assertServedWithinOneSecond();
        // Past the limit, each is refused with 431 and its connection ends.
        byte[] more = HttpReplies.bytes(line.repeat(HttpRequestParser.MAX_HEAD / line.length()));
        for (Socket s : sockets) {
            s.getOutputStream().write(more);
        }
        for (Socket s : sockets) {
            assertEquals(List.of(431), HttpReplies.statuses(new String(s.getInputStream().readAllBytes(), ISO_8859_1)));
        }
        f.assertServedWithinOneSecond();
    }

    @Test
    void endlessHeadersAreCutOffAfterTheLimitAndTheLinger() throws Exception {
        int n = 20;
        List<Thread> writers = new ArrayList<>();
        List<Throwable> writeEnds = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < n; i++) {
            Socket s = open();
            s.getOutputStream().write(HttpReplies.bytes("GET / HTTP/1.1\r\nHost: a\r\n"));
            Thread writer = new Thread(() -> { // headers, forever: only the server's close stops it
                byte[] lines = HttpReplies.bytes("X-Endless: 0123456789\r\n".repeat(100));
                try {
                    while (true) {
                        s.getOutputStream().write(lines);
                    }
                } catch (IOException e) {
                    writeEnds.add(e);
                }
            });
            writer.setDaemon(true);
            writer.start();
            writers.add(writer);
        }
        for (Socket s : sockets) { // 431, then the server half-closes: end of stream while the writer still writes
            assertEquals(List.of(431), HttpReplies.statuses(new String(s.getInputStream().readAllBytes(), ISO_8859_1)));
        }
        f.assertServedWithinOneSecond();
        assertTrue(f.server.bytesHeld() <= n * (long) HttpRequestParser.MAX_HEAD, f.server.bytesHeld() + " bytes held");
        for (Thread writer : writers) { // the server closes after LINGER; the writes then fail
            writer.join(10_000);
            assertTrue(!writer.isAlive(), "a writer still writes 10 s after its 431");
        }
        assertEquals(n, writeEnds.size());
        for (Throwable e : writeEnds) {
            assertTrue(e instanceof SocketException, e.toString());
        }
    }

    @Test
    void pipeliningClientsThatNeverReadAreBounded() throws Exception {
        int n = 50;
        byte[] batch = HttpReplies.bytes(HelloServerFixture.GET.repeat(600)); // 16 KB of requests
        for (int i = 0; i < n; i++) {
            SocketChannel c = SocketChannel.open();
            c.setOption(StandardSocketOptions.SO_RCVBUF, 4096); // small windows: the server's writes block sooner
            c.connect(f.server.address());
            c.configureBlocking(false);
            channels.add(c);
        }
        // Write until no connection takes more and the server holds replies it cannot send.
        long deadline = System.nanoTime() + 60_000_000_000L;
        int quietRounds = 0;
        while (quietRounds < 20 || f.server.bytesHeld() == 0) {
            long taken = 0;
            for (SocketChannel c : channels) {
                ByteBuffer b = ByteBuffer.wrap(batch);
                int w;
                while ((w = c.write(b)) > 0) {
                    taken += w;
                    if (!b.hasRemaining()) {
                        b.rewind();
                    }
                }
            }
            quietRounds = taken == 0 ? quietRounds + 1 : 0;
            assertTrue(f.server.bytesHeld() <= n * UNREAD_REPLIES_BOUND, f.server.bytesHeld() + " bytes held");
            assertTrue(System.nanoTime() < deadline, "after 60 s the connections still take requests, or the server "
                    + "holds no replies: " + f.server.bytesHeld() + " bytes held");
            Thread.sleep(10);
        }
        System.out.printf("never-reading pipeliners: %d KB held for %d connections (bound %d KB)%n",
                f.server.bytesHeld() / 1024, n, n * UNREAD_REPLIES_BOUND / 1024);
        assertHeapWithin(n, UNREAD_REPLIES_BOUND + OBJECTS_PER_CONNECTION);
        f.assertServedWithinOneSecond();
        // Closing with replies unread resets the connections: the server's pending writes fail and its tasks end.
    }

    @Test
    void resetsMidRequestEndTheirTasks() throws Exception {
        String[] starts = {
            "GET / HTTP/1.1\r\nHost:", // in the head
            "POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\nabc", // in a body
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc", // in a chunk
            "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n0\r\nX-Trailer: 1", // in the trailers
            HelloServerFixture.GET.repeat(1000), // with replies the client never read
        };
        int n = 200;
        for (int i = 0; i < n; i++) {
            Socket s = open();
            s.getOutputStream().write(HttpReplies.bytes(starts[i % starts.length]));
        }
        waitUntil(10, () -> f.runtime.liveTaskCount() == tasksBefore + n, () -> f.runtime.liveTaskCount() + " tasks");
        f.assertServedWithinOneSecond();
        for (Socket s : sockets) {
            s.setSoLinger(true, 0); // close() now sends a reset
        }
        closeAll();
        f.waitForBaseline(fdsBefore, tasksBefore);
        f.assertServedWithinOneSecond();
    }

    @Test
    void garbageIsRefusedAndItsConnectionsClosed() throws Exception {
        Random random = new Random(19);
        int n = 100;
        for (int i = 0; i < n; i++) {
            byte[] garbage = new byte[1 + random.nextInt(20_000)];
            random.nextBytes(garbage);
            open().getOutputStream().write(garbage);
        }
        f.assertServedWithinOneSecond();
        for (Socket s : sockets) {
            InputStream in = s.getInputStream();
            List<Integer> statuses = HttpReplies.statuses(new String(in.readAllBytes(), ISO_8859_1));
            assertEquals(1, statuses.size(), statuses.toString());
            assertTrue(Set.of(400, 414, 431, 505).contains(statuses.get(0)), statuses.toString());
        }
        f.assertServedWithinOneSecond();
    }
}
