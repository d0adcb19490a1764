package dev.jawait.samples.chat;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpListener;
import dev.jawait.net.TcpStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.sync.Channel;
import dev.jawait.sync.Receiver;
import dev.jawait.samples.debug.TaskDumpSignal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
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
public final class ChatServer implements AutoCloseable {
    static final int MAX_LINE = 4096;
    static final int DEFAULT_QUEUE = 256;

    private final TcpListener listener;
    private final ChatRoom room;
    private final JoinHandle<Void> acceptLoop;

    private ChatServer(AsyncRuntime runtime, InetSocketAddress address, int queueCapacity) throws IOException {
        this.listener = TcpListener.bind(address);
        this.room = new ChatRoom(queueCapacity);
        this.acceptLoop = runtime.spawn(ChatServerAsync.acceptLoop(listener, room));
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

    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    @Async
    static void acceptLoop(TcpListener listener, ChatRoom room) throws IOException {
        while (true) {
            TcpStream socket = await(listener.accept());
            Task.spawn(ChatServerAsync.serve(socket, room));
        }
    }

    /** One client: join, broadcast each line read, leave when the client goes (or is dropped). */
    @Async
    static void serve(TcpStream socket, ChatRoom room) {
        Channel<byte[]> outbox = Channel.bounded(room.queueCapacity());
        JoinHandle<Void> writer = Task.spawn(ChatServerAsync.writer(socket, outbox.receiver()));
        ChatRoom.Member me = room.join(socket, outbox.sender());
        LineSplitter lines = new LineSplitter(MAX_LINE);
        ByteBuffer in = ByteBuffer.allocate(4096);
        try {
            while (true) {
                int n = await(socket.read(in.clear()));
                if (n < 0) {
                    break;
                }
                in.flip();
                byte[] line;
                while ((line = lines.next(in)) != null) {
                    room.broadcast(me, line);
                }
            }
        } catch (IOException e) {
            // Peer reset, or we closed the socket because the client was too slow.
        } finally {
            room.leave(me);
            writer.abort();
            socket.close();
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

    /** {@code --port} (default 7070), {@code --bind} (default 127.0.0.1), {@code --queue} (default 256). */
    public static void main(String[] args) throws Exception {
        int port = 7070;
        String bind = "127.0.0.1";
        int queue = DEFAULT_QUEUE;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--bind" -> bind = args[i + 1];
                case "--queue" -> queue = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
                ChatServer server = start(runtime, new InetSocketAddress(bind, port), queue)) {
            System.out.println("chat server listening on " + server.address());
            TaskDumpSignal.installForMain(runtime);
            runtime.blockOn(server.acceptLoop);
        } catch (CancellationException closed) {
            // Shut down.
        }
    }
}
