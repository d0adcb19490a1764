package dev.jawait.samples.miniredis;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.net.TlsConfig;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.time.Interval;
import dev.jawait.time.Time;
import dev.jawait.samples.debug.TaskDumpSignal;
import dev.jawait.samples.net.ByteStream;
import dev.jawait.samples.net.TcpStreamListener;
import dev.jawait.samples.net.UnixStreamListener;
import dev.jawait.samples.tls.TlsKeys;
import dev.jawait.samples.shutdown.GracefulShutdown;
import dev.jawait.samples.shutdown.GracefulShutdownAsync;
import dev.jawait.samples.shutdown.OpenDescriptors;
import dev.jawait.samples.shutdown.StoppableServer;
import dev.jawait.signal.SignalReceiver;
import dev.jawait.signal.Signals;
import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * mini-redis: a Redis-compatible server (RESP2, pipelining, strings with expiry, pub/sub) on
 * jawait — one task per connection, written as blocking code with {@code await}.
 *
 * <pre>{@code
 * // from the command line:  java ... dev.jawait.samples.miniredis.MiniRedis --port 6379
 * try (AsyncRuntime runtime = AsyncRuntime.newMultiThread();
 *      MiniRedis server = MiniRedis.start(runtime, new InetSocketAddress("127.0.0.1", 0))) {
 *     int port = server.address().getPort();   // then: redis-cli -p <port> PING
 * }
 * }</pre>
 */
public final class MiniRedis implements AutoCloseable, StoppableServer {
    /** How often the active-expiry task runs, and how many TTL keys it may visit each time. */
    static final Duration SWEEP_PERIOD = Duration.ofMillis(100);
    static final int SWEEP_BUDGET = 2000;

    private final ServerState state;
    private final TcpStreamListener listener;
    private final UnixStreamListener unixListener;
    private final InetSocketAddress address;
    private final Set<ByteStream> connections = ConcurrentHashMap.newKeySet();
    private final GracefulShutdown shutdown = new GracefulShutdown();
    private final JoinHandle<Void> acceptLoop;
    private final JoinHandle<Void> unixAcceptLoop;
    private final JoinHandle<Void> expiry;

    private MiniRedis(AsyncRuntime runtime, InetSocketAddress bindTo, TlsConfig tls, Path unixSocket) throws IOException {
        this.listener = TcpStreamListener.bind(bindTo, tls, ConnectionIo::configure);
        try {
            this.unixListener = unixSocket == null ? null : UnixStreamListener.bind(unixSocket);
        } catch (IOException | RuntimeException e) {
            listener.close();
            throw e;
        }
        this.address = listener.address();
        this.state = new ServerState(new RuntimeWallClock(runtime), address.getPort());
        state.maxClients(fittedMaxClients(ServerState.MAX_CLIENTS));
        this.acceptLoop = runtime.spawn(RedisConnectionAsync.acceptLoop(listener, state, connections, shutdown));
        this.unixAcceptLoop = unixListener == null ? null
                : runtime.spawn(RedisConnectionAsync.acceptLoop(unixListener, state, connections, shutdown));
        this.expiry = runtime.spawn(MiniRedisAsync.expireKeys(state.store()));
    }

    /** Binds {@code address} (port 0 = any free port) and serves on {@code runtime}'s tasks. */
    public static MiniRedis start(AsyncRuntime runtime, InetSocketAddress address) throws IOException {
        return new MiniRedis(runtime, address, null, null);
    }

    /**
     * Binds {@code address}, speaking TLS there if {@code tls} is not null, and also listens on
     * the Unix domain socket {@code unixSocket} if it is not null (as redis-server's
     * {@code unixsocket}; plain: the file's permissions are its access control).
     *
     * <pre>{@code
     * MiniRedis.start(runtime, new InetSocketAddress("127.0.0.1", 6379), TlsConfig.of(ctx), Path.of("/tmp/redis.sock"));
     * }</pre>
     */
    public static MiniRedis start(AsyncRuntime runtime, InetSocketAddress address, TlsConfig tls, Path unixSocket)
            throws IOException {
        return new MiniRedis(runtime, address, tls, unixSocket);
    }

    /** The Unix domain socket it listens on too, or null. */
    public Path unixSocket() {
        return unixListener == null ? null : unixListener.path();
    }

    /** The address actually bound. */
    public InetSocketAddress address() {
        return address;
    }

    /** The shared server state (keyspace, pub/sub), e.g. for tests. */
    public ServerState state() {
        return state;
    }

    /** Waits (blocking the caller) until the server is closed. */
    public void awaitClose(AsyncRuntime runtime) {
        try {
            runtime.blockOn(acceptLoop);
        } catch (CancellationException closed) {
            // close() aborts the accept loop: that is how serving ends.
        }
    }

    @Override
    public Future<Void> acceptLoop() {
        return acceptLoop;
    }

    /**
     * The graceful stop: stops accepting, lets every connection finish the command it is in and
     * answer what it has received (see {@link RedisConnection#serve}), waiting at most
     * {@code timeout}, then {@link #close()}s what is left. Returns whether every connection had
     * ended by itself. Blocks the caller (call it from {@code main}, not from a task).
     */
    @Override
    public boolean shutdown(AsyncRuntime runtime, Duration timeout) {
        stopAccepting();
        boolean drained = runtime.blockOn(GracefulShutdownAsync.drain(shutdown, timeout));
        close();
        return drained;
    }

    /** Connections accepted since the start (refused ones past maxclients not counted). */
    @Override
    public int connectionsAccepted() {
        return shutdown.connectionsOpened();
    }

    /** Connections being served now. */
    @Override
    public int openConnections() {
        return shutdown.openConnections();
    }

    @Override
    public int closedSinceStop() {
        return shutdown.closedSinceStop();
    }

    /** Stops accepting, ends every connection and the expiry task (at once, without draining). */
    @Override
    public void close() {
        stopAccepting();
        expiry.abort();
        for (ByteStream socket : connections) {
            socket.close(); // its task sees the closed socket and finishes
        }
    }

    private void stopAccepting() {
        acceptLoop.abort();
        listener.close();
        if (unixListener != null) {
            unixAcceptLoop.abort();
            unixListener.close(); // deletes the socket file
        }
    }

    /**
     * Redis' rule for maxclients: {@code requested}, lowered (with a warning, as Redis logs it)
     * when this process may not open that many more file descriptors and keep
     * {@value ServerState#RESERVED_FDS} in reserve. Redis would first try to raise its limit; a
     * JVM cannot, so {@code ulimit -n} is the way to allow more.
     */
    static int fittedMaxClients(int requested) {
        long limit = -1;
        long open = 0;
        if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
            limit = unix.getMaxFileDescriptorCount();
            open = unix.getOpenFileDescriptorCount();
        }
        int fitted = maxClientsFor(requested, limit, open);
        if (fitted < requested) {
            System.err.println("mini-redis: maxclients reduced from " + requested + " to " + fitted
                    + " to fit the limit of " + limit + " open files (ulimit -n), " + open + " of them in use");
        }
        return fitted;
    }

    /** {@code requested}, or the descriptors left over (at least 1); {@code limit} -1 when unknown. */
    static int maxClientsFor(int requested, long limit, long open) {
        if (limit < 0) {
            return requested;
        }
        return (int) Math.max(1, Math.min(requested, limit - open - ServerState.RESERVED_FDS));
    }

    /** Active expiry: keys nobody reads still go, a bounded batch every period. */
    @Async
    static void expireKeys(Store store) {
        Interval ticks = Time.interval(SWEEP_PERIOD);
        while (true) {
            await(ticks.tick());
            int removed;
            do {
                removed = store.sweep(SWEEP_BUDGET);
            } while (removed > SWEEP_BUDGET / 4); // many expired: keep going, as Redis' cycle does
        }
    }

    /**
     * {@code --port} (default 6379), {@code --bind} (default 127.0.0.1), {@code --workers} (runtime
     * worker threads, default one per core), {@code --maxclients} (default 10000, lowered to fit
     * the open-files limit), {@code --shutdown-timeout} (seconds in-flight commands get on
     * SIGTERM or Ctrl-C, default 5). Exits 0 after a graceful stop, having printed
     * {@code closed N connections} and the descriptors it left open ({@code none}).
     */
    public static void main(String[] args) throws Exception {
        int port = 6379;
        String bind = "127.0.0.1";
        int workers = 0;
        int maxClients = 0;
        Duration shutdownTimeout = GracefulShutdown.DEFAULT_TIMEOUT;
        boolean tls = false;
        String keyStore = null;
        String storePassword = null;
        Path unixSocket = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i));
                case "--bind" -> bind = value(args, ++i);
                case "--workers" -> workers = Integer.parseInt(value(args, ++i));
                case "--maxclients" -> maxClients = Integer.parseInt(value(args, ++i));
                case "--shutdown-timeout" -> shutdownTimeout = Duration.ofSeconds(Long.parseLong(value(args, ++i)));
                case "--tls" -> tls = true;
                case "--keystore" -> keyStore = value(args, ++i);
                case "--storepass" -> storePassword = value(args, ++i);
                case "--unixsocket" -> unixSocket = Path.of(value(args, ++i));
                case "--help", "-h" -> {
                    System.out.println("usage: MiniRedis [--port 6379] [--bind 127.0.0.1] [--workers <one per core>]"
                            + " [--maxclients 10000] [--shutdown-timeout 5] [--tls [--keystore F.p12 --storepass P]]"
                            + " [--unixsocket PATH]");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (!tls && keyStore != null) {
            throw new IllegalArgumentException("--keystore is for --tls");
        }
        TlsConfig tlsConfig = null;
        if (tls) {
            TlsKeys keys = TlsKeys.fromOptions(keyStore, storePassword);
            tlsConfig = TlsConfig.of(keys.serverContext());
            System.out.println("TLS certificate: " + keys.certificatePem());
        }
        OpenDescriptors atStart = OpenDescriptors.baseline(); // before the runtime's selector and the sockets
        AsyncRuntime runtime = workers > 0
                ? AsyncRuntime.builder().workerThreads(workers).build()
                : AsyncRuntime.newMultiThread();
        try (runtime; SignalReceiver stop = Signals.receiver("TERM", "INT")) {
            MiniRedis server = MiniRedis.start(runtime, new InetSocketAddress(bind, port), tlsConfig, unixSocket);
            if (maxClients > 0) {
                server.state().maxClients(fittedMaxClients(maxClients));
            }
            System.out.println("mini-redis (jawait) ready to accept connections on " + server.address());
            if (unixSocket != null) {
                System.out.println("mini-redis (jawait) ready to accept connections at unix socket " + server.unixSocket());
            }
            TaskDumpSignal.installForMain(runtime);
            StoppableServer.serveUntilStopped(runtime, stop, server, shutdownTimeout);
        } // runtime.close(): a task still running is aborted and runs its finally
        System.out.println(OpenDescriptors.now().leftOpenSince(atStart)); // none: every socket was closed
    }

    /** The value after option {@code args[i - 1]}, or a clear error if it is missing. */
    static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value (try --help)");
        }
        return args[i];
    }
}
