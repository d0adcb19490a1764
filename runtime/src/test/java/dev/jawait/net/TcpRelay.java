package dev.jawait.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A one-connection TCP relay on plain threads that can hold back the client-to-server bytes:
 * {@link #holdAfter(long)} lets only so many more through, so a test can leave a TLS record
 * half-delivered. It also tells when the server side has closed.
 *
 * <pre>{@code
 * try (TcpRelay relay = new TcpRelay(listener.localAddress())) {
 *     connect to relay.address() ...
 *     relay.holdAfter(300);            // the next 300 bytes pass, the rest waits
 *     relay.release();
 * }
 * }</pre>
 */
final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private long upstream;          // bytes passed client -> server
    private long limit = Long.MAX_VALUE;
    private boolean serverClosed;

    TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        start("relay-accept", this::acceptOne);
    }

    InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getLocalPort());
    }

    /** Lets {@code bytes} more client bytes through, then holds the rest. */
    synchronized void holdAfter(long bytes) {
        limit = upstream + bytes;
    }

    /** Client bytes that have passed so far. */
    synchronized long upstream() {
        return upstream;
    }

    synchronized void release() {
        limit = Long.MAX_VALUE;
        notifyAll();
    }

    /** Waits (up to 20 s) until the server closed its side; true if it did. */
    synchronized boolean awaitServerClosed() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!serverClosed && System.nanoTime() < deadline) {
            wait(50);
        }
        return serverClosed;
    }

    private void acceptOne() {
        try {
            Socket client = server.accept();
            Socket upstreamSocket = new Socket();
            upstreamSocket.connect(target, 5000);
            synchronized (this) {
                sockets.add(client);
                sockets.add(upstreamSocket);
            }
            InputStream fromClient = client.getInputStream();
            OutputStream toClient = client.getOutputStream();
            InputStream fromServer = upstreamSocket.getInputStream();
            OutputStream toServer = upstreamSocket.getOutputStream();
            start("relay-up", () -> pump(fromClient, toServer, true));
            start("relay-down", () -> pump(fromServer, toClient, false));
        } catch (IOException e) {
            // closed before a client came
        }
    }

    private void pump(InputStream in, OutputStream out, boolean up) {
        byte[] buf = new byte[8192];
        try {
            int n;
            while ((n = in.read(buf)) > 0) {
                int off = 0;
                while (off < n) {
                    int pass = up ? allowance(n - off) : n - off;
                    out.write(buf, off, pass);
                    out.flush();
                    off += pass;
                }
            }
        } catch (IOException | InterruptedException e) {
            // a side closed or the relay was closed
        }
        if (!up) {
            synchronized (this) {
                serverClosed = true;
                notifyAll();
            }
        }
    }

    /** How many of {@code wanted} bytes may pass now, waiting while none may. */
    private synchronized int allowance(int wanted) throws InterruptedException {
        while (upstream >= limit) {
            wait();
        }
        int pass = (int) Math.min(wanted, limit - upstream);
        upstream += pass;
        return pass;
    }

    private void start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        synchronized (this) {
            threads.add(thread);
        }
        thread.start();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        server.close();
        List<Socket> open;
        List<Thread> running;
        synchronized (this) {
            open = new ArrayList<>(sockets);
            running = new ArrayList<>(threads);
            limit = Long.MAX_VALUE;
            notifyAll();
        }
        for (Socket s : open) {
            s.close();
        }
        for (Thread thread : running) {
            thread.join(10_000);
        }
    }
}
