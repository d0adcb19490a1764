package dev.jawait.samples.miniredis;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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
    /** Redis' default maxclients. */
    static final int MAX_CLIENTS = 10_000;
    /** Descriptors kept free beyond the clients' (Redis' CONFIG_MIN_RESERVED_FDS). */
    static final int RESERVED_FDS = 32;

    private final Store store;
    private final PubSubHub hub = new PubSubHub();
    private final CommandTable commands = CommandTable.standard();
    private final AtomicLong nextClientId = new AtomicLong(1);
    private final AtomicInteger connectedClients = new AtomicInteger();
    private final long startedAt;
    private volatile int port;
    private volatile int queryBufferLimit = QUERY_BUFFER_LIMIT;
    private volatile int maxClients = MAX_CLIENTS;
    private final AtomicLong rejectedConnections = new AtomicLong();
    private volatile OutputLimit normalOutputLimit = OutputLimit.NORMAL;
    private volatile OutputLimit pubSubOutputLimit = OutputLimit.PUBSUB;
    private final LongAdder queuedOutputBytes = new LongAdder();
    private final LongAdder bufferedInputBytes = new LongAdder();
    private final AtomicLong outputLimitDisconnections = new AtomicLong();
    private final AtomicLong queryBufferLimitDisconnections = new AtomicLong();

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

    /**
     * The most clients served at once (Redis' maxclients); one more is answered
     * {@code -ERR max number of clients reached} and closed.
     */
    int maxClients() {
        return maxClients;
    }

    /** Changes {@link #maxClients()} (at least 1). */
    void maxClients(int clients) {
        if (clients < 1) {
            throw new IllegalArgumentException("maxclients must be at least 1: " + clients);
        }
        this.maxClients = clients;
    }

    /** Connections accepted and served, since the start (Redis' INFO total_connections_received). */
    public long totalConnectionsReceived() {
        return nextClientId.get() - 1;
    }

    /** Connections turned away at maxclients (Redis' INFO rejected_connections). */
    public long rejectedConnections() {
        return rejectedConnections.get();
    }

    void connectionRejected() {
        rejectedConnections.incrementAndGet();
    }

    /** The output limit of clients not subscribed to any channel. */
    OutputLimit normalOutputLimit() {
        return normalOutputLimit;
    }

    /** The output limit of clients subscribed to a channel. */
    OutputLimit pubSubOutputLimit() {
        return pubSubOutputLimit;
    }

    /** Changes the output limits (tests; Redis' CONFIG SET client-output-buffer-limit). */
    void outputLimits(OutputLimit normal, OutputLimit pubSub) {
        this.normalOutputLimit = normal;
        this.pubSubOutputLimit = pubSub;
    }

    /**
     * Bytes of replies and messages that every connection together was given to send and has not
     * sent yet (subscribers' queues and the unsent rest of a normal client's replies).
     */
    public long queuedOutputBytes() {
        return queuedOutputBytes.sum();
    }

    /** Bytes every connection together holds of input not yet run (incomplete or waiting commands). */
    public long bufferedInputBytes() {
        return bufferedInputBytes.sum();
    }

    /** Clients closed for reaching an output limit (Redis' INFO client_output_buffer_limit_disconnections). */
    public long outputLimitDisconnections() {
        return outputLimitDisconnections.get();
    }

    /** Clients closed for an incomplete command over the query-buffer limit (INFO client_query_buffer_limit_disconnections). */
    public long queryBufferLimitDisconnections() {
        return queryBufferLimitDisconnections.get();
    }

    void outputQueued(long delta) {
        queuedOutputBytes.add(delta);
    }

    void inputBuffered(long delta) {
        bufferedInputBytes.add(delta);
    }

    void outputLimitDisconnection() {
        outputLimitDisconnections.incrementAndGet();
    }

    void queryBufferLimitDisconnection() {
        queryBufferLimitDisconnections.incrementAndGet();
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
