package dev.jawait.samples.shutdown;

import static dev.jawait.samples.ExternalTools.onPath;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jawait.samples.SampleProcess;
import dev.jawait.samples.SlowWorkerReports;
import dev.jawait.samples.chat.ChatServer;
import dev.jawait.samples.http.HelloServer;
import dev.jawait.samples.miniredis.MiniRedis;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -TERM} on the server samples run as processes: each stops accepting, lets the
 * request in flight finish (one whose bytes are only half sent when the signal arrives), closes
 * its idle connections, and exits with status 0 — well before its shutdown timeout. Its
 * {@code closed N connections} counts the connections the stop closed: for mini-redis, not one
 * that had ended before the signal.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class GracefulShutdownTest {
    private static final Duration STEP = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @BeforeEach
    void needsKill() {
        assumeTrue(onPath("kill"), "no kill command");
    }

    @Test
    void miniRedisAnswersTheCommandInFlightThenExitsZero() throws Exception {
        try (SampleProcess server = SampleProcess.start(dir, MiniRedis.class, "--port", "0", "--shutdown-timeout", "60")) {
            String ready = server.lineMatching(l -> l.contains("ready to accept connections on "), STEP);
            int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1));
            try (Socket idle = connect(port); Socket busy = connect(port)) {
                send(idle, "PING\r\n");
                assertEquals("+PONG\r\n", read(idle.getInputStream(), 7), "served before the stop");
                try (Socket gone = connect(port)) { // ends before the stop: not one the stop closes
                    send(gone, "PING\r\n");
                    assertEquals("+PONG\r\n", read(gone.getInputStream(), 7));
                }
                awaitConnectedClients(idle, 2); // idle and busy: the server has ended gone's task
                send(busy, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\n"); // the value is still to come
                server.signal("TERM");
                server.lineMatching("SIGTERM: shutting down"::equals, STEP);
                assertEquals(-1, idle.getInputStream().read(), "the idle connection is closed");
                send(busy, "v\r\n");
                assertEquals("+OK\r\n", read(busy.getInputStream(), 5), "the command in flight is answered");
                assertEquals(-1, busy.getInputStream().read(), "then closed");
            }
            assertEquals("closed 2 connections", server.lineMatching(l -> l.startsWith("closed "), STEP));
            assertEquals(0, server.exitCode(STEP), server::stderr);
            assertFalse(SlowWorkerReports.without(server.stderr()).contains("Exception"), server::stderr);
        }
    }

    @Test
    void helloServerFinishesTheRequestInFlightThenExitsZero() throws Exception {
        try (SampleProcess server = SampleProcess.start(dir, HelloServer.class, "--port", "0", "--shutdown-timeout", "60")) {
            String ready = server.lineMatching(l -> l.startsWith("hello server listening on "), STEP);
            int port = Integer.parseInt(ready.replaceAll(".*:(\\d+)/$", "$1"));
            try (Socket idle = connect(port); Socket busy = connect(port)) {
                send(idle, "GET / HTTP/1.1\r\nHost: x\r\n\r\n");
                assertTrue(head(idle).startsWith("HTTP/1.1 200 "), "served before the stop");
                read(idle.getInputStream(), 13); // "Hello, World!"
                send(busy, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf."); // 5 of 10 body bytes
                server.signal("TERM");
                server.lineMatching("SIGTERM: shutting down"::equals, STEP);
                assertEquals(-1, idle.getInputStream().read(), "the idle keep-alive connection is closed");
                send(busy, "rest.");
                String head = head(busy);
                assertTrue(head.startsWith("HTTP/1.1 405 ") || head.startsWith("HTTP/1.1 200 "), head);
                assertTrue(head.contains("Content-Length: "), head);
                int length = Integer.parseInt(head.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
                read(busy.getInputStream(), length);
                assertEquals(-1, busy.getInputStream().read(), "then closed");
            }
            assertEquals("closed 2 connections", server.lineMatching(l -> l.startsWith("closed "), STEP));
            assertEquals(0, server.exitCode(STEP), server::stderr);
        }
    }

    @Test
    void chatDeliversWhatIsQueuedThenExitsZero() throws Exception {
        try (SampleProcess server = SampleProcess.start(dir, ChatServer.class, "--port", "0", "--shutdown-timeout", "60")) {
            String ready = server.lineMatching(l -> l.startsWith("chat server listening on "), STEP);
            int port = Integer.parseInt(ready.substring(ready.lastIndexOf(':') + 1));
            try (Socket talker = connect(port); Socket reader = connect(port); Socket sleeper = connect(port)) {
                BufferedReader readerLines = lines(reader);
                BufferedReader sleeperLines = lines(sleeper);
                // Both listeners are in the room once welcomed: the talker's lines reach them.
                assertTrue(welcomed(readerLines));
                assertTrue(welcomed(sleeperLines));
                for (int i = 0; i < 10; i++) {
                    send(talker, "line " + i + "\n");
                }
                // Each broadcast queues for every member at once: once `reader` got the tenth line,
                // all ten are queued for `sleeper`, which has not read any of them yet.
                String line;
                do {
                    line = readerLines.readLine();
                    assertTrue(line != null, "the reader gets the ten lines");
                } while (!line.endsWith(": line 9"));
                server.signal("TERM");
                server.lineMatching("SIGTERM: shutting down"::equals, STEP);
                int received = 0;
                boolean noticed = false;
                while ((line = sleeperLines.readLine()) != null) {
                    if (line.matches("guest-\\d+: line \\d")) {
                        assertEquals("line " + received, line.substring(line.indexOf(": ") + 2));
                        received++;
                    }
                    noticed |= line.equals("* server shutting down");
                }
                assertEquals(10, received, "every line queued before the stop is delivered");
                assertTrue(noticed, "then the notice, then the end of the stream");
            }
            assertEquals("closed 3 connections", server.lineMatching(l -> l.startsWith("closed "), STEP));
            assertEquals(0, server.exitCode(STEP), server::stderr);
        }
    }

    /** Asks mini-redis's INFO on {@code s} until it counts {@code wanted} connected clients (bounded). */
    private static void awaitConnectedClients(Socket s, int wanted) throws Exception {
        long deadline = System.nanoTime() + STEP.toNanos();
        String info;
        do {
            send(s, "INFO clients\r\n");
            String header = line(s.getInputStream()); // $<length>
            info = read(s.getInputStream(), Integer.parseInt(header.substring(1)) + 2);
            if (info.contains("connected_clients:" + wanted + "\r\n")) {
                return;
            }
            Thread.sleep(10);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not " + wanted + " clients within " + STEP + ": " + info);
    }

    /** One line without its CRLF. */
    private static String line(InputStream in) throws Exception {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) != '\n') {
            assertTrue(c >= 0, "the stream ended in a line");
            b.append((char) c);
        }
        return b.toString().strip();
    }

    private static Socket connect(int port) throws Exception {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) STEP.toMillis()); // every read below is bounded
        return s;
    }

    private static void send(Socket s, String text) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(US_ASCII));
        out.flush();
    }

    private static String read(InputStream in, int n) throws Exception {
        byte[] b = in.readNBytes(n);
        assertEquals(n, b.length, () -> "the stream ended after " + new String(b, US_ASCII));
        return new String(b, US_ASCII);
    }

    /** An HTTP response head, up to and with its blank line. */
    private static String head(Socket s) throws Exception {
        StringBuilder head = new StringBuilder();
        InputStream in = s.getInputStream();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertTrue(b >= 0, () -> "the stream ended in the head: " + head);
            head.append((char) b);
        }
        return head.toString();
    }

    private static BufferedReader lines(Socket s) throws Exception {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), US_ASCII));
    }

    /** Whether the first line is the welcome (ChatRoom greets a member before anyone can write to it). */
    private static boolean welcomed(BufferedReader lines) throws java.io.IOException {
        String line = lines.readLine();
        return line != null && line.startsWith("* welcome ");
    }
}
