package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.Poll;
import dev.jawait.runtime.driver.MiniExecutor;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.zip.CRC32;

/**
 * Hand-written state machines (what the processor would generate) for the echo tests: a
 * server accept loop, a per-connection echo, and a client that writes a payload in random
 * pieces while concurrently reading the echo back and checking its CRC32.
 *
 * <pre>{@code
 * executor.spawn(new EchoFutures.Server(listener, executor, 100));
 * long crc = executor.blockOn(new EchoFutures.Client(address, payload, seed));
 * }</pre>
 */
final class EchoFutures {
    private EchoFutures() {}

    /** Accepts {@code connections} connections, spawning an echo task for each, then closes. */
    static final class Server implements Future<Integer> {
        private final TcpListener listener;
        private final Consumer<Future<Long>> spawner;
        private final int connections;
        private int accepted;
        private Future<TcpStream> accept;

        Server(TcpListener listener, MiniExecutor executor, int connections) {
            this(listener, executor::spawn, connections);
        }

        Server(TcpListener listener, Consumer<Future<Long>> spawner, int connections) {
            this.listener = listener;
            this.spawner = spawner;
            this.connections = connections;
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
                spawner.accept(new Connection(p.value()));
            }
            listener.close();
            return Poll.ready(accepted);
        }
    }

    /** Echoes until end of stream, then closes; completes with the byte count. */
    static final class Connection implements Future<Long> {
        private final TcpStream socket;
        private final ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        private Future<Integer> read;
        private Future<Void> write;
        private long total;

        Connection(TcpStream socket) {
            this.socket = socket;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            try {
                while (true) {
                    if (write == null) {
                        if (read == null) {
                            read = socket.read(buf.clear());
                        }
                        Poll<Integer> n = read.poll(cx);
                        if (n.isPending()) {
                            return Poll.pending();
                        }
                        read = null;
                        if (n.value() < 0) {
                            socket.close();
                            return Poll.ready(total);
                        }
                        total += n.value();
                        write = socket.writeAll(buf.flip());
                    }
                    if (write.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    write = null;
                }
            } catch (RuntimeException | Error e) {
                socket.close();
                throw e;
            }
        }
    }

    /** Connects, then writes the payload in random pieces while reading the echo back. */
    static final class Client implements Future<Long> {
        private final java.net.SocketAddress address;
        private final byte[] payload;
        private final SplittableRandom random;
        private Future<TcpStream> connect;
        private TcpStream socket;
        // writer half
        private int written;
        private Future<Void> write;
        private boolean writerDone;
        // reader half
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private final CRC32 received = new CRC32();
        private long receivedBytes;
        private Future<Integer> read;

        Client(java.net.SocketAddress address, byte[] payload, long seed) {
            this.address = address;
            this.payload = payload;
            this.random = new SplittableRandom(seed);
        }

        /** Completes with the CRC32 of what came back. */
        @Override
        public Poll<Long> poll(Context cx) {
            try {
                if (socket == null) {
                    if (connect == null) {
                        connect = TcpStream.connect(address);
                    }
                    Poll<TcpStream> p = connect.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    socket = p.value();
                }
                pollWriter(cx);
                if (pollReader(cx)) {
                    socket.close();
                    if (receivedBytes != payload.length) {
                        throw new AssertionError("echoed " + receivedBytes + " of " + payload.length);
                    }
                    return Poll.ready(received.getValue());
                }
                return Poll.pending();
            } catch (RuntimeException | Error e) {
                if (socket != null) {
                    socket.close();
                }
                throw e;
            }
        }

        private void pollWriter(Context cx) {
            while (!writerDone) {
                if (write == null) {
                    if (written == payload.length) {
                        writerDone = true;
                        try {
                            socket.shutdownOutput();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                        return;
                    }
                    int piece = 1 + random.nextInt(Math.min(payload.length - written, 200_000));
                    write = socket.writeAll(ByteBuffer.wrap(payload, written, piece));
                    written += piece;
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
                    read = socket.read(in);
                }
                Poll<Integer> n = read.poll(cx);
                if (n.isPending()) {
                    return false;
                }
                read = null;
                if (n.value() < 0) {
                    return true;
                }
                received.update(in.array(), 0, n.value());
                receivedBytes += n.value();
            }
        }
    }
}
