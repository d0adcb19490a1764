package dev.jawait.samples.shutdown;

import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.signal.SignalReceiver;
import java.time.Duration;

/**
 * A sample server that stops gracefully, and the end of its {@code main}: serve until SIGTERM or
 * SIGINT (or until the accept loop ends), then let in-flight requests finish within a bound and
 * say how it went. mini-redis, the HTTP hello server and the chat server share it.
 *
 * <pre>{@code
 * try (runtime; SignalReceiver stop = Signals.receiver("TERM", "INT")) {
 *     MiniRedis server = MiniRedis.start(runtime, address);
 *     StoppableServer.serveUntilStopped(runtime, stop, server, Duration.ofSeconds(5));
 * }
 * }</pre>
 */
public interface StoppableServer {
    /** The accept loop's task: it ends only if the listener fails or is closed. */
    Future<Void> acceptLoop();

    /** Stops accepting, waits at most {@code timeout} for the open connections, closes the rest. */
    boolean shutdown(AsyncRuntime runtime, Duration timeout);

    /** Connections accepted since the start. */
    int connectionsAccepted();

    /** Connections being served now. */
    int openConnections();

    /** Connections that ended after the stop began (see {@link GracefulShutdown#closedSinceStop()}). */
    int closedSinceStop();

    /**
     * Blocks until {@code stop} receives a signal or the accept loop ends, then shuts the server
     * down, printing {@code SIGTERM: shutting down} and {@code closed N connections}: N counts
     * the connections the stop closed, those that ended by themselves before it not included (with
     * how many of them were cut if the timeout passed: closing the runtime ends those).
     */
    static void serveUntilStopped(AsyncRuntime runtime, SignalReceiver stop, StoppableServer server, Duration timeout) {
        String why = runtime.blockOn(Futures.select(stop.recv().map(signal -> "SIG" + signal),
                server.acceptLoop().map(ended -> "the accept loop ended")));
        System.out.println(why + ": shutting down");
        boolean drained = server.shutdown(runtime, timeout);
        int cut = drained ? 0 : server.openConnections();
        System.out.println("closed " + (server.closedSinceStop() + cut) + " connections"
                + (drained ? "" : " (" + cut + " cut at the " + timeout.toSeconds() + " s shutdown timeout)"));
    }
}
