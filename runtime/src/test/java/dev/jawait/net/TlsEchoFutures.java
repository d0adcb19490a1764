package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Hand-written state machines (what the processor would generate) for the TLS echo tests, in
 * the style of {@link EchoFutures}: an accept loop spawning one task per connection, the
 * server side of a connection (handshake, echo until close_notify, close_notify back), and a
 * client that writes a payload in random pieces while it reads the echo back. Both sides
 * complete with the SHA-256 of what they received. Each closes its stream when it ends, fails
 * or is cancelled, as an {@code @Async} method's try-with-resources would.
 *
 * <pre>{@code
 * runtime.spawn(new TlsEchoFutures.Server(listener, config, 100, null, handles::add));
 * byte[] sha = runtime.blockOn(new TlsEchoFutures.Client(address, clientConfig, payload, seed));
 * }</pre>
 */
final class TlsEchoFutures {
    private TlsEchoFutures() {}

    /** Accepts {@code connections} connections, spawning a {@link Connection} task for each. */
    static final class Server implements Future<Integer> {
        private final TcpListener listener;
        private final TlsConfig config;
        private final int connections;
        private final Duration handshakeTimeout;
        private final Consumer<JoinHandle<byte[]>> spawned;
        private int accepted;
        private Future<TcpStream> accept;

        /** {@code handshakeTimeout} null: no timeout. */
        Server(TcpListener listener, TlsConfig config, int connections, Duration handshakeTimeout,
                Consumer<JoinHandle<byte[]>> spawned) {
            this.listener = listener;
            this.config = config;
            this.connections = connections;
            this.handshakeTimeout = handshakeTimeout;
            this.spawned = spawned;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (accepted < connections) {
                if (accept == null) {
                    accept = listener.accept();
                }
                Poll<TcpStream> p = accept.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                accept = null;
                accepted++;
                spawned.accept(Task.spawn(new Connection(p.value(), config, handshakeTimeout)));
            }
            return Poll.ready(accepted);
        }

        @Override
        public boolean cancel() {
            if (accept != null) {
                accept.cancel();
            }
            return false;
        }
    }

    /** Server side: handshake, echo until the client's close_notify, send ours, close. */
    static final class Connection implements Future<byte[]> {
        private final TcpStream tcp;
        private final TlsConfig config;
        private final Duration handshakeTimeout;
        private final ByteBuffer buf = ByteBuffer.allocate(20 * 1024);
        private final MessageDigest received = TlsTesting.sha256();
        private Future<TlsStream> handshake;
        private TlsStream tls;
        private Future<Integer> read;
        private Future<Void> write;
        private Future<Void> goodbye;

        Connection(TcpStream tcp, TlsConfig config, Duration handshakeTimeout) {
            this.tcp = tcp;
            this.config = config;
            this.handshakeTimeout = handshakeTimeout;
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            try {
                if (tls == null) {
                    if (handshake == null) {
                        handshake = handshakeTimeout == null ? TlsStream.server(tcp, config)
                                : Time.timeout(handshakeTimeout, TlsStream.server(tcp, config));
                    }
                    Poll<TlsStream> p = handshake.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    handshake = null;
                    tls = p.value();
                }
                while (goodbye == null) {
                    if (write == null) {
                        if (read == null) {
                            read = tls.read(buf.clear());
                        }
                        Poll<Integer> n = read.poll(cx);
                        if (n.isPending()) {
                            return Poll.pending();
                        }
                        read = null;
                        if (n.value() < 0) {
                            goodbye = tls.shutdownOutput();
                            break;
                        }
                        received.update(buf.array(), 0, n.value());
                        write = tls.writeAll(buf.flip());
                    }
                    if (write.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    write = null;
                }
                if (goodbye.poll(cx).isPending()) {
                    return Poll.pending();
                }
                close();
                return Poll.ready(received.digest());
            } catch (Throwable e) {
                close();
                throw Failures.sneaky(e);
            }
        }

        private void close() {
            if (tls != null) {
                tls.close();
            } else {
                tcp.close();
            }
        }

        @Override
        public boolean cancel() {
            for (Future<?> f : new Future<?>[] {handshake, read, write, goodbye}) {
                if (f != null) {
                    f.cancel();
                }
            }
            close();
            return false;
        }
    }

    /** Client: connect, handshake, write the payload in random pieces while reading the echo. */
    static final class Client implements Future<byte[]> {
        private final SocketAddress address;
        private final TlsConfig config;
        private final byte[] payload;
        private final SplittableRandom random;
        private Future<TcpStream> connect;
        private Future<TlsStream> handshake;
        private TlsStream tls;
        // writer half
        private int written;
        private Future<Void> write;
        private boolean writerDone;
        // reader half
        private final ByteBuffer in = ByteBuffer.allocate(40 * 1024);
        private final MessageDigest echoed = TlsTesting.sha256();
        private long echoedBytes;
        private Future<Integer> read;

        Client(SocketAddress address, TlsConfig config, byte[] payload, long seed) {
            this.address = address;
            this.config = config;
            this.payload = payload;
            this.random = new SplittableRandom(seed);
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            try {
                if (tls == null) {
                    if (handshake == null) {
                        if (connect == null) {
                            connect = TcpStream.connect(address);
                        }
                        Poll<TcpStream> c = connect.poll(cx);
                        if (c.isPending()) {
                            return Poll.pending();
                        }
                        connect = null; // done: cancelling it now would close the socket
                        handshake = TlsStream.client(c.value(), config, "localhost");
                    }
                    Poll<TlsStream> h = handshake.poll(cx);
                    if (h.isPending()) {
                        return Poll.pending();
                    }
                    tls = h.value();
                    handshake = null;
                }
                pollWriter(cx);
                if (!pollReader(cx)) {
                    return Poll.pending();
                }
                tls.close();
                if (echoedBytes != payload.length) {
                    throw new AssertionError("echoed " + echoedBytes + " of " + payload.length);
                }
                return Poll.ready(echoed.digest());
            } catch (Throwable e) {
                cancel();
                throw Failures.sneaky(e);
            }
        }

        private void pollWriter(Context cx) throws IOException {
            while (!writerDone) {
                if (write == null) {
                    if (written == payload.length) {
                        write = tls.shutdownOutput(); // close_notify: the server's echo loop ends
                        written = -1;
                    } else if (written < 0) {
                        writerDone = true;
                        return;
                    } else {
                        int piece = 1 + random.nextInt(Math.min(payload.length - written, 50_000));
                        write = tls.writeAll(ByteBuffer.wrap(payload, written, piece));
                        written += piece;
                    }
                }
                if (write.poll(cx).isPending()) {
                    return;
                }
                write = null;
            }
        }

        private boolean pollReader(Context cx) {
            while (true) {
                if (read == null) {
                    in.clear().limit(1 + random.nextInt(in.capacity()));
                    read = tls.read(in);
                }
                Poll<Integer> n = read.poll(cx);
                if (n.isPending()) {
                    return false;
                }
                read = null;
                if (n.value() < 0) {
                    return true;
                }
                echoed.update(in.array(), 0, n.value());
                echoedBytes += n.value();
            }
        }

        @Override
        public boolean cancel() {
            for (Future<?> f : new Future<?>[] {connect, handshake, write, read}) {
                if (f != null) {
                    f.cancel();
                }
            }
            connect = null;
            if (tls != null) {
                tls.close();
            }
            return false;
        }
    }
}
