package dev.jawait.samples.miniredis;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.samples.net.ByteStream;
import dev.jawait.sync.Channel;
import dev.jawait.sync.ChannelClosedException;
import dev.jawait.sync.Notify;
import dev.jawait.sync.Receiver;
import dev.jawait.sync.Sender;
import java.nio.ByteBuffer;

/**
 * The outbox of a subscribed connection: a queue of encoded frames, drained to the socket by a
 * writer task ({@link RedisConnection#drain}), with its size counted in bytes
 * ({@link QueuedOutput}). Publishers only {@link #offer}: an offer that would reach the client's
 * output limit is refused and the hub evicts the client ({@link #abort}), as Redis does with its
 * {@code client-output-buffer-limit}, so one slow client cannot stall publishers or grow memory.
 *
 * <pre>{@code
 * SocketOutbox box = SocketOutbox.start(socket, server);    // spawns the writer task
 * box.offer(frame, OutputLimit.PUBSUB);                      // never waits
 * if (box.queuedBytes() >= Session.BACKPRESSURE_BYTES) await(box.roomForOutput());
 * await(box.finish());                                       // flush and stop the writer
 * }</pre>
 *
 * <p>The connection's two tasks end together, however the connection ends: the reader's exit
 * aborts the writer ({@link #abort}, called in the reader's {@code finally}), and the writer's
 * exit ({@link #writerEnded}, in its {@code finally}) closes the socket, which fails the reader's
 * pending read, and wakes a reader waiting for room.
 */
final class SocketOutbox implements Session.Outbox {
    /** The writer gathers queued frames into one write up to about this many bytes. */
    static final int WRITE_BATCH = 64 * 1024;

    private final ByteStream socket;
    private final ServerState server;
    private final Sender<byte[]> frames;
    private final QueuedOutput queued;
    /** Signalled when the writer sent a batch and the queue is under the backpressure mark, or ended. */
    private final Notify room = new Notify();
    /** Set by {@link #start} before the outbox is handed to anyone. */
    private JoinHandle<Void> writer;

    private SocketOutbox(ByteStream socket, ServerState server, Sender<byte[]> frames) {
        this.socket = socket;
        this.server = server;
        this.frames = frames;
        this.queued = new QueuedOutput(server);
    }

    /** Creates the queue and spawns its writer task on the current runtime. */
    static SocketOutbox start(ByteStream socket, ServerState server) {
        // Unbounded as a channel: the bound is in bytes, checked by offer before each send.
        Channel<byte[]> channel = Channel.unbounded();
        SocketOutbox box = new SocketOutbox(socket, server, channel.sender());
        box.writer = Task.spawn(RedisConnectionAsync.drain(socket, channel.receiver(), box));
        return box;
    }

    @Override
    public boolean offer(byte[] bytes, OutputLimit limit) {
        if (!queued.tryAdd(bytes.length, limit, server.store().now())) {
            return false;
        }
        try {
            if (frames.trySend(bytes)) {
                return true;
            }
        } catch (ChannelClosedException writerGone) {
            // the connection is ending: refused like a full queue
        }
        queued.sent(bytes.length); // never queued: give the bytes back
        return false;
    }

    @Override
    public long queuedBytes() {
        return queued.bytes();
    }

    /** Whether the reader must wait ({@link #roomForOutput}) before running more commands. */
    boolean isFull() {
        return queued.bytes() >= Session.BACKPRESSURE_BYTES;
    }

    /**
     * Completes after the writer sent something and the queue dropped under the backpressure mark,
     * or ended; may complete early (check {@link #isFull} again).
     */
    Future<Void> roomForOutput() {
        return room.notified();
    }

    @Override
    public void abort() {
        frames.close();
        queued.close();
        writer.abort(); // its finally calls writerEnded
        socket.close(); // wakes the connection's pending read, which then ends the session
        room.notifyOne();
    }

    /** Lets the writer send everything queued, then stop; the returned future ends with it. */
    Future<Void> finish() {
        frames.close();
        return writer;
    }

    /** The writer wrote {@code n} queued bytes to the socket. */
    void sent(int n) {
        queued.sent(n);
        if (queued.bytes() < Session.BACKPRESSURE_BYTES) {
            room.notifyOne(); // stores a permit if the reader is not waiting yet: no lost wake-up
        }
    }

    /**
     * The writer task ended, whatever the reason (all sent after {@link #finish}, the peer reset
     * or closed, an abort): nothing more can be sent, so the connection is over for the reader too.
     */
    void writerEnded() {
        queued.close();
        socket.close();
        room.notifyOne();
    }

    /**
     * One write's worth: {@code first} and the frames queued behind it, up to about
     * {@link #WRITE_BATCH} bytes. A lone frame is sent as it is; several are copied into one
     * buffer, which lives only until written (an idle subscriber holds no buffer).
     */
    static ByteBuffer batch(byte[] first, Receiver<byte[]> frames) {
        byte[] next = first.length < WRITE_BATCH ? frames.tryRecv() : null;
        if (next == null) {
            return ByteBuffer.wrap(first);
        }
        RespEncoder batch = new RespEncoder();
        batch.raw(first).raw(next);
        while (batch.size() < WRITE_BATCH && (next = frames.tryRecv()) != null) {
            batch.raw(next);
        }
        return batch.asBuffer();
    }
}
