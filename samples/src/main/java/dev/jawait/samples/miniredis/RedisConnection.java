package dev.jawait.samples.miniredis;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.sync.Receiver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;

/**
 * The asynchronous part of mini-redis, written as blocking code with {@code await}; the jawait
 * processor compiles it into {@code RedisConnectionAsync}. Everything else (parsing, commands,
 * store) is plain synchronous Java called between awaits.
 *
 * <pre>{@code
 * Task.spawn(RedisConnectionAsync.acceptLoop(listener, state, connections));
 * }</pre>
 */
final class RedisConnection {
    static final int INITIAL_BUFFER = 16 * 1024;
    /** Buffers grown for a huge frame go back to the initial size once drained. */
    static final int RETAINED_BUFFER = 256 * 1024;

    private RedisConnection() {}

    /** Accepts connections for ever, one task each; ends when the listener is closed. */
    @Async
    static void acceptLoop(TcpListener listener, ServerState state, Set<TcpStream> connections)
            throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            socket.setNoDelay(true);
            connections.add(socket);
            Task.spawn(RedisConnectionAsync.serve(socket, state, connections));
        }
    }

    /**
     * Serves one client: read what arrived, run every complete command, write all the replies
     * in one write (pipelining), until QUIT, a protocol error, or the client leaves.
     */
    @Async
    static void serve(TcpStream socket, ServerState state, Set<TcpStream> connections) {
        Session session = state.newSession(() -> SocketOutbox.start(socket, SocketOutbox.DEFAULT_CAPACITY));
        ByteBuffer in = ByteBuffer.allocate(INITIAL_BUFFER);
        RespEncoder out = new RespEncoder();
        try {
            while (!session.closeAfterReply()) {
                if (!in.hasRemaining()) {
                    in = grow(in); // a frame larger than the buffer: make room for the rest
                }
                int n = await(socket.read(in));
                if (n < 0) {
                    break;
                }
                in.flip();
                session.process(in, out);
                in.compact();
                if (in.position() == 0 && in.capacity() > RETAINED_BUFFER) {
                    in = ByteBuffer.allocate(INITIAL_BUFFER);
                }
                if (!out.isEmpty()) { // once subscribed, process() handed the replies to the outbox
                    await(socket.writeAll(out.asBuffer()));
                    out.reset();
                }
            }
            SocketOutbox outbox = (SocketOutbox) session.outbox();
            if (outbox != null) {
                await(outbox.finish()); // QUIT's +OK and queued messages still go out
            }
        } catch (IOException e) {
            // The peer reset or we were evicted: nothing to report, as Redis.
        } finally {
            session.close();
            connections.remove(socket);
            socket.close();
        }
    }

    /** The writer task of a subscribed connection: sends queued frames, batching what it finds. */
    @Async
    static void drain(TcpStream socket, Receiver<byte[]> frames) {
        RespEncoder batch = new RespEncoder();
        try {
            while (true) {
                Optional<byte[]> first = await(frames.recv());
                if (first.isEmpty()) {
                    return;
                }
                batch.raw(first.get());
                byte[] more;
                while (batch.size() < 64 * 1024 && (more = frames.tryRecv()) != null) {
                    batch.raw(more);
                }
                await(socket.writeAll(batch.asBuffer()));
                batch.reset();
            }
        } catch (IOException e) {
            // Peer gone: refuse further frames so publishers evict this subscriber.
        } finally {
            frames.close();
        }
    }

    static ByteBuffer grow(ByteBuffer full) {
        ByteBuffer bigger = ByteBuffer.allocate(full.capacity() * 2);
        full.flip();
        bigger.put(full);
        return bigger;
    }

}
