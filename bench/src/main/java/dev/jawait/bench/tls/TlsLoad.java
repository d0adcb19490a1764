package dev.jawait.bench.tls;

import dev.jawait.bench.support.VirtualThreads;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The load client of the TLS comparison (JDK 21+): the JDK's {@code SSLSocket} on virtual
 * threads — the same client for every server — against a TLS echo server on 127.0.0.1. Prints
 * {@code RESULT} lines (tab-separated: group, metric, subject, value, unit, better).
 *
 * <ul>
 *   <li>{@code handshakes}: {@code --connections} threads each connect, shake hands (a full
 *       handshake: the session is invalidated afterwards, so nothing is resumed), echo 32 bytes
 *       and close, for {@code --seconds}: handshakes/s; with {@code --http}, instead of the echo each
 *       sends one HTTP request with {@code Connection: close} and reads the response until the
 *       server closes (a new HTTPS connection per request, for the HTTPS hello servers);
 *   <li>{@code echo}: {@code --connections} kept connections each send {@code --size} bytes and
 *       wait for the echo, for {@code --seconds} after {@code --warmup}: requests/s, p50, p99;
 *   <li>{@code mixed}: {@code echo} on {@code --connections} while {@code --handshakers} threads
 *       open new connections: how much a handshake storm delays the established connections;
 *   <li>{@code idle}: opens {@code --connections} TLS connections, prints {@code OPEN n}, holds
 *       them until stopped (or {@code --seconds}).
 * </ul>
 *
 * <pre>{@code
 * java -cp benchmarks.jar dev.jawait.bench.tls.TlsLoad echo --port 8443 --keystore server.p12 \
 *     --storepass changeit --subject jawait --connections 64 --size 64 --seconds 10
 * }</pre>
 */
public final class TlsLoad {
    private final int port;
    private final SSLSocketFactory factory;
    /** {@code --http}: a new connection carries one HTTP request with Connection: close, not an echo. */
    private final boolean http;

    private static final byte[] CLOSING_REQUEST =
            "GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private TlsLoad(int port, SSLContext context, boolean http) {
        this.port = port;
        this.factory = context.getSocketFactory();
        this.http = http;
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        int port = 8443;
        Path keyStore = null;
        String password = null;
        String subject = "server";
        int connections = 64;
        int handshakers = 4;
        int size = 64;
        int seconds = 10;
        int warmup = 3;
        boolean http = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--keystore" -> keyStore = Path.of(args[++i]);
                case "--storepass" -> password = args[++i];
                case "--subject" -> subject = args[++i];
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--handshakers" -> handshakers = Integer.parseInt(args[++i]);
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--http" -> http = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        TlsLoad load = new TlsLoad(port, TlsBenchKeys.clientContext(keyStore, password), http);
        switch (mode) {
            case "handshakes" -> load.handshakes(subject, connections, warmup, seconds);
            case "echo" -> load.echo(subject, "echo", connections, 0, size, warmup, seconds);
            case "mixed" -> load.echo(subject, "mixed", connections, handshakers, size, warmup, seconds);
            case "idle" -> load.idle(connections, seconds);
            default -> throw new IllegalArgumentException("mode: handshakes, echo, mixed or idle");
        }
    }

    private SSLSocket connect() throws IOException {
        Socket plain = new Socket();
        plain.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
        plain.setTcpNoDelay(true);
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, "localhost", port, true);
        SSLParameters p = tls.getSSLParameters();
        p.setEndpointIdentificationAlgorithm("HTTPS");
        p.setServerNames(List.of(new SNIHostName("localhost")));
        tls.setSSLParameters(p);
        tls.setSoTimeout(30_000);
        tls.startHandshake();
        return tls;
    }

    /** One new connection: full handshake, 32 bytes echoed (or one HTTP request answered), close. */
    private void oneHandshake(byte[] ping, byte[] pong) throws IOException {
        SSLSocket tls = connect();
        try (tls) {
            if (http) {
                tls.getOutputStream().write(CLOSING_REQUEST);
                byte[] response = tls.getInputStream().readAllBytes(); // until the server's close_notify
                if (response.length < 12 || response[9] != '2') {
                    throw new IOException("unexpected HTTP response of " + response.length + " bytes");
                }
            } else {
                tls.getOutputStream().write(ping);
                new DataInputStream(tls.getInputStream()).readFully(pong);
            }
        } finally {
            tls.getSession().invalidate(); // the next connection must not resume it
        }
    }

    private void handshakes(String subject, int threads, int warmup, int seconds) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            running.add(VirtualThreads.start(() -> {
                byte[] ping = new byte[32];
                byte[] pong = new byte[32];
                long now;
                while ((now = System.nanoTime()) < end) {
                    try {
                        oneHandshake(ping, pong);
                        if (now >= measureFrom) {
                            done.incrementAndGet();
                        }
                    } catch (IOException e) {
                        if (failed.incrementAndGet() == 1) {
                            System.err.println("first failed handshake: " + e);
                        }
                    }
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        result("tls-handshakes", "handshakes/s", subject, done.get() / (double) seconds, "1/s", "higher");
        result("tls-handshakes", "failed", subject, failed.get(), "count", "lower");
    }

    private void echo(String subject, String group, int connections, int handshakers, int size, int warmup,
            int seconds) throws Exception {
        List<SSLSocket> sockets = connectAll(connections); // before the clock starts
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = measureFrom + TimeUnit.SECONDS.toNanos(seconds);
        long[][] latencies = new long[connections][];
        int[] counts = new int[connections];
        AtomicLong handshakes = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        for (int h = 0; h < handshakers; h++) {
            running.add(VirtualThreads.start(() -> {
                byte[] ping = new byte[32];
                byte[] pong = new byte[32];
                while (System.nanoTime() < end) {
                    try {
                        oneHandshake(ping, pong);
                        handshakes.incrementAndGet();
                    } catch (IOException e) {
                        // counted by the absence of a handshake
                    }
                }
            }));
        }
        for (int c = 0; c < connections; c++) {
            int id = c;
            SSLSocket tls = sockets.get(c);
            latencies[c] = new long[1 << 16];
            running.add(VirtualThreads.start(() -> {
                byte[] request = new byte[size];
                byte[] response = new byte[size];
                try {
                    DataInputStream in = new DataInputStream(tls.getInputStream());
                    long now;
                    while ((now = System.nanoTime()) < end) {
                        tls.getOutputStream().write(request);
                        in.readFully(response);
                        long took = System.nanoTime() - now;
                        if (now >= measureFrom && counts[id] < latencies[id].length) {
                            latencies[id][counts[id]++] = took;
                        }
                    }
                } catch (IOException e) {
                    System.err.println("echo connection failed: " + e);
                }
            }));
        }
        for (Thread t : running) {
            t.join();
        }
        for (SSLSocket s : sockets) {
            s.close();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < connections; c++) {
            System.arraycopy(latencies[c], 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        result(group, "requests/s", subject, total / (double) seconds, "1/s", "higher");
        if (total > 0) {
            result(group, "p50", subject, all[total / 2] / 1000.0, "us", "lower");
            result(group, "p99", subject, all[(int) (total * 0.99)] / 1000.0, "us", "lower");
        }
        if (handshakers > 0) {
            result(group, "handshakes/s", subject, handshakes.get() / (double) (seconds + warmup), "1/s", "higher");
        }
    }

    /**
     * Opens {@code count} connections, 32 handshakes at a time; a failed one is retried (up to 3
     * times: on a loaded machine a server may time a handshake out).
     */
    private List<SSLSocket> connectAll(int count) throws Exception {
        List<SSLSocket> open = java.util.Collections.synchronizedList(new ArrayList<>(count));
        AtomicLong left = new AtomicLong(count);
        List<Thread> openers = new ArrayList<>();
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        for (int t = 0; t < Math.min(32, count); t++) {
            openers.add(VirtualThreads.start(() -> {
                while (left.getAndDecrement() > 0 && failure.get() == null) {
                    for (int attempt = 1; ; attempt++) {
                        try {
                            open.add(connect());
                            break;
                        } catch (IOException e) {
                            if (attempt == 3) {
                                failure.compareAndSet(null, e);
                                break;
                            }
                        }
                    }
                }
            }));
        }
        for (Thread t : openers) {
            t.join();
        }
        if (failure.get() != null) {
            for (SSLSocket s : open) {
                s.close();
            }
            throw failure.get();
        }
        return new ArrayList<>(open);
    }

    private void idle(int connections, int seconds) throws Exception {
        List<SSLSocket> open = List.of();
        long start = System.nanoTime();
        try {
            open = connectAll(connections);
            System.out.printf("OPEN %d in %d ms%n", open.size(), (System.nanoTime() - start) / 1_000_000);
            System.out.flush();
            Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        } finally {
            for (SSLSocket s : open) {
                s.close();
            }
        }
    }

    private static void result(String group, String metric, String subject, double value, String unit, String better) {
        System.out.printf("RESULT\t%s\t%s\t%s\t%.1f\t%s\t%s%n", group, metric, subject, value, unit, better);
    }
}
