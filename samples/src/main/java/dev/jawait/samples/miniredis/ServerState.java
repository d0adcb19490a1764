package dev.jawait.samples.miniredis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Everything connections share: the keyspace, the pub/sub hub, the command table and a few
 * counters for INFO and CLIENT ID. Holds no threads or sockets, so it is tested without a network.
 *
 * <pre>{@code
 * ServerState state = new ServerState(System::currentTimeMillis, 6379);
 * Session session = state.newSession(() -> outbox);
 * }</pre>
 */
public final class ServerState {
    /** Redis' default client-query-buffer-limit: a client with more unparsed input is closed. */
    static final int QUERY_BUFFER_LIMIT = 1 << 30;

    private final Store store;
    private final PubSubHub hub = new PubSubHub();
    private final CommandTable commands = CommandTable.standard();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final AtomicInteger connectedClients = new AtomicInteger();
    private final long startedAt;
    private volatile int port;
    private volatile int queryBufferLimit = QUERY_BUFFER_LIMIT;

    /** State with a clock in epoch milliseconds; {@code port} is reported by INFO/CONFIG GET. */
    public ServerState(LongSupplier clock, int port) {
        this.store = new Store(clock);
        this.startedAt = clock.getAsLong();
        this.port = port;
    }

    public Store store() {
        return store;
    }

    public PubSubHub hub() {
        return hub;
    }

    public CommandTable commands() {
        return commands;
    }

    public int port() {
        return port;
    }

    /** Records the port actually bound (when 0 was asked). */
    void port(int bound) {
        this.port = bound;
    }

    /** The most unparsed input (an incomplete command) a connection may hold before it is closed. */
    int queryBufferLimit() {
        return queryBufferLimit;
    }

    /**
     * Changes {@link #queryBufferLimit()} for connections accepted from now on (tests); between
     * one read buffer and 1 GiB (a Java array cannot hold much more).
     */
    void queryBufferLimit(int bytes) {
        if (bytes < ConnectionIo.READ_BUFFER || bytes > QUERY_BUFFER_LIMIT) {
            throw new IllegalArgumentException("query buffer limit out of range: " + bytes);
        }
        this.queryBufferLimit = bytes;
    }

    long startedAt() {
        return startedAt;
    }

    int connectedClients() {
        return connectedClients.get();
    }

    /**
     * A session for a new connection; {@code outboxes} makes its outbox the first time it
     * subscribes (a session that never subscribes writes its replies directly).
     */
    public Session newSession(java.util.function.Supplier<Session.Outbox> outboxes) {
        connectedClients.incrementAndGet();
        return new Session(this, nextClientId.getAndIncrement(), outboxes);
    }

    void sessionClosed() {
        connectedClients.decrementAndGet();
    }
}
