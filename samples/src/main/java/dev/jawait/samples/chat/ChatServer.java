package dev.jawait.samples.chat;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.sync.Channel;
import dev.jawait.sync.Receiver;
import dev.jawait.samples.debug.TaskDumpSignal;
import dev.jawait.samples.shutdown.GracefulShutdown;
import dev.jawait.samples.shutdown.GracefulShutdownAsync;
import dev.jawait.samples.shutdown.StoppableServer;
import dev.jawait.signal.SignalReceiver;
import dev.jawait.signal.Signals;
import dev.jawait.sync.ChannelClosedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * A line-based chat server: every line a client sends is broadcast to every other client. Each
 * client has a reader task (this connection's {@link #serve}) and a writer task ({@link #writer})
 * draining a bounded outbox; a client too slow to keep up is disconnected (see {@link ChatRoom}).
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.chat.ChatServer --port 7070
 * // then, in two terminals: nc 127.0.0.1 7070
 * }</pre>
 */
public final class ChatServer implements AutoCloseable, StoppableServer {
    static final int MAX_LINE = 4096;
    static final int DEFAULT_QUEUE = 256;
    static final byte[] SHUTDOWN_NOTICE = "* server shutting down\n".getBytes(StandardCharsets.UTF_8);

    private final TcpListener listener;
    private final ChatRoom room;
    private final JoinHandle<Void> acceptLoop;
    private final GracefulShutdown shutdown = new GracefulShutdown();

    private ChatServer(AsyncRuntime runtime, InetSocketAddress address, int queueCapacity) throws IOException {
        this.listener = TcpListener.bind(address);
        this.room = new ChatRoom(queueCapacity);
        this.acceptLoop = runtime.spawn(ChatServerAsync.acceptLoop(listener, room, shutdown));
    }

    /** Binds {@code address}; each client may have {@code queueCapacity} lines queued. */
    public static ChatServer start(AsyncRuntime runtime, InetSocketAddress address, int queueCapacity)
            throws IOException {
        return new ChatServer(runtime, address, queueCapacity);
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return listener.localAddress();
    }

    /** The room, e.g. to see how many clients were dropped. */
    public ChatRoom room() {
        return room;
    }

    /**
     * The graceful stop: stops accepting; every client gets what was queued for it, then
     * {@code "* server shutting down"}, then the end of the stream; waits at most {@code timeout}
     * and returns whether every connection ended by then. Blocks the caller (call it from
     * {@code main}, not from a task).
     */
    @Override
    public Future<Void> acceptLoop() {
        return acceptLoop;
    }

    @Override
    public boolean shutdown(AsyncRuntime runtime, Duration timeout) {
        close();
        return runtime.blockOn(GracefulShutdownAsync.drain(shutdown, timeout));
    }

    /** Connections accepted since the start. */
    @Override
    public int connectionsAccepted() {
        return shutdown.connectionsOpened();
    }

    /** Connections being served now. */
    @Override
    public int openConnections() {
        return shutdown.openConnections();
    }

    @Override
    public int closedSinceStop() {
        return shutdown.closedSinceStop();
    }

    /** Stops accepting; clients stay connected until {@link #shutdown} or the runtime's end. */
    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    @Async
    static void acceptLoop(TcpListener listener, ChatRoom room, GracefulShutdown shutdown) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            shutdown.opened(); // before the task exists: a drain never misses it
            Task.spawn(ChatServerAsync.serve(socket, room, shutdown));
        }
    }

    /**
     * One client: join, broadcast each line read, leave when the client goes (or is dropped).
     * When the server stops, it stops reading, queues the shutdown notice, and lets its writer
     * send everything queued before the socket closes.
     */
    @Async
    static void serve(TcpStream socket, ChatRoom room, GracefulShutdown shutdown) {
        Channel<byte[]> outbox = Channel.bounded(room.queueCapacity());
        JoinHandle<Void> writer = Task.spawn(ChatServerAsync.writer(socket, outbox.receiver()));
        ChatRoom.Member me = room.join(socket, outbox.sender());
        LineSplitter lines = new LineSplitter(MAX_LINE);
        ByteBuffer in = ByteBuffer.allocate(4096);
        try {
            while (true) {
                int n;
                try {
                    n = await(shutdown.token().guard(socket.read(in.clear())));
                } catch (CancellationException stopping) {
                    outbox.sender().trySend(SHUTDOWN_NOTICE); // false if the queue is full: it goes unsaid
                    room.leave(me); // closes the outbox: the writer ends once it sent what is queued
                    await(writer);
                    break;
                }
                if (n < 0) {
                    break;
                }
                in.flip();
                byte[] line;
                while ((line = lines.next(in)) != null) {
                    room.broadcast(me, line);
                }
            }
        } catch (IOException | ChannelClosedException e) {
            // Peer reset, or we closed the socket because the client was too slow.
        } finally {
            room.leave(me);
            writer.abort();
            socket.close();
            shutdown.closed();
        }
    }

    /** Drains a client's outbox to its socket, batching the lines already queued. */
    @Async
    static void writer(TcpStream socket, Receiver<byte[]> outbox) {
        ByteBuffer batch = ByteBuffer.allocate(64 * 1024);
        try {
            while (true) {
                Optional<byte[]> first = await(outbox.recv());
                if (first.isEmpty()) {
                    return;
                }
                batch.clear();
                batch.put(first.get());
                byte[] more;
                while (batch.remaining() >= MAX_LINE + 64 && (more = outbox.tryRecv()) != null) {
                    batch.put(more);
                }
                await(socket.writeAll(batch.flip()));
            }
        } catch (IOException e) {
            // Peer gone.
        } finally {
            outbox.close();
        }
    }

    /**
     * {@code --port} (default 7070), {@code --bind} (default 127.0.0.1), {@code --queue} (default
     * 256), {@code --shutdown-timeout} (seconds the clients' queues get to drain on SIGTERM or
     * Ctrl-C, default 5). Exits 0 after a graceful stop.
     */
    public static void main(String[] args) throws Exception {
        int port = 7070;
        String bind = "127.0.0.1";
        int queue = DEFAULT_QUEUE;
        Duration shutdownTimeout = GracefulShutdown.DEFAULT_TIMEOUT;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bind" -> bind = args[i + 1];
                case "--queue" -> queue = Integer.parseInt(args[i + 1]);
                case "--shutdown-timeout" -> shutdownTimeout = Duration.ofSeconds(Long.parseLong(args[i + 1]));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        AsyncRuntime runtime = AsyncRuntime.newMultiThread();
        try (runtime; SignalReceiver stop = Signals.receiver("TERM", "INT")) {
            ChatServer server = start(runtime, new InetSocketAddress(bind, port), queue);
            System.out.println("chat server listening on " + server.address());
            TaskDumpSignal.installForMain(runtime);
            StoppableServer.serveUntilStopped(runtime, stop, server, shutdownTimeout);
        } // runtime.close(): a task still running is aborted and runs its finally
    }
}
