package dev.jawait.net;

import dev.jawait.Future;
import dev.jawait.Task;
import dev.jawait.TryFuture;
import dev.jawait.runtime.AsyncRuntime;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * Turns a host name into IP addresses without blocking a worker — what {@link
 * TcpStream#connect(String, int)} uses, and the seam where tests or a DNS client plug in.
 *
 * <p>Callers use {@link #lookup(String)}: an IP literal ({@code "127.0.0.1"}, {@code "::1"},
 * {@code "[::1]"}) is parsed on the spot; any other name goes to the current runtime's resolver.
 * Implementations provide {@link #resolve(String)}.
 *
 * <pre>{@code
 * List<InetAddress> addresses = await(Resolver.lookup("example.com"));
 *
 * // A runtime whose lookups come from a table (tests) — or from a DNS client of your own:
 * Resolver table = host -> TryFuture.of(host.equals("db")
 *         ? Future.ready(List.of(InetAddress.getLoopbackAddress()))
 *         : Future.<List<InetAddress>>failed(new UnknownHostException(host)));
 * try (AsyncRuntime rt = AsyncRuntime.builder().resolver(table).build()) {
 *     TcpStream db = rt.blockOn(TcpStream.connect("db", 5432));
 * }
 * }</pre>
 *
 * <h2>Which resolver is used</h2>
 * The one given to {@link AsyncRuntime.Builder#resolver(Resolver)} for tasks of that runtime,
 * else {@link #system()}: the JDK's {@link InetAddress#getAllByName} (hosts file, then DNS, as the
 * OS is configured, with the JDK's address cache), run on the runtime's blocking pool because it
 * blocks — the way Tokio's {@code lookup_host} runs {@code getaddrinfo}. There is no process-wide
 * setting to change: a runtime is configured where it is built, so two runtimes (two tests) never
 * see each other's resolver.
 */
@FunctionalInterface
public interface Resolver {

    /**
     * The addresses of {@code host} (never an IP literal: {@link #lookup} answers those itself),
     * in order of preference. An unknown name fails with {@link UnknownHostException}; an empty
     * list is taken to mean the same. The future must not block the thread that polls it.
     *
     * @param host a host name, not an IP literal
     * @return a future of the host's addresses, best first
     */
    TryFuture<List<InetAddress>, IOException> resolve(String host);

    /**
     * A blocking lookup function, for {@link #blocking}.
     *
     * <pre>{@code
     * Resolver.BlockingLookup jdk = InetAddress::getAllByName;
     * }</pre>
     */
    @FunctionalInterface
    interface BlockingLookup {
        /**
         * The addresses of {@code host}; may block (an interrupt fails the lookup).
         *
         * @param host a host name
         * @return the host's addresses, best first
         * @throws IOException if the name is unknown or the lookup fails
         * @throws InterruptedException if the thread is interrupted during the lookup
         */
        InetAddress[] lookup(String host) throws IOException, InterruptedException;
    }

    /**
     * The JDK's resolver ({@link InetAddress#getAllByName}) on the blocking pool: the default.
     *
     * <pre>{@code
     * List<InetAddress> a = await(Resolver.system().resolve("localhost"));
     * }</pre>
     *
     * @return the shared system resolver
     */
    static Resolver system() {
        return SystemResolver.INSTANCE;
    }

    /**
     * A resolver that runs a blocking {@code lookup} on the blocking pool
     * ({@link Task#spawnBlocking}) — outside any runtime, on the thread that awaits it.
     *
     * <pre>{@code
     * Resolver slow = Resolver.blocking(host -> { Thread.sleep(2000); return InetAddress.getAllByName(host); });
     * }</pre>
     *
     * @param lookup the blocking lookup to run off the workers
     * @return a resolver around {@code lookup}
     */
    static Resolver blocking(BlockingLookup lookup) {
        Objects.requireNonNull(lookup, "lookup");
        return host -> TryFuture.of(Task.spawnBlocking(() -> {
            try {
                return List.of(lookup.lookup(host));
            } catch (InterruptedException e) {
                InterruptedIOException interrupted = new InterruptedIOException(host + ": lookup interrupted");
                interrupted.initCause(e);
                throw interrupted;
            }
        }));
    }

    /**
     * The resolver of the current runtime ({@link AsyncRuntime#resolver()}), or {@link #system()}
     * outside a runtime.
     *
     * @return the resolver in charge where this is called
     */
    static Resolver current() {
        AsyncRuntime runtime = AsyncRuntime.currentOrNull();
        return runtime == null ? system() : runtime.resolver();
    }

    /**
     * Resolves {@code host} with {@link #current()} (IP literals without asking it). Fails with
     * {@link UnknownHostException} whose message starts with the name when it has no address.
     *
     * <pre>{@code
     * for (InetAddress a : await(Resolver.lookup("localhost"))) System.out.println(a);
     * }</pre>
     *
     * @param host a host name or an IP literal
     * @return a future of the host's addresses, best first
     */
    static TryFuture<List<InetAddress>, IOException> lookup(String host) {
        return lookup(host, null);
    }

    /**
     * Like {@link #lookup(String)} with {@code resolver} ({@code null}: {@link #current()}).
     *
     * @param host a host name or an IP literal
     * @param resolver the resolver to ask, or {@code null} for {@link #current()}
     * @return a future of the host's addresses, best first
     */
    static TryFuture<List<InetAddress>, IOException> lookup(String host, Resolver resolver) {
        Objects.requireNonNull(host, "host");
        InetAddress literal;
        try {
            literal = IpLiteral.parse(host);
        } catch (UnknownHostException malformed) {
            return TryFuture.of(Future.failed(malformed));
        }
        if (literal != null) {
            return TryFuture.of(Future.ready(List.of(literal)));
        }
        return new Lookup(host, resolver);
    }
}
