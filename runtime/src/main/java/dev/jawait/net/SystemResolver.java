package dev.jawait.net;

import dev.jawait.TryFuture;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * {@link Resolver#system()}: the JDK's {@link InetAddress#getAllByName} (hosts file, DNS, the
 * JDK's cache), on the blocking pool because it blocks.
 *
 * <pre>{@code
 * List<InetAddress> a = await(SystemResolver.INSTANCE.resolve("localhost"));
 * }</pre>
 */
final class SystemResolver implements Resolver {
    static final Resolver INSTANCE = new SystemResolver();

    private final Resolver onBlockingPool = Resolver.blocking(InetAddress::getAllByName);

    private SystemResolver() {}

    @Override
    public TryFuture<List<InetAddress>, IOException> resolve(String host) {
        return onBlockingPool.resolve(host);
    }

    @Override
    public String toString() {
        return "Resolver.system()";
    }
}
