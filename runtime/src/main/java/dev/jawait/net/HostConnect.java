package dev.jawait.net;

import dev.jawait.Context;
import dev.jawait.Failures;
import dev.jawait.Poll;
import dev.jawait.TryFuture;
import dev.jawait.time.Sleep;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The future of {@link TcpConnector#connect}: a lookup, then a race of connection attempts as
 * RFC 8305 describes — the next address is tried when an attempt fails or after the attempt
 * delay, every attempt has its own timeout, and the first connection wins while the others are
 * closed. All sub-futures (lookup, {@link ConnectOp}s, timers) share the task's waker; each poll
 * polls every running attempt.
 *
 * <pre>{@code
 * TcpStream s = await(new HostConnect("localhost", 6379, Resolver.lookup("localhost"), TcpConnector.defaults()));
 * }</pre>
 */
final class HostConnect implements TryFuture<TcpStream, IOException> {
    private final String target;
    private final int port;
    private final TcpConnector settings;
    private TryFuture<List<InetAddress>, IOException> lookup;
    private List<InetSocketAddress> addresses;
    private int next;
    private final List<Attempt> running = new ArrayList<>(2);
    private final List<IOException> failures = new ArrayList<>(2);
    private final List<InetSocketAddress> failed = new ArrayList<>(2);
    private Sleep stagger;

    /** One address being connected to, with its own deadline. */
    private static final class Attempt {
        final InetSocketAddress address;
        final ConnectOp<TcpStream> connect;
        final Sleep deadline;

        Attempt(InetSocketAddress address, Duration timeout) {
            this.address = address;
            this.connect = ConnectOp.tcp(address);
            this.deadline = Time.sleep(timeout);
        }

        void abandon() {
            connect.cancel();
            deadline.cancel();
        }
    }

    HostConnect(String host, int port, TryFuture<List<InetAddress>, IOException> lookup, TcpConnector settings) {
        this.target = (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
        this.port = port;
        this.lookup = lookup;
        this.settings = settings;
    }

    HostConnect(List<InetSocketAddress> addresses, TcpConnector settings) {
        this.target = addresses.size() == 1 ? addresses.get(0).toString() : addresses.toString();
        this.port = -1;
        this.addresses = addresses;
        this.settings = settings;
    }

    @Override
    public Poll<TcpStream> poll(Context cx) {
        try {
            if (addresses == null) {
                Poll<List<InetAddress>> resolved = lookup.poll(cx);
                if (resolved.isPending()) {
                    return Poll.pending();
                }
                lookup = null;
                addresses = AddressOrder.interleave(resolved.value(), port);
            }
            return race(cx);
        } catch (RuntimeException | Error e) {
            abandonAll();
            throw e;
        }
    }

    private Poll<TcpStream> race(Context cx) {
        while (true) {
            boolean startNext = running.isEmpty();
            for (int i = 0; i < running.size(); ) {
                Attempt a = running.get(i);
                IOException failure;
                try {
                    Poll<TcpStream> p = a.connect.poll(cx);
                    if (p.isReady()) {
                        running.remove(i);
                        a.deadline.cancel();
                        abandonAll();
                        return p;
                    }
                    if (!a.deadline.poll(cx).isReady()) {
                        i++;
                        continue;
                    }
                    a.connect.cancel();
                    failure = new SocketTimeoutException("connect to " + a.address + " timed out after "
                            + settings.attemptTimeout().toMillis() + " ms");
                } catch (UnsupportedAddressTypeException e) {
                    failure = new SocketException(a.address + ": address family not supported here");
                    failure.initCause(e);
                } catch (Exception e) {
                    if (!(e instanceof IOException)) {
                        throw e;
                    }
                    failure = (IOException) e;
                }
                a.deadline.cancel();
                running.remove(i);
                failures.add(failure);
                failed.add(a.address);
                startNext = true; // RFC 8305: a failed attempt lets the next one start at once
            }
            if (next < addresses.size() && (startNext || stagger.poll(cx).isReady())) {
                start(addresses.get(next++));
                continue; // poll the new attempt (a refused loopback connect fails on the spot)
            }
            if (running.isEmpty()) {
                throw Failures.sneaky(allFailed());
            }
            return Poll.pending();
        }
    }

    private void start(InetSocketAddress address) {
        if (stagger != null) {
            stagger.cancel();
        }
        running.add(new Attempt(address, settings.attemptTimeout()));
        stagger = next < addresses.size() ? Time.sleep(settings.attemptDelay()) : null;
    }

    private IOException allFailed() {
        if (failures.size() == 1) {
            return failures.get(0);
        }
        StringBuilder message = new StringBuilder("could not connect to ").append(target).append(':');
        for (int i = 0; i < failures.size(); i++) {
            message.append(i == 0 ? " " : "; ").append(failed.get(i)).append(" (")
                    .append(failures.get(i).getMessage()).append(')');
        }
        ConnectException all = new ConnectException(message.toString());
        all.initCause(failures.get(0));
        for (int i = 1; i < failures.size(); i++) {
            all.addSuppressed(failures.get(i));
        }
        return all;
    }

    private void abandonAll() {
        if (lookup != null) {
            lookup.cancel();
            lookup = null;
        }
        for (Attempt a : running) {
            a.abandon();
        }
        running.clear();
        if (stagger != null) {
            stagger.cancel();
            stagger = null;
        }
    }

    /** Stops the lookup or closes every half-open attempt; returns {@code false} (a leaf). */
    @Override
    public boolean cancel() {
        abandonAll();
        return false;
    }

    @Override
    public String toString() {
        return "TcpStream.connect(" + target + ")"
                + (addresses == null ? " resolving" : " " + running.size() + " attempts running");
    }
}
