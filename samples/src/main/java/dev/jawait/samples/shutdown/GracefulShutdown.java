package dev.jawait.samples.shutdown;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.CancellationToken;
import dev.jawait.sync.Notify;
import dev.jawait.time.Time;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The servers' graceful stop: a {@link CancellationToken} that tells every connection to finish
 * the request it is in and then close, and a count of the connections still open, so that the
 * server's {@code main} can wait (bounded) for the last one before it closes the runtime.
 *
 * <pre>{@code
 * GracefulShutdown shutdown = new GracefulShutdown();
 * // in a connection task:  shutdown.opened(); try { ... shutdown.token() ... } finally { shutdown.closed(); }
 * // on SIGTERM, after the listener is closed:
 * boolean drained = runtime.blockOn(GracefulShutdownAsync.drain(shutdown, Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>A connection waiting for its next request stops waiting when the token fires, reads once
 * more without waiting (what the client sent before the stop is answered), and closes; one in
 * the middle of a request reads on until that request is complete and answered.
 */
public final class GracefulShutdown {
    /** How long {@code main} lets in-flight requests finish by default. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final CancellationToken stopping = new CancellationToken();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger everOpened = new AtomicInteger();
    private final AtomicInteger closedWhileStopping = new AtomicInteger();
    private final Notify lastClosed = new Notify();

    /** Fires when the server stops; connections guard their wait for the next request with it. */
    public CancellationToken token() {
        return stopping;
    }

    /** Whether the stop has begun. */
    public boolean isStopping() {
        return stopping.isCancelled();
    }

    /** A connection task began. */
    public void opened() {
        open.incrementAndGet();
        everOpened.incrementAndGet();
    }

    /** A connection task ended (call from its {@code finally}). */
    public void closed() {
        if (stopping.isCancelled()) {
            closedWhileStopping.incrementAndGet(); // before the count drops: drain() sees it
        }
        if (open.decrementAndGet() == 0) {
            lastClosed.notifyOne(); // stores a permit if drain() is not waiting yet: nothing lost
        }
    }

    /** Connections whose task has not ended yet. */
    public int openConnections() {
        return open.get();
    }

    /** Connections accepted since the start. */
    public int connectionsOpened() {
        return everOpened.get();
    }

    /**
     * Connections whose task ended after the stop began: those the stop closed (and any that
     * their client closed meanwhile), not those that had ended before it.
     */
    public int closedSinceStop() {
        return closedWhileStopping.get();
    }

    /**
     * Fires the token and waits until every connection task has ended, or {@code timeout} has
     * passed; returns whether they all ended. The caller then closes what is left (closing the
     * runtime aborts the remaining tasks, whose {@code finally} blocks close their sockets).
     */
    @Async
    public static boolean drain(GracefulShutdown shutdown, Duration timeout) {
        shutdown.stopping.cancel();
        try {
            await(Time.timeout(timeout, GracefulShutdownAsync.untilAllClosed(shutdown)));
            return true;
        } catch (TimeoutException late) {
            return false;
        }
    }

    @Async
    static void untilAllClosed(GracefulShutdown shutdown) {
        while (shutdown.open.get() > 0) {
            await(shutdown.lastClosed.notified());
        }
    }

    @Override
    public String toString() {
        return "GracefulShutdown[" + (isStopping() ? "stopping" : "serving") + ", " + open + " open]";
    }
}
