package dev.jawait.samples.miniredis;

import java.nio.ByteBuffer;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One client connection's protocol state: it turns the bytes read into replies. {@link #process}
 * runs every complete command in the buffer and appends all replies to one encoder, which the
 * connection writes in one go. Socket-free, so the whole protocol is unit-tested.
 *
 * <pre>{@code
 * Session session = state.newSession(outboxFactory);
 * session.process(readBuffer, out);      // parses all complete frames, leaves the tail
 * await(socket.writeAll(out.asBuffer()));
 * if (session.closeAfterReply()) ...     // QUIT or protocol error
 * }</pre>
 *
 * <p>Pub/sub: on the first SUBSCRIBE the session gets an {@link Outbox} (a queue drained by a
 * writer task) and from then on every reply and every published message goes through it, in order.
 */
public final class Session implements PubSubHub.Subscriber {

    /** Where output goes once the connection has subscribed: a queue drained by a writer task. */
    public interface Outbox {
        /**
         * Queues bytes without waiting; false when that would reach {@code limit} (the client must
         * then be evicted) or the outbox is closed. Callable from any thread.
         */
        boolean offer(byte[] bytes, OutputLimit limit);

        /** Bytes queued and not yet written to the socket. */
        long queuedBytes();

        /** Ends the connection now, dropping what is queued (eviction). Callable from any thread. */
        void abort();
    }

    /**
     * Commands stop running once this many bytes of the client's replies (and, when subscribed,
     * of messages) wait to be sent: they are sent before more commands run or more input is read,
     * so a client that does not read its replies stops being read from and costs the server no
     * more than this (plus one reply). Redis' reply chunk size (PROTO_REPLY_CHUNK_BYTES); it also
     * keeps the work of one batch small (a millisecond or so), so a client that keeps its socket
     * full yields its worker often (see {@link ConnectionIo#YIELD_AFTER_BYTES}).
     */
    public static final int BACKPRESSURE_BYTES = 16 * 1024;

    private static final byte[] SUBSCRIBE = Numbers.latin1("subscribe");

    private final ServerState server;
    private final long id;
    private final Supplier<Outbox> outboxes;
    private final Set<String> channels = new LinkedHashSet<>();
    /** Refilled by the parser for every command: no per-command allocation. */
    private final Command command = new Command();
    private Outbox outbox;
    private boolean closeAfterReply;
    private volatile boolean evicted;
    /** The client's class: normal, or pub/sub while subscribed to a channel. Read by publishers. */
    private volatile boolean pubSubClass;
    private String name;

    Session(ServerState server, long id, Supplier<Outbox> outboxes) {
        this.server = server;
        this.id = id;
        this.outboxes = outboxes;
    }

    /**
     * Executes the complete commands at the buffer's position, appending replies to {@code out}
     * (or, once subscribed, passing them to the outbox), and leaves the rest in place. Stops after
     * QUIT or a protocol error (then {@link #closeAfterReply()} is true), and before a command
     * when {@link #BACKPRESSURE_BYTES} of output are waiting: then it returns true, and the caller
     * sends the output and calls again with the rest before reading more input.
     *
     * <p>A reply that would bring the output to the client's hard {@link OutputLimit} discards
     * the replies of this call and evicts the client, as Redis closes such a client.
     *
     * @return whether it stopped for output with input left (commands may be waiting)
     */
    public boolean process(ByteBuffer in, RespEncoder out) {
        CommandTable commands = server.commands();
        long hardLimit = outputLimit().hardBytes();
        out.limit(hardLimit == 0 ? RespEncoder.UNLIMITED : hardLimit); // 0: Redis' "no limit"
        try {
            while (!closeAfterReply()) {
                if (out.size() + queuedBytes() >= BACKPRESSURE_BYTES) {
                    return in.hasRemaining(); // what is left may be an incomplete frame: the caller retries once
                }
                try {
                    if (!RespParser.next(in, command)) {
                        break;
                    }
                } catch (RespProtocolException e) {
                    out.error("ERR " + e.getMessage());
                    closeAfterReply = true;
                    break;
                }
                if (command.size() > 0) {
                    commands.execute(this, command, out);
                }
            }
            return false;
        } catch (OutputLimitException e) {
            out.reset();
            server.outputLimitDisconnection();
            evict();
            return false;
        } finally {
            if (outbox != null && !evicted) {
                flush(out);
            }
            out.limit(RespEncoder.UNLIMITED);
        }
    }

    /** The output limit of the client's class now: pub/sub while subscribed, else normal. */
    OutputLimit outputLimit() {
        return pubSubClass ? server.pubSubOutputLimit() : server.normalOutputLimit();
    }

    private long queuedBytes() {
        Outbox o = outbox;
        return o == null ? 0 : o.queuedBytes();
    }

    /** Whether the connection must close once the replies produced so far are written. */
    public boolean closeAfterReply() {
        return closeAfterReply || evicted;
    }

    /** The outbox, once the session subscribed; null before. */
    public Outbox outbox() {
        return outbox;
    }

    /** Leaves every channel; call once when the connection ends. */
    public void close() {
        for (String channel : channels) {
            server.hub().unsubscribe(channel, this);
        }
        channels.clear();
        server.sessionClosed();
    }

    @Override
    public boolean deliver(byte[] frame) {
        Outbox o = outbox;
        return !evicted && o != null && o.offer(frame, outputLimit());
    }

    /** Whether the client was evicted (over its output limit): its output is dropped, not sent. */
    boolean evicted() {
        return evicted;
    }

    @Override
    public void evict() {
        evicted = true;
        Outbox o = outbox;
        if (o != null) {
            o.abort();
        }
    }

    ServerState server() {
        return server;
    }

    Store store() {
        return server.store();
    }

    long id() {
        return id;
    }

    String name() {
        return name;
    }

    void name(String name) {
        this.name = name;
    }

    void quit() {
        closeAfterReply = true;
    }

    /** Redis restricts the commands of a connection subscribed to at least one channel. */
    boolean inPubSubContext() {
        return !channels.isEmpty();
    }

    int subscriptionCount() {
        return channels.size();
    }

    Set<String> channels() {
        return channels;
    }

    /**
     * Subscribes to a channel; the confirmation (and everything before it) reaches the outbox
     * before the hub can deliver a message of this channel, so the order is Redis'.
     */
    void subscribe(byte[] channel, RespEncoder out) {
        if (outbox == null) {
            outbox = outboxes.get();
        }
        String key = Numbers.key(channel);
        boolean added = channels.add(key);
        pubSubClass = true;
        out.arrayHeader(3).bulk(SUBSCRIBE).bulk(channel).integer(channels.size());
        flush(out);
        if (added) {
            server.hub().subscribe(key, this);
        }
    }

    /** Unsubscribes from a channel; whether it was subscribed. */
    boolean unsubscribe(String channel) {
        boolean removed = channels.remove(channel);
        if (removed) {
            server.hub().unsubscribe(channel, this);
        }
        pubSubClass = !channels.isEmpty();
        return removed;
    }

    private void flush(RespEncoder out) {
        if (!out.isEmpty() && !outbox.offer(out.drain(), outputLimit())) {
            evict();
        }
    }
}
