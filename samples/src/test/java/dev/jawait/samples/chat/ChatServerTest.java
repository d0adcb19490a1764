package dev.jawait.samples.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TestRuntimes;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ChatServerTest {
    /** Each client's queue; larger than a burst, so a client that keeps reading is never dropped. */
    static final int QUEUE = 32;
    static final int BURST = 16;
    private final List<Throwable> failures = TestRuntimes.failureList();
    private AsyncRuntime runtime;
    private ChatServer server;

    /** A blocking line client. */
    static final class Client implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;
        final OutputStream out;

        Client(InetSocketAddress address, int receiveBuffer) throws Exception {
            socket = new Socket();
            if (receiveBuffer > 0) {
                socket.setReceiveBufferSize(receiveBuffer);
            }
            socket.connect(address, 5000);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
            out = socket.getOutputStream();
        }

        void say(String line) throws Exception {
            out.write((line + "\n").getBytes(UTF_8));
            out.flush();
        }

        /** The next line that is not a room announcement ("* ..."). */
        String nextMessage() throws Exception {
            String line;
            do {
                line = in.readLine();
            } while (line != null && line.startsWith("* "));
            return line;
        }

        @Override
        public void close() throws java.io.IOException {
            socket.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        runtime = TestRuntimes.twoWorkers(failures);
        server = ChatServer.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), QUEUE);
    }

    @AfterEach
    void stop() {
        server.close();
        runtime.close();
        assertEquals(List.of(), failures);
    }

    private Client join(int receiveBuffer) throws Exception {
        Client c = new Client(server.address(), receiveBuffer);
        assertTrue(c.in.readLine().startsWith("* welcome guest-")); // joined before the next one connects
        return c;
    }

    /** Reads what the server had sent until it closed the connection. */
    private static boolean closedByServer(Client c) throws Exception {
        try {
            while (c.in.readLine() != null) {
                // drain what was buffered before the close
            }
            return true;
        } catch (java.net.SocketException reset) {
            return true; // closed with unread data in its buffers: a reset
        }
    }

    @Test
    void everyLineReachesEveryOtherClient() throws Exception {
        try (Client a = join(0); Client b = join(0); Client c = join(0)) {
            a.say("hello from a");
            assertEquals("guest-1: hello from a", b.nextMessage());
            assertEquals("guest-1: hello from a", c.nextMessage());
            c.say("and from c\r");
            assertEquals("guest-3: and from c", a.nextMessage());
            assertEquals("guest-3: and from c", b.nextMessage());
        }
    }

    @Test
    void slowClientIsDisconnectedWithoutStallingTheOthers() throws Exception {
        String filler = "x".repeat(4000);
        try (Client a = join(0); Client b = join(0); Client slow = join(4096)) {
            int sent = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            // The slow client never reads: once its socket buffers and its queue are full,
            // the server drops it. Meanwhile b keeps receiving every line, in order.
            while (server.room().droppedCount() == 0 && System.nanoTime() < deadline && sent < 20_000) {
                for (int i = 0; i < BURST; i++) {
                    a.say(sent + " " + filler);
                    sent++;
                }
                for (int i = sent - BURST; i < sent; i++) {
                    assertEquals("guest-1: " + i + " " + filler, b.nextMessage());
                }
            }
            assertEquals(1, server.room().droppedCount(), "the slow client was dropped after " + sent + " lines");
            assertEquals(2, server.room().size());
            assertTrue(closedByServer(slow), "the slow client's connection was closed");
            a.say("still here");
            assertEquals("guest-1: still here", b.nextMessage());
        }
    }
}
