package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * The future of {@link Resolver#lookup}: asks the resolver at the first poll (the current
 * runtime's, unless one was given), and makes sure a failure names the host — an empty answer
 * or an {@link UnknownHostException} that does not mention it becomes
 * {@code UnknownHostException("<host>: ...")}. Cancelling cancels the resolver's future.
 *
 * <pre>{@code
 * List<InetAddress> a = await(new Lookup("localhost", null));
 * }</pre>
 */
final class Lookup implements TryFuture<List<InetAddress>, IOException> {
    private final String host;
    private Resolver resolver;
    private TryFuture<List<InetAddress>, IOException> resolving;

    Lookup(String host, Resolver resolver) {
        this.host = host;
        this.resolver = resolver;
    }

    @Override
    public Poll<List<InetAddress>> poll(Context cx) {
        try {
            if (resolving == null) {
                if (resolver == null) {
                    resolver = Resolver.current();
                }
                resolving = resolver.resolve(host);
                if (resolving == null) {
                    throw new IllegalStateException(resolver + " returned no future for " + host);
                }
            }
            Poll<List<InetAddress>> p = resolving.poll(cx);
            if (p.isPending()) {
                return p;
            }
            List<InetAddress> addresses = p.value();
            if (addresses == null || addresses.isEmpty()) {
                throw new UnknownHostException(host + ": no addresses");
            }
            return p;
        } catch (UnknownHostException e) {
            throw Failures.sneaky(namingHost(e));
        }
    }

    private UnknownHostException namingHost(UnknownHostException e) {
        String message = e.getMessage();
        if (message != null && message.contains(host)) {
            return e;
        }
        UnknownHostException named = new UnknownHostException(host + ": "
                + (message == null ? "unknown host" : message));
        named.initCause(e);
        return named;
    }

    @Override
    public boolean cancel() {
        TryFuture<List<InetAddress>, IOException> r = resolving;
        return r != null && r.cancel();
    }

    @Override
    public String toString() {
        return "Resolver.lookup(" + host + ")";
    }
}
