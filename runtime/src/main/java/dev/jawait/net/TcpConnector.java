package dev.jawait.net;

import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How {@link TcpStream#connect(String, int)} connects to a host with several addresses: resolve
 * the name ({@link Resolver#lookup}, never blocking a worker), then try the addresses in the
 * order of RFC 8305 ("Happy Eyeballs v2"): the resolver's first address, then alternating
 * between IPv6 and IPv4. An attempt starts when the previous one failed, or when it has been
 * running for the {@linkplain #withAttemptDelay attempt delay} (250 ms) without an answer — the
 * earlier attempts keep running — and each attempt gives up after the
 * {@linkplain #withAttemptTimeout attempt timeout} (10 s). The first connection made wins; the
 * others are closed. Immutable: each {@code with…} returns a new connector.
 *
 * <pre>{@code
 * TcpConnector fast = TcpConnector.defaults().withAttemptTimeout(Duration.ofSeconds(2));
 * try (TcpStream s = await(fast.connect("db.internal", 5432))) { ... }
 *
 * // no overall deadline is implied: bound the whole of it as usual
 * TcpStream s = await(Time.timeout(Duration.ofSeconds(5), fast.connect("example.com", 80)));
 * }</pre>
 *
 * <p>When every attempt fails, the future fails with the only attempt's exception when there was
 * one address, else with a {@link java.net.ConnectException} naming the host and each address,
 * whose cause is the first attempt's failure and which carries the others as suppressed
 * exceptions. A name with no address fails with {@link java.net.UnknownHostException} naming it.
 * Cancelling stops the lookup and closes every half-open attempt.
 */
public final class TcpConnector {
    /** RFC 8305's recommended "Connection Attempt Delay". */
    public static final Duration DEFAULT_ATTEMPT_DELAY = Duration.ofMillis(250);
    /** How long one address gets before the next is tried (and this one abandoned). */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

    static final TcpConnector DEFAULTS =
            new TcpConnector(null, DEFAULT_ATTEMPT_DELAY, DEFAULT_ATTEMPT_TIMEOUT);

    private final Resolver resolver;
    private final Duration attemptDelay;
    private final Duration attemptTimeout;

    private TcpConnector(Resolver resolver, Duration attemptDelay, Duration attemptTimeout) {
        this.resolver = resolver;
        this.attemptDelay = attemptDelay;
        this.attemptTimeout = attemptTimeout;
    }

    /**
     * The settings {@link TcpStream#connect(String, int)} uses.
     *
     * @return the default connector: the current runtime's resolver, 250 ms attempt delay
     */
    public static TcpConnector defaults() {
        return DEFAULTS;
    }

    /**
     * Resolves with {@code resolver} instead of the current runtime's ({@code null}: the
     * current runtime's, the default).
     *
     * @param resolver the resolver for host names, or {@code null}
     * @return a connector with that resolver and this one's other settings
     */
    public TcpConnector withResolver(Resolver resolver) {
        return new TcpConnector(resolver, attemptDelay, attemptTimeout);
    }

    /**
     * How long an attempt runs unanswered before the next address is tried beside it (RFC 8305
     * recommends 250 ms; at least 10 ms). {@link Duration#ZERO} is refused: use a large delay
     * for strictly one attempt at a time.
     *
     * @param delay the head start each attempt gets before the next one starts
     * @return a connector with that delay and this one's other settings
     */
    public TcpConnector withAttemptDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.compareTo(Duration.ofMillis(10)) < 0) {
            throw new IllegalArgumentException("attempt delay must be at least 10 ms: " + delay);
        }
        return new TcpConnector(resolver, delay, attemptTimeout);
    }

    /**
     * How long one address may take to connect before it counts as failed (positive).
     *
     * @param timeout the most one attempt may take
     * @return a connector with that timeout and this one's other settings
     */
    public TcpConnector withAttemptTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive: " + timeout);
        }
        return new TcpConnector(resolver, attemptDelay, timeout);
    }

    /**
     * The resolver set with {@link #withResolver}, or {@code null} for the current runtime's.
     *
     * @return the resolver, or {@code null} for the current runtime's
     */
    public Resolver resolver() {
        return resolver;
    }

    /**
     * The delay before the next address is tried beside an unanswered attempt.
     *
     * @return the head start of each attempt
     */
    public Duration attemptDelay() {
        return attemptDelay;
    }

    /**
     * How long one attempt may take.
     *
     * @return the most one attempt may take
     */
    public Duration attemptTimeout() {
        return attemptTimeout;
    }

    /**
     * Resolves {@code host} (a name or an IP literal) and connects to {@code port} on one of its
     * addresses, as described above.
     *
     * @param host a host name or an IP literal
     * @param port the port to connect to
     * @return a future of the first connection established; the other attempts are closed
     * @throws IllegalArgumentException if {@code port} is outside 0..65535
     */
    public TryFuture<TcpStream, IOException> connect(String host, int port) {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        return new HostConnect(host, port, Resolver.lookup(host, resolver), this);
    }

    /**
     * Connects to one of {@code addresses} (already resolved), raced in the given order with this
     * connector's delay and timeout — no reordering by family.
     *
     * @param addresses the addresses to try, in order; at least one
     * @return a future of the first connection established; the other attempts are closed
     */
    public TryFuture<TcpStream, IOException> connect(List<InetSocketAddress> addresses) {
        List<InetSocketAddress> copy = List.copyOf(addresses);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("no address to connect to");
        }
        for (InetSocketAddress a : copy) {
            if (a.isUnresolved()) {
                throw new IllegalArgumentException("unresolved address: " + a);
            }
        }
        return new HostConnect(copy, this);
    }

    long attemptDelayNanos() {
        return attemptDelay.toNanos();
    }

    long attemptTimeoutNanos() {
        return attemptTimeout.toNanos();
    }

    @Override
    public String toString() {
        return "TcpConnector[delay " + attemptDelay + ", attempt timeout " + attemptTimeout
                + (resolver == null ? "" : ", " + resolver) + "]";
    }
}
