package dev.jawait.net;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * How {@link TlsStream#client(TcpStream, TlsConfig, String)} and
 * {@link TlsStream#server(TcpStream, TlsConfig)} set up their {@link SSLEngine}: the
 * {@link SSLContext} (keys and trust), ALPN protocols, protocol versions and anything else
 * {@link SSLParameters} can say. Immutable and shareable between connections; build it once.
 *
 * <pre>{@code
 * TlsConfig config = TlsConfig.builder(sslContext)
 *         .applicationProtocols("h2", "http/1.1")       // ALPN, in order of preference
 *         .protocols("TLSv1.3")                         // default: the context's (TLS 1.3 and 1.2)
 *         .parameters(p -> p.setNeedClientAuth(true))   // anything else SSLParameters offers
 *         .build();
 * TlsStream tls = await(TlsStream.server(socket, config));
 * String chosen = tls.applicationProtocol().orElse("http/1.1");
 * }</pre>
 *
 * <p>A client checks the server's certificate against the server name it was given (endpoint
 * identification {@code "HTTPS"}, as {@code HttpClient} does) unless
 * {@link Builder#endpointIdentification(String)} says otherwise, and sends that name as SNI
 * unless it is an IP address (which SNI does not allow).
 */
public final class TlsConfig {
    /** Slow handshake steps (delegated tasks, a client's start) estimated at most this long run on the worker. */
    public static final Duration DEFAULT_INLINE_TASK_LIMIT = Duration.ofNanos(100_000);

    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    private final SSLContext context;
    private final String[] applicationProtocols;
    private final String[] protocols;
    private final String endpointIdentification;
    private final Consumer<SSLParameters> parameters;
    private final long inlineTaskLimitNanos;
    /** One for every server engine of this config (a method reference per engine would cost 16 B each). */
    private final BiFunction<SSLEngine, List<String>, String> alpnSelector = this::selectApplicationProtocol;

    private TlsConfig(Builder b) {
        this.context = b.context;
        this.applicationProtocols = b.applicationProtocols;
        this.protocols = b.protocols;
        this.endpointIdentification = b.endpointIdentification;
        this.parameters = b.parameters;
        this.inlineTaskLimitNanos = saturatedNanos(b.inlineTaskLimit);
    }

    /**
     * The defaults over {@code context}: no ALPN, the context's protocol versions.
     *
     * @param context the keys and trust to use
     * @return a configuration with the defaults
     */
    public static TlsConfig of(SSLContext context) {
        return builder(context).build();
    }

    /**
     * A builder starting from the defaults over {@code context}.
     *
     * @param context the keys and trust to use
     * @return a builder; nothing is shared with configurations built before
     */
    public static Builder builder(SSLContext context) {
        return new Builder(Objects.requireNonNull(context, "context"));
    }

    /**
     * The context whose keys and trust managers the engines use.
     *
     * @return the {@code SSLContext} given at construction
     */
    public SSLContext context() {
        return context;
    }

    /**
     * ALPN protocols, in order of preference (empty: no ALPN).
     *
     * @return the protocols offered or accepted, best first; empty for no ALPN
     */
    public List<String> applicationProtocols() {
        return applicationProtocols == null ? List.of() : List.of(applicationProtocols);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE;
        }
    }

    long inlineTaskLimitNanos() {
        return inlineTaskLimitNanos;
    }

    /** A client engine for {@code serverName} (SNI and endpoint identification), port for session reuse. */
    SSLEngine newClientEngine(String serverName, int port) {
        SSLEngine engine = context.createSSLEngine(serverName, port);
        engine.setUseClientMode(true);
        SSLParameters p = engine.getSSLParameters();
        String sniName = serverName.endsWith(".") ? serverName.substring(0, serverName.length() - 1) : serverName;
        if (!isIpLiteral(sniName) && !sniName.isEmpty()) {
            // The JDK sends SNI on its own only for names with a dot; "localhost" deserves one too.
            p.setServerNames(List.of(new SNIHostName(sniName)));
        }
        p.setEndpointIdentificationAlgorithm(endpointIdentification);
        return configure(engine, p);
    }

    /**
     * A server engine. Without {@link Builder#parameters} it is set up without
     * {@code setSSLParameters}, which would give each engine its own copies of the context's
     * cipher suite, protocol and ALPN lists (about 320 bytes, measured, for as long as the
     * connection lives: 5 % of an idle HTTPS connection); ALPN then goes through
     * {@link #selectApplicationProtocol}, the JDK's own rule.
     */
    SSLEngine newServerEngine() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        if (parameters != null) {
            return configure(engine, engine.getSSLParameters());
        }
        if (protocols != null) {
            engine.setEnabledProtocols(protocols);
        }
        if (applicationProtocols != null) {
            engine.setHandshakeApplicationProtocolSelector(alpnSelector);
        }
        return engine;
    }

    /**
     * ALPN on a server, as the JDK decides with {@code SSLParameters.setApplicationProtocols}: our
     * first protocol the client offers; none (null) fails the handshake with
     * {@code no_application_protocol}. Called only when the client sent ALPN.
     */
    private String selectApplicationProtocol(SSLEngine engine, List<String> offered) {
        for (String protocol : applicationProtocols) {
            if (offered.contains(protocol)) {
                return protocol;
            }
        }
        return null;
    }

    private SSLEngine configure(SSLEngine engine, SSLParameters p) {
        if (protocols != null) {
            p.setProtocols(protocols);
        }
        if (applicationProtocols != null) {
            p.setApplicationProtocols(applicationProtocols);
        }
        if (parameters != null) {
            parameters.accept(p);
        }
        engine.setSSLParameters(p);
        return engine;
    }

    /** IPv4 dotted quads and IPv6 literals (with or without brackets): not allowed as SNI. */
    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    @Override
    public String toString() {
        return "TlsConfig[" + context.getProtocol()
                + (applicationProtocols != null ? ", alpn=" + applicationProtocols() : "")
                + (protocols != null ? ", protocols=" + List.of(protocols) : "") + "]";
    }

    /**
     * Builds a {@link TlsConfig}; see there for an example. Every setting is optional.
     */
    public static final class Builder {
        private final SSLContext context;
        private String[] applicationProtocols;
        private String[] protocols;
        private String endpointIdentification = "HTTPS";
        private Consumer<SSLParameters> parameters;
        private Duration inlineTaskLimit = DEFAULT_INLINE_TASK_LIMIT;

        private Builder(SSLContext context) {
            this.context = context;
        }

        /**
         * ALPN (RFC 7301): a client offers these protocols; a server picks the first of its own
         * list that the client offered, and fails the handshake with {@code no_application_protocol}
         * when there is none in common (a client that offers nothing gets no ALPN). Both sides read
         * the choice from {@link TlsStream#applicationProtocol()}.
         *
         * @param protocols the protocol names, e.g. {@code "h2"}, {@code "http/1.1"}, best first
         * @return this builder
         */
        public Builder applicationProtocols(String... protocols) {
            for (String p : protocols) {
                if (p == null || p.isEmpty()) {
                    throw new IllegalArgumentException("empty ALPN protocol name");
                }
            }
            this.applicationProtocols = protocols.length == 0 ? null : protocols.clone();
            return this;
        }

        /**
         * The protocol versions to enable, e.g. {@code "TLSv1.3"}; default: the context's.
         *
         * @param versions the versions to enable, e.g. {@code "TLSv1.3"}
         * @return this builder
         */
        public Builder protocols(String... versions) {
            this.protocols = versions.length == 0 ? null : versions.clone();
            return this;
        }

        /**
         * The client's check of the server certificate's name: {@code "HTTPS"} (the default, RFC
         * 2818), {@code "LDAPS"}, or {@code null} to trust any name the trust manager accepts.
         *
         * @param algorithm {@code "HTTPS"}, {@code "LDAPS"} or {@code null}
         * @return this builder
         */
        public Builder endpointIdentification(String algorithm) {
            this.endpointIdentification = algorithm;
            return this;
        }

        /**
         * Applied last to each engine's {@link SSLParameters}: cipher suites, client
         * authentication, SNI matchers, named groups, and so on.
         *
         * @param customizer changes each engine's parameters before its handshake
         * @return this builder
         */
        public Builder parameters(Consumer<SSLParameters> customizer) {
            this.parameters = Objects.requireNonNull(customizer, "customizer");
            return this;
        }

        /**
         * The slow parts of a handshake — {@link SSLEngine#getDelegatedTask() delegated tasks}
         * (key exchange, signatures, certificate checks) and a client's {@code beginHandshake}
         * (its key shares) — run on the worker when their recent runs on this context took at most
         * {@code limit}, else on the runtime's blocking pool ({@code Task.spawnBlocking}), so a
         * worker neither computes for milliseconds nor waits for a trust manager's network
         * lookups. {@link Duration#ZERO} always uses the pool; a long limit runs everything
         * inline. Default: {@link TlsConfig#DEFAULT_INLINE_TASK_LIMIT} (100 µs): TLS 1.3
         * handshakes (1–5 ms) go to the pool, resumed TLS 1.2 ones on a client (about 40 µs) do not.
         *
         * @param limit the most a slow handshake step may take to run on the worker
         * @return this builder
         */
        public Builder inlineTaskLimit(Duration limit) {
            if (limit.isNegative()) {
                throw new IllegalArgumentException("negative limit " + limit);
            }
            this.inlineTaskLimit = limit;
            return this;
        }

        /**
         * The configuration with the settings made so far; the builder can go on to make others.
         *
         * @return a new configuration
         */
        public TlsConfig build() {
            return new TlsConfig(this);
        }
    }
}
