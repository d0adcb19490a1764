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
        /** Queues bytes without waiting; false when over the client's output limit. */
        boolean offer(byte[] bytes);

        /** Ends the connection now (slow subscriber). Callable from any thread. */
        void abort();
    }

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
    private String name;

    Session(ServerState server, long id, Supplier<Outbox> outboxes) {
        this.server = server;
        this.id = id;
        this.outboxes = outboxes;
    }

    /**
     * Executes every complete command at the buffer's position, appending replies to {@code out}
     * (or, once subscribed, passing them to the outbox), and leaves an incomplete tail in place.
     * Stops after QUIT or a protocol error (then {@link #closeAfterReply()} is true).
     */
    public void process(ByteBuffer in, RespEncoder out) {
        CommandTable commands = server.commands();
        while (!closeAfterReply) {
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
        if (outbox != null) {
            flush(out);
        }
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
        return !evicted && o != null && o.offer(frame);
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
        return removed;
    }

    private void flush(RespEncoder out) {
        if (!out.isEmpty() && !outbox.offer(out.drain())) {
            evict();
        }
    }
}
