package dev.jawait.samples.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.samples.TaskDumps;
import dev.jawait.samples.TestRuntimes;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class HelloServerTest {
    static final String HELLO = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\nHello, World!";
    private final List<Throwable> failures = TestRuntimes.failureList();
    private AsyncRuntime runtime;
    private HelloServer server;

    @BeforeEach
    void start() throws Exception {
        runtime = TestRuntimes.twoWorkers(failures);
        server = HelloServer.start(runtime, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }

    @AfterEach
    void stop() {
        server.close();
        runtime.close();
        assertEquals(List.of(), failures);
    }

    private Socket connect() throws Exception {
        Socket s = new Socket();
        s.connect(server.address(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Where a session waits, as its task dump line: {@code "readable"} or {@code "writeAll"}. */
    private static String serveWaitingAt(String marker) throws Exception {
        return TaskDumps.suspendedAt(Path.of("src/main/java/dev/jawait/samples/http/HelloServer.java"), "serve", marker);
    }

    private static String readExactly(InputStream in, int n) throws Exception {
        return new String(in.readNBytes(n), ISO_8859_1);
    }

    @Test
    void keepAliveServesManyRequestsOnOneConnection() throws Exception {
        try (Socket s = connect()) {
            for (int i = 0; i < 100; i++) {
                s.getOutputStream().write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(ISO_8859_1));
                assertEquals(HELLO, readExactly(s.getInputStream(), HELLO.length()));
            }
        }
    }

    @Test
    void pipelinedRequestsGetResponsesInOrder() throws Exception {
        try (Socket s = connect()) {
            String request = "GET /plaintext HTTP/1.1\r\nHost: localhost\r\n\r\n";
            s.getOutputStream().write(request.repeat(64).getBytes(ISO_8859_1));
            assertEquals(HELLO.repeat(64), readExactly(s.getInputStream(), HELLO.length() * 64));
        }
    }

    @Test
    void connectionCloseIsHonoured() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n".getBytes(ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), ISO_8859_1); // ends: server closed
            assertEquals("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\nConnection: close\r\n\r\nHello, World!", all);
        }
    }

    @Test
    void requestSplitAcrossWritesAndBadRequest() throws Exception {
        try (Socket s = connect()) {
            byte[] req = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(ISO_8859_1);
            for (byte b : req) {
                s.getOutputStream().write(b);
                s.getOutputStream().flush();
            }
            assertEquals(HELLO, readExactly(s.getInputStream(), HELLO.length()));
            s.getOutputStream().write("garbage\r\n\r\n".getBytes(ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), ISO_8859_1);
            assertEquals(List.of(400), HttpReplies.statuses(all));
        }
    }

    @Test
    void conflictingContentLengthsAreRefusedAndTheSmuggledRequestIsNeverServed() throws Exception {
        // Issue 19: the last Content-Length used to win, so the body below was served as a second request.
        String smuggled = "GET /smuggled HTTP/1.1\r\nHost: localhost\r\n\r\n";
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + smuggled.length()
                    + "\r\nContent-Length: 0\r\n\r\n" + smuggled).getBytes(ISO_8859_1));
            List<HttpReplies.Reply> replies = HttpReplies.parse(new String(s.getInputStream().readAllBytes(), ISO_8859_1));
            assertEquals(List.of(400), replies.stream().map(HttpReplies.Reply::status).toList());
            assertEquals("Content-Length values differ (RFC 9112 section 6.3)\n", replies.get(0).body());
        }
    }

    @Test
    void aSpaceBeforeTheColonIsRefused() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding : chunked\r\n"
                    + "Content-Length: 5\r\n\r\n0\r\n\r\n" + "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n").getBytes(ISO_8859_1));
            assertEquals(List.of(400), HttpReplies.statuses(new String(s.getInputStream().readAllBytes(), ISO_8859_1)));
        }
    }

    @Test
    void aRefusalArrivesWholeThoughTheClientKeepsSending() throws Exception {
        // RFC 9112 section 9.6: the server half-closes and reads on until the client closes. Closing
        // with the client's bytes unread would reset the connection, which can destroy the reply.
        try (Socket s = connect()) {
            s.getOutputStream().write("BAD\r\n\r\n".getBytes(ISO_8859_1));
            s.getOutputStream().write(new byte[256 * 1024]); // far more than the server reads before refusing
            assertEquals(List.of(400), HttpReplies.statuses(new String(s.getInputStream().readAllBytes(), ISO_8859_1)));
        }
    }

    @Test
    void aRequestLargerThanTheScratchBufferIsReadAcrossManyExchanges() throws Exception {
        try (Socket s = connect()) {
            byte[] body = "x".repeat(40_000).getBytes(ISO_8859_1); // > ScratchBuffers.SIZE
            byte[] head = ("GET / HTTP/1.1\r\nHost: a\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(ISO_8859_1);
            s.getOutputStream().write(head);
            for (int i = 0; i < body.length; i += 3000) { // in pieces: the request stays partial a while
                s.getOutputStream().write(body, i, Math.min(3000, body.length - i));
                s.getOutputStream().flush();
            }
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(ISO_8859_1));
            assertEquals(HELLO.repeat(2), readExactly(s.getInputStream(), HELLO.length() * 2));
        }
    }

    @Test
    void aPeerThatDoesNotReadGetsEveryReplyOnceItDoes() throws Exception {
        int requests = 100_000; // 8.8 MB of replies: more than the socket buffers take at once
        try (Socket s = connect()) {
            s.setReceiveBufferSize(16 * 1024);
            byte[] batch = "GET / HTTP/1.1\r\nHost: a\r\n\r\n".repeat(100).getBytes(ISO_8859_1);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < requests / 100; i++) {
                        s.getOutputStream().write(batch);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            // The server's replies back up: its session waits for writability before we read.
            String writing = serveWaitingAt("await(socket.writeAll(unsent))");
            TaskDumps.await(runtime, dump -> TaskDumps.count(dump, writing) == 1, "the session waiting to write");
            byte[] replies = s.getInputStream().readNBytes(HELLO.length() * requests);
            writer.join(10_000);
            assertEquals(HELLO.length() * requests, replies.length);
            assertEquals(HELLO.repeat(requests), new String(replies, ISO_8859_1));
        }
    }

    @Test
    void manyConnectionsWaitingInTheMiddleOfARequestAreAllAnswered() throws Exception {
        List<Socket> sockets = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 200; i++) {
                Socket s = connect();
                sockets.add(s);
                s.getOutputStream().write(("GET /" + i + " HTTP/1.1\r\nHost: local").getBytes(ISO_8859_1));
            }
            // Every connection now holds an incomplete request: each session read what came and
            // waits for more (the accept loop waits too).
            String reading = serveWaitingAt("guard(socket.readable())); // the next request");
            TaskDumps.await(runtime, dump -> TaskDumps.count(dump, reading) == 200 && dump.tasks().size() == 201
                    && dump.tasks().stream().allMatch(t -> t.state().equals("idle")), "200 sessions waiting for input");
            for (Socket s : sockets) {
                s.getOutputStream().write("host\r\n\r\n".getBytes(ISO_8859_1));
            }
            for (Socket s : sockets) {
                assertEquals(HELLO, readExactly(s.getInputStream(), HELLO.length()));
            }
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }
}
