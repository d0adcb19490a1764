package dev.jawait.samples.miniredis;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.TcpStream;
import dev.jawait.sync.Channel;
import dev.jawait.sync.ChannelClosedException;
import dev.jawait.sync.Sender;
import java.io.IOException;

/**
 * The outbox of a subscribed connection: a bounded jawait channel of encoded frames, drained to
 * the socket by a writer task ({@link RedisConnection#drain}). Publishers only {@code trySend}:
 * when a subscriber's queue is full it is too slow, and the hub evicts it ({@link #abort}),
 * closing its connection — Redis' pub/sub output-buffer limit, counted in frames here.
 *
 * <pre>{@code
 * SocketOutbox box = SocketOutbox.start(socket, 4096);   // spawns the writer task
 * box.offer(frame);                                       // never waits
 * await(box.finish());                                    // flush and stop the writer
 * }</pre>
 */
final class SocketOutbox implements Session.Outbox {
    /** Frames a subscriber may have queued before it counts as too slow. */
    static final int DEFAULT_CAPACITY = 4096;

    private final TcpStream socket;
    private final Sender<byte[]> frames;
    private final JoinHandle<Void> writer;

    private SocketOutbox(TcpStream socket, Sender<byte[]> frames, JoinHandle<Void> writer) {
        this.socket = socket;
        this.frames = frames;
        this.writer = writer;
    }

    /** Creates the queue and spawns its writer task on the current runtime. */
    static SocketOutbox start(TcpStream socket, int capacity) {
        Channel<byte[]> channel = Channel.bounded(capacity);
        JoinHandle<Void> writer = Task.spawn(RedisConnectionAsync.drain(socket, channel.receiver()));
        return new SocketOutbox(socket, channel.sender(), writer);
    }

    @Override
    public boolean offer(byte[] bytes) {
        try {
            return frames.trySend(bytes);
        } catch (ChannelClosedException e) {
            return false;
        }
    }

    @Override
    public void abort() {
        frames.close();
        writer.abort();
        socket.close(); // wakes the connection's pending read, which then ends the session
    }

    /** Lets the writer send everything queued, then stop; the returned future ends with it. */
    Future<Void> finish() {
        frames.close();
        return writer;
    }
}
