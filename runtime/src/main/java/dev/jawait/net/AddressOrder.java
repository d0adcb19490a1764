package dev.jawait.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The order in which {@link TcpConnector} tries a host's addresses (RFC 8305, section 4): the
 * resolver's first address, then alternating between the two families, each family in the
 * resolver's order; duplicates dropped.
 *
 * <pre>{@code
 * interleave([v4a, v4b, v6a, v6b], 80)  ->  [v4a:80, v6a:80, v4b:80, v6b:80]
 * }</pre>
 */
final class AddressOrder {
    private AddressOrder() {}

    static List<InetSocketAddress> interleave(List<InetAddress> resolved, int port) {
        ArrayDeque<InetAddress> v6 = new ArrayDeque<>();
        ArrayDeque<InetAddress> v4 = new ArrayDeque<>();
        for (InetAddress a : new LinkedHashSet<>(resolved)) {
            (a instanceof Inet6Address ? v6 : v4).add(a);
        }
        boolean sixFirst = resolved.get(0) instanceof Inet6Address;
        ArrayDeque<InetAddress> first = sixFirst ? v6 : v4;
        ArrayDeque<InetAddress> second = sixFirst ? v4 : v6;
        List<InetSocketAddress> ordered = new ArrayList<>(v6.size() + v4.size());
        while (!first.isEmpty() || !second.isEmpty()) {
            if (!first.isEmpty()) {
                ordered.add(new InetSocketAddress(first.poll(), port));
            }
            if (!second.isEmpty()) {
                ordered.add(new InetSocketAddress(second.poll(), port));
            }
        }
        return ordered;
    }
}
