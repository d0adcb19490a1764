package dev.jawait.samples.miniredis;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client that pipelines numbered commands on one connection and checks every reply, for tests
 * that stop the server under load: command {@code n} is {@code INCR pipeline:<id>} when {@code n}
 * is even (reply {@code :n/2+1}) and {@code ECHO <id>:<n>} when it is odd (reply that text), so a
 * lost, repeated, reordered or cut reply shows. A writer thread keeps at most {@link #WINDOW}
 * commands unanswered (so everything written sits in the server's socket buffer, not in this
 * one's), a reader thread checks the replies in order until the server ends the stream.
 *
 * <pre>{@code
 * NumberedPipeline p = NumberedPipeline.start(port, 1);
 * long sent = p.written();            // before the server stops
 * ... stop the server ...
 * assertTrue(p.awaitEnd(timeout));
 * assertNull(p.failure());            // replies correct, the stream ended between two replies
 * assertTrue(p.answered() >= sent);
 * }</pre>
 */
final class NumberedPipeline {
    /** Commands written and not answered yet, at most: a few KB, far below any socket buffer. */
    static final int WINDOW = 64;
    /** Commands written with one {@code write} at most. */
    private static final int BATCH = 8;

    private final int id;
    private final Socket socket;
    private final Semaphore window = new Semaphore(WINDOW);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final Thread writer;
    private final Thread reader;
    private volatile boolean ended;
    private volatile String failure;

    private NumberedPipeline(int port, int id, Duration readTimeout) throws IOException {
        this.id = id;
        this.socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout((int) readTimeout.toMillis()); // a stalled server fails the reader, bounded
        this.writer = new Thread(this::write, "pipeline-" + id + "-writer");
        this.reader = new Thread(this::read, "pipeline-" + id + "-reader");
    }

    /** Connects to 127.0.0.1:{@code port} and starts pipelining. */
    static NumberedPipeline start(int port, int id, Duration readTimeout) throws IOException {
        NumberedPipeline p = new NumberedPipeline(port, id, readTimeout);
        p.writer.setDaemon(true);
        p.reader.setDaemon(true);
        p.reader.start();
        p.writer.start();
        return p;
    }

    /** Commands whose {@code write} has returned: they are in the kernel's hands. */
    long written() {
        return written.get();
    }

    /** Replies received complete and correct, in order. */
    long answered() {
        return answered.get();
    }

    /** What went wrong (a wrong or cut reply, a reset, a timeout), or null. */
    String failure() {
        return failure;
    }

    /** Waits at most {@code within} for the server to end the stream and both threads to finish. */
    boolean awaitEnd(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        reader.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        writer.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
        return !reader.isAlive() && !writer.isAlive();
    }

    /** Closes the socket (ends both threads), e.g. when a test gives up. */
    void close() throws IOException {
        ended = true;
        socket.close();
    }

    private byte[] command(long n) {
        String[] args = n % 2 == 0 ? new String[] {"INCR", "pipeline:" + id} : new String[] {"ECHO", id + ":" + n};
        return RespClient.encode(args);
    }

    private byte[] reply(long n) {
        if (n % 2 == 0) {
            return (":" + (n / 2 + 1) + "\r\n").getBytes(US_ASCII);
        }
        String text = id + ":" + n;
        return ("$" + text.length() + "\r\n" + text + "\r\n").getBytes(US_ASCII);
    }

    private void write() {
        try {
            OutputStream out = socket.getOutputStream();
            long next = 0;
            while (!ended) {
                if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                int k = 1 + Math.min(BATCH - 1, window.availablePermits());
                if (k > 1 && !window.tryAcquire(k - 1)) {
                    k = 1;
                }
                java.io.ByteArrayOutputStream batch = new java.io.ByteArrayOutputStream();
                for (int i = 0; i < k; i++) {
                    batch.writeBytes(command(next + i));
                }
                out.write(batch.toByteArray());
                next += k;
                written.set(next);
            }
        } catch (IOException serverClosedOrReset) {
            // The server stopped reading: what it answered is the reader's to check.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (long n = 0; ; n++) {
                byte[] expected = reply(n);
                for (int i = 0; i < expected.length; i++) {
                    int b = in.read();
                    if (b < 0 && i == 0) {
                        return; // the end of the stream, between two replies
                    }
                    if (b != expected[i]) {
                        failure = "reply " + n + " of pipeline " + id + ": expected "
                                + new String(expected, US_ASCII).strip() + ", got "
                                + (b < 0 ? "the end of the stream after " + i + " bytes" : "byte " + b + " at " + i);
                        return;
                    }
                }
                answered.set(n + 1);
                window.release();
            }
        } catch (IOException e) {
            failure = "pipeline " + id + " after " + answered.get() + " replies: " + e; // a reset loses replies
        } finally {
            ended = true;
        }
    }
}
