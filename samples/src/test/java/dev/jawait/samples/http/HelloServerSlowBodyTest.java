package dev.jawait.samples.http;

import static dev.jawait.samples.http.HelloServerFixture.heapAfterGc;
import static dev.jawait.samples.http.HelloServerFixture.openFds;
import static dev.jawait.samples.http.HelloServerFixture.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 19: every request body used to be buffered whole (up to 1 MB), so 400 slow POST
 * connections reached 1.3 GB. Here 400 connections each announce a body of almost 1 MB and send
 * 64 KB of it, slowly, in 4 KB pieces: the server must hold none of it — its gauge of held bytes
 * stays at 0, and the heap after GC grows by less than {@link #HEAP_PER_CONNECTION} per
 * connection (client sockets included), where buffering would cost 64 KB or more each — while
 * fresh clients are answered within a second.
 */
@Timeout(120)
class HelloServerSlowBodyTest {
    static final int CONNECTIONS = 400;
    static final int PIECE = 4 * 1024;
    static final int PIECES = 16;
    /** Below the old 1 MB body limit, so that the old server buffered instead of refusing. */
    static final int ANNOUNCED = 1_000_000;
    /** Bound on heap growth per open connection, both ends' objects together. */
    static final long HEAP_PER_CONNECTION = 8 * 1024;

    @Test
    void slowPostsAreReadPastNotBuffered() throws Exception {
        try (HelloServerFixture f = new HelloServerFixture()) {
            f.warmUp();
            int fdsBefore = openFds();
            int tasksBefore = f.runtime.liveTaskCount();
            long heapBefore = heapAfterGc();
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    Socket s = f.connect();
                    sockets.add(s);
                    s.getOutputStream().write(HttpReplies.bytes(
                            "POST /upload HTTP/1.1\r\nHost: a\r\nContent-Length: " + ANNOUNCED + "\r\n\r\n"));
                }
                byte[] piece = new byte[PIECE];
                for (int p = 0; p < PIECES; p++) { // one piece to every connection per round: all stay mid-body
                    for (Socket s : sockets) {
                        s.getOutputStream().write(piece);
                    }
                    f.assertServedWithinOneSecond();
                }
                long sent = (long) CONNECTIONS * PIECE * PIECES;
                waitUntil(30, () -> f.server.bodyBytesSkipped() == sent,
                        () -> f.server.bodyBytesSkipped() + " of " + sent + " body bytes read");
                assertEquals(0, f.server.bytesHeld(), "bytes the connections hold");
                long grown = heapAfterGc() - heapBefore;
                System.out.printf("%d connections mid-body, %d KB each sent: heap grew %d KB (%d bytes per connection)%n",
                        CONNECTIONS, PIECE * PIECES / 1024, grown / 1024, grown / CONNECTIONS);
                assertTrue(grown < CONNECTIONS * HEAP_PER_CONNECTION,
                        "heap grew " + grown / 1024 + " KB for " + CONNECTIONS + " connections");
                f.assertServedWithinOneSecond();
            } finally {
                for (Socket s : sockets) {
                    s.close();
                }
            }
            f.waitForBaseline(fdsBefore, tasksBefore);
            assertEquals(0, f.server.bytesHeld());
        }
    }
}
