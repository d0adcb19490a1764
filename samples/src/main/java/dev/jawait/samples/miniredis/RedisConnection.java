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
     * Serves one client: wait until input arrives (holding no buffer while idle), then run every
     * complete command read and write all their replies at once (pipelining), until QUIT, a
     * protocol error, or the client leaves.
     */
    @Async
    static void serve(TcpStream socket, ServerState state, Set<TcpStream> connections) {
        Session session = state.newSession(() -> SocketOutbox.start(socket, SocketOutbox.DEFAULT_CAPACITY));
        ConnectionIo io = new ConnectionIo(session);
        try {
            while (!io.isClosed()) {
                await(socket.readable());
                ByteBuffer unsent = io.exchange(socket);
                if (unsent != null) { // the peer reads slowly: finish this batch before reading more
                    await(socket.writeAll(unsent));
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
}
