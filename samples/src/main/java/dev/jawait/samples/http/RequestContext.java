package dev.jawait.samples.http;

import dev.jawait.Future;
import dev.jawait.TaskLocal;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.slf4j.MdcPropagator;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The hello server's {@code --mdc} option: what a service that logs with request ids carries —
 * a {@link TaskLocal} naming the connection (inherited by whatever its task spawns) and SLF4J's
 * MDC carried with each task by jawait-slf4j's {@link MdcPropagator} — so that its cost can be
 * measured against the same server without it (issue 20 asks for at least 0.95× the
 * requests/s). Each exchange puts {@code requestId} = connection + "-" + exchange number into the
 * MDC and logs at debug level, which {@code logback.xml} leaves off: nothing is written per
 * request, but every poll of the connection's task carries a non-empty MDC.
 *
 * <pre>{@code
 * AsyncRuntime runtime = RequestContext.runtime();     // the MDC bridge installed
 * Task.spawn(RequestContext.scoped(HelloServerAsync.serve(socket, gauges, shutdown, true)));
 * RequestContext.exchange(n);                          // in the connection's task, per exchange
 * }</pre>
 *
 * <p>Only touched with {@code --mdc}, so the server runs without SLF4J on the class path otherwise.
 */
final class RequestContext {
    /** The connection the running task serves, like {@code "c42"}. */
    static final TaskLocal<String> CONNECTION = new TaskLocal<>();
    private static final Logger LOG = LoggerFactory.getLogger(HelloServer.class);
    private static final AtomicLong CONNECTIONS = new AtomicLong();

    private RequestContext() {}

    /** A multi-thread runtime (the default one) with the MDC bridge. */
    static AsyncRuntime runtime() {
        return AsyncRuntime.builder().contextPropagator(new MdcPropagator()).build();
    }

    /** {@code connection}'s task body with {@link #CONNECTION} bound to a new connection id. */
    static Future<Void> scoped(Future<Void> connection) {
        return CONNECTION.scope("c" + CONNECTIONS.incrementAndGet(), connection);
    }

    /** One exchange of the connection's task begins: its request id goes into the MDC. */
    static void exchange(long n) {
        String requestId = CONNECTION.get() + "-" + n;
        MDC.put("requestId", requestId);
        if (LOG.isDebugEnabled()) {
            LOG.debug("exchange {}", n);
        }
    }
}
