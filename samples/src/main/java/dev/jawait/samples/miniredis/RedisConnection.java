package dev.jawait.samples.miniredis;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Task;
import dev.jawait.samples.shutdown.GracefulShutdown;
import dev.jawait.samples.net.ByteStream;
import dev.jawait.samples.net.StreamListener;
import dev.jawait.sync.Receiver;
import dev.jawait.time.Time;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;

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
    /** Pause after a failed accept (EMFILE), so a lasting shortage of descriptors does not spin. */
    static final Duration ACCEPT_RETRY = Duration.ofMillis(50);
    /** How long a connection closed by a stopping server waits for the client to close its side. */
    static final Duration LINGER = Duration.ofSeconds(1);

    private RedisConnection() {}

    /**
     * Accepts connections for ever, one task each; ends when the listener is closed. Past
     * {@link ServerState#maxClients()} a connection is answered Redis' error and closed, which
     * keeps the server from running out of file descriptors (maxclients is fitted to the
     * descriptor limit at start, see {@link MiniRedis#maxClientsFor}). A failed accept while the
     * listener is open (out of descriptors all the same, EMFILE) is reported and retried after
     * {@link #ACCEPT_RETRY}, as Redis goes on after logging it, instead of ending the loop.
     */
    @Async
    static void acceptLoop(StreamListener listener, ServerState state, Set<ByteStream> connections,
            GracefulShutdown shutdown) throws IOException {
        while (true) {
            ByteStream socket;
            try {
                socket = await(listener.accept());
            } catch (IOException e) {
                if (!listener.isOpen()) {
                    throw e;
                }
                System.err.println("mini-redis: accepting a connection failed, retrying: " + e);
                await(Time.sleep(ACCEPT_RETRY));
                continue;
            }
            if (connections.size() >= state.maxClients()) {
                state.connectionRejected(); // counted before the client can see the refusal
                ConnectionIo.refuse(socket); // as Redis: an error line, then close
                continue;
            }
            connections.add(socket);
            shutdown.opened(); // before the task exists: a drain never misses it
            Task.spawn(RedisConnectionAsync.serve(socket, state, connections, shutdown));
        }
    }

    /**
     * Serves one client: wait until input arrives (holding no buffer while idle), then run every
     * complete command read and write all their replies at once (pipelining), until QUIT, a
     * protocol error, or the client leaves. Output it cannot send yet holds the reading back: a
     * normal client's unsent replies are written before anything more is read, and a subscribed
     * client's queue must drop under {@link Session#BACKPRESSURE_BYTES} first.
     *
     * <p>Whatever ends this task — end of stream, a reset, an error, QUIT, eviction, the server
     * closing — its {@code finally} ends the subscribed connection's writer task too; and the
     * writer's end closes the socket, which ends this task (see {@link SocketOutbox}).
     *
     * <p>When the server stops ({@link GracefulShutdown}), a connection waiting for input reads
     * once more without waiting, answers the commands that arrived, and closes; one holding part
     * of a command reads on until it is complete and answered. Its output is then half-closed and
     * it waits (at most {@link #LINGER}) for the client to close, so that unread input does not
     * make the kernel reset the connection and destroy the last replies.
     */
    @Async
    static void serve(ByteStream socket, ServerState state, Set<ByteStream> connections, GracefulShutdown shutdown) {
        Session session = state.newSession(() -> SocketOutbox.start(socket, state));
        ConnectionIo io = new ConnectionIo(session);
        boolean readAfterStop = false;
        try {
            await(socket.open()); // TLS: the handshake
            while (!io.isClosed()) {
                SocketOutbox outbox = (SocketOutbox) session.outbox();
                if (outbox != null && outbox.isFull()) { // subscribed and not reading: read nothing more
                    await(outbox.roomForOutput());
                    continue;
                }
                if (!io.hasBacklog()) { // commands already read but not run go first
                    if (!shutdown.isStopping()) {
                        try {
                            await(shutdown.token().guard(socket.readable()));
                        } catch (CancellationException stopping) {
                            // The server stops: one more read below, without waiting.
                        }
                    } else if (readAfterStop && !io.midCommand()) {
                        break; // everything that arrived before the stop is answered
                    } else if (readAfterStop) {
                        await(socket.readable()); // a command begun before the stop is finished
                    }
                    readAfterStop = shutdown.isStopping();
                }
                ByteBuffer unsent = io.exchange(socket);
                if (unsent != null) { // the peer reads slowly: finish this batch before reading more
                    await(socket.writeAll(unsent));
                    io.sent();
                } else if (socket.buffersOutput()) {
                    await(socket.flush()); // TLS: the records tryWrite made go out now
                }
                if (io.mustYield()) { // a client that keeps us busy waits its turn like the others
                    await(Task.yieldNow());
                }
            }
            SocketOutbox outbox = (SocketOutbox) session.outbox();
            if (outbox != null && !session.evicted()) {
                await(outbox.finish()); // QUIT's +OK and queued messages still go out
            }
            if (shutdown.isStopping() && !io.isClosed()) {
                await(socket.shutdownOutput()); // the client reads the end after the last reply
                await(Time.timeout(LINGER, RedisConnectionAsync.discardUntilEnd(socket)));
            }
        } catch (IOException | TimeoutException e) {
            // The peer reset or closed, or the writer task or an eviction closed the socket: the
            // connection is over, nothing to report (as Redis).
        } finally {
            Session.Outbox outbox = session.outbox();
            if (outbox != null) {
                outbox.abort(); // the writer task ends with this one, however this one ended
            }
            io.close();
            session.close();
            connections.remove(socket);
            socket.close();
            shutdown.closed();
        }
    }

    /** Reads and drops whatever the client still sends until it ends the stream. */
    @Async
    static void discardUntilEnd(ByteStream socket) throws IOException {
        ByteBuffer sink = ByteBuffer.allocate(4096);
        while (await(socket.read(sink.clear())) >= 0) {
            // dropped: the server has stopped
        }
    }

    /**
     * The writer task of a subscribed connection: sends queued frames, batching what it finds,
     * until {@link SocketOutbox#finish} (all sent), an abort or a failed write; then, whatever the
     * reason, {@link SocketOutbox#writerEnded} ends the connection for the reader as well.
     */
    @Async
    static void drain(ByteStream socket, Receiver<byte[]> frames, SocketOutbox box) {
        try {
            while (true) {
                Optional<byte[]> first = await(frames.recv());
                if (first.isEmpty()) {
                    return; // finish(): everything queued was sent
                }
                ByteBuffer batch = SocketOutbox.batch(first.get(), frames);
                int size = batch.remaining();
                await(socket.writeAll(batch));
                box.sent(size);
            }
        } catch (IOException e) {
            // The peer reset or closed, or the socket was closed: nothing more can be sent.
        } finally {
            frames.close(); // publishers' offers now fail, and they evict this subscriber
            box.writerEnded();
        }
    }
}
