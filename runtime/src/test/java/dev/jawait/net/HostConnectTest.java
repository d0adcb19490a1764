package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.TryFuture;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.time.LatenessProbe;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code TcpStream.connect(host, port)}: the lookup runs off the worker, every address is tried
 * (RFC 8305 order, attempt delay, per-attempt timeout), the losers are closed, and unknown names
 * fail with a message naming them. Listeners bind 127.0.0.1 only; the other addresses are ones
 * where nobody listens ({@code ::1}, {@code 127.0.0.2}) or a listener whose accept queue is full
 * (so a connection attempt to it hangs).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class HostConnectTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final Duration RESOLVE_TIME = Duration.ofSeconds(2);

    @BeforeAll
    static void warmUp() {
        Fds.warmUp();
    }

    /** A resolver answering from a fixed table, recording each name asked. */
    private static final class Table implements Resolver {
        final List<String> asked = new CopyOnWriteArrayList<>();
        final String name;
        final List<InetAddress> addresses;

        Table(String name, InetAddress... addresses) {
            this.name = name;
            this.addresses = List.of(addresses);
        }

        @Override
        public TryFuture<List<InetAddress>, IOException> resolve(String host) {
            asked.add(host);
            return TryFuture.of(host.equals(name) ? Future.ready(addresses)
                    : Future.<List<InetAddress>>failed(new UnknownHostException()));
        }
    }

    private static AsyncRuntime oneWorker(Resolver resolver) {
        return AsyncRuntime.builder().workerThreads(1).resolver(resolver).longPollHandler(p -> { }).build();
    }

    @Test
    void aSlowLookupLeavesTheWorkerFree() throws Exception {
        Resolver slow = Resolver.blocking(host -> {
            Thread.sleep(RESOLVE_TIME.toMillis()); // a DNS server that takes its time
            return new InetAddress[] {LOOPBACK};
        });
        try (AsyncRuntime rt = oneWorker(slow); TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            LatenessProbe probe = new LatenessProbe(Duration.ofMillis(10));
            JoinHandle<Void> ticking = rt.spawn(probe);
            probe.awaitTicking();
            probe.start();
            long start = System.nanoTime();
            JoinHandle<TcpStream> connecting = rt.spawn(TcpStream.connect("slow.test", listener.localAddress().getPort()));
            try (TcpStream s = rt.blockOn(connecting); TcpStream accepted = rt.blockOn(listener.accept())) {
                long took = System.nanoTime() - start;
                probe.stop();
                ticking.abort();
                assertEquals(listener.localAddress(), s.remoteAddress());
                assertTrue(took >= RESOLVE_TIME.toNanos(), "the connect waited for the lookup: " + took);
                String summary = probe.summary() + " while a " + RESOLVE_TIME.toMillis() + " ms lookup ran";
                System.out.println("HostConnectTest: " + summary);
                assertTrue(probe.ticks() >= probe.expectedTicks() / (2 * dev.jawait.runtime.driver.MachineLoad.perCore()), summary);
                assertTrue(probe.percentileNanos(95) < dev.jawait.runtime.driver.MachineLoad.stretch(TimeUnit.MILLISECONDS.toNanos(50)),
                        summary + " (50 ms, stretched by the machine's load)");
            }
        }
    }

    /** The control for the test above: the same probe sees a lookup that blocks its worker. */
    @Test
    void theProbeSeesALookupThatBlocksTheWorker() throws Exception {
        Resolver blockingOnTheWorker = host -> {
            try {
                Thread.sleep(RESOLVE_TIME.toMillis()); // wrong: resolve() itself blocks
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return TryFuture.of(Future.ready(List.of(LOOPBACK)));
        };
        try (AsyncRuntime rt = oneWorker(blockingOnTheWorker);
                TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            LatenessProbe probe = new LatenessProbe(Duration.ofMillis(10));
            JoinHandle<Void> ticking = rt.spawn(probe);
            probe.awaitTicking();
            probe.start();
            try (TcpStream s = rt.blockOn(rt.spawn(TcpStream.connect("blocking.test", listener.localAddress().getPort())));
                    TcpStream accepted = rt.blockOn(listener.accept())) {
                // The tick that was due while the worker slept is recorded when the probe next
                // runs, which may be after the connect has returned here: wait for it (bounded).
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (probe.percentileNanos(100) == Long.MAX_VALUE
                        || probe.percentileNanos(100) <= RESOLVE_TIME.toNanos() / 2) {
                    if (System.nanoTime() - deadline > 0) {
                        break;
                    }
                    Thread.sleep(10);
                }
                probe.stop();
                ticking.abort();
                assertTrue(probe.percentileNanos(100) != Long.MAX_VALUE
                        && probe.percentileNanos(100) > RESOLVE_TIME.toNanos() / 2, probe.summary());
            }
        }
    }

    @Test
    void localhostConnectsWhenOneFamilyRefusesAndTheOtherListens() throws Exception {
        InetAddress refusing = ipv6LoopbackUsable()
                ? InetAddress.getByName("::1")          // nobody listens on [::1]:port
                : InetAddress.getByName("127.0.0.2");   // the listener is bound to 127.0.0.1 only
        for (List<InetAddress> order : List.of(List.of(refusing, LOOPBACK), List.of(LOOPBACK, refusing))) {
            Table table = new Table("localhost", order.toArray(InetAddress[]::new));
            try (AsyncRuntime rt = oneWorker(table); TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
                int port = listener.localAddress().getPort();
                try (TcpStream s = rt.blockOn(rt.spawn(TcpStream.connect("localhost", port)));
                        TcpStream accepted = rt.blockOn(listener.accept())) {
                    assertEquals(new InetSocketAddress(LOOPBACK, port), s.remoteAddress(), "order " + order);
                    assertEquals(s.localAddress(), accepted.remoteAddress());
                }
                assertEquals(List.of("localhost"), table.asked);
            }
        }
    }

    @Test
    void theSystemResolverFindsLocalhost() throws Exception {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build();
                TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            int port = listener.localAddress().getPort();
            try (TcpStream s = rt.blockOn(rt.spawn(TcpStream.connect("localhost", port)));
                    TcpStream accepted = rt.blockOn(listener.accept())) {
                assertEquals(port, s.remoteAddress().getPort());
            }
        }
    }

    @Test
    void ipLiteralsNeedNoResolver() throws Exception {
        Table table = new Table("nothing");
        try (AsyncRuntime rt = oneWorker(table); TcpListener listener = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            int port = listener.localAddress().getPort();
            try (TcpStream s = rt.blockOn(rt.spawn(TcpStream.connect("127.0.0.1", port)));
                    TcpStream accepted = rt.blockOn(listener.accept())) {
                assertEquals(port, s.remoteAddress().getPort());
            }
            assertEquals(List.of(), table.asked);
            assertEquals(List.of(InetAddress.getByName("::1")), rt.blockOn(Resolver.lookup("[::1]")));
        }
    }

    @Test
    void anUnknownNameFailsNamingIt() {
        try (AsyncRuntime rt = oneWorker(new Table("known.test", LOOPBACK))) {
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> rt.blockOn(rt.spawn(TcpStream.connect("nosuch.test", 80))));
            assertTrue(e.getMessage().startsWith("nosuch.test"), e.getMessage());
            UnknownHostException empty = assertThrows(UnknownHostException.class,
                    () -> rt.blockOn(Resolver.lookup("known.test", new Table("known.test"))));
            assertEquals("known.test: no addresses", empty.getMessage());
            UnknownHostException malformed = assertThrows(UnknownHostException.class,
                    () -> rt.blockOn(TcpStream.connect("::zz::", 80)));
            assertTrue(malformed.getMessage().contains("::zz::"), malformed.getMessage());
        }
    }

    @Test
    void anUnknownNameFailsNamingItWithTheSystemResolver() {
        try (AsyncRuntime rt = AsyncRuntime.builder().workerThreads(1).build()) {
            // .invalid is reserved (RFC 2606): no resolver may answer it.
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> rt.blockOn(rt.spawn(TcpStream.connect("no-such-host.invalid", 80))));
            assertTrue(e.getMessage().contains("no-such-host.invalid"), e.getMessage());
        }
    }

    @Test
    void theNextAddressStartsAfterTheAttemptDelayWhileTheFirstHangs() throws Exception {
        try (AsyncRuntime rt = oneWorker(Resolver.system()); FullListener hanging = new FullListener();
                TcpListener good = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            TcpConnector connector = TcpConnector.defaults().withAttemptTimeout(Duration.ofSeconds(30));
            long start = System.nanoTime();
            try (TcpStream s = rt.blockOn(rt.spawn(connector.connect(List.of(hanging.address(), good.localAddress()))));
                    TcpStream accepted = rt.blockOn(good.accept())) {
                long took = System.nanoTime() - start;
                assertEquals(good.localAddress(), s.remoteAddress());
                assertTrue(took >= TcpConnector.DEFAULT_ATTEMPT_DELAY.toNanos(), "not before the delay: " + took);
                assertTrue(took < TimeUnit.SECONDS.toNanos(20), "long before the 30 s attempt timeout: " + took);
            }
        }
    }

    @Test
    void anAttemptThatHangsTimesOutAndTheNextIsTried() throws Exception {
        try (AsyncRuntime rt = oneWorker(Resolver.system()); FullListener hanging = new FullListener();
                TcpListener good = TcpListener.bind(new InetSocketAddress(LOOPBACK, 0))) {
            TcpConnector oneAtATime = TcpConnector.defaults()
                    .withAttemptDelay(Duration.ofMinutes(5)).withAttemptTimeout(Duration.ofMillis(300));
            try (TcpStream s = rt.blockOn(rt.spawn(oneAtATime.connect(List.of(hanging.address(), good.localAddress()))));
                    TcpStream accepted = rt.blockOn(good.accept())) {
                assertEquals(good.localAddress(), s.remoteAddress());
            }
            SocketTimeoutException alone = assertThrows(SocketTimeoutException.class,
                    () -> rt.blockOn(rt.spawn(oneAtATime.connect(List.of(hanging.address())))));
            assertTrue(alone.getMessage().contains(hanging.address().toString()), alone.getMessage());
        }
    }

    @Test
    void whenEveryAddressFailsTheErrorNamesEach() throws Exception {
        InetSocketAddress refused1 = refusedAddress(LOOPBACK);
        InetSocketAddress refused2 = new InetSocketAddress(InetAddress.getByName("127.0.0.2"), refused1.getPort());
        Table table = new Table("down.test", LOOPBACK, InetAddress.getByName("127.0.0.2"));
        try (AsyncRuntime rt = oneWorker(table)) {
            ConnectException e = assertThrows(ConnectException.class,
                    () -> rt.blockOn(rt.spawn(TcpStream.connect("down.test", refused1.getPort()))));
            assertTrue(e.getMessage().startsWith("could not connect to down.test:" + refused1.getPort()), e.getMessage());
            assertTrue(e.getMessage().contains(refused1.toString()) && e.getMessage().contains(refused2.toString()),
                    e.getMessage());
            assertInstanceOf(ConnectException.class, e.getCause());
            assertEquals(1, e.getSuppressed().length);
            ConnectException single = assertThrows(ConnectException.class,
                    () -> rt.blockOn(TcpConnector.defaults().connect(List.of(refused1))));
            assertEquals(null, single.getCause(), "one address: its own exception, as connect(SocketAddress) gives");
        }
    }

    @Test
    void abortingWhileResolvingOrConnectingLeavesNothingOpen() throws Exception {
        Resolver slow = Resolver.blocking(host -> {
            Thread.sleep(RESOLVE_TIME.toMillis());
            return new InetAddress[] {LOOPBACK};
        });
        try (AsyncRuntime rt = oneWorker(slow); FullListener hanging = new FullListener()) {
            JoinHandle<TcpStream> resolving = rt.spawn(TcpStream.connect("slow.test", 80));
            JoinHandle<TcpStream> connecting = rt.spawn(TcpConnector.defaults().connect(List.of(hanging.address())));
            waitUntil(() -> rt.dumpTasks().contains("attempts running"), "the connect to start");
            resolving.abort();
            connecting.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(resolving));
            assertThrows(CancellationException.class, () -> rt.blockOn(connecting));
        }
        // FdLeakCheck: the half-open socket of the aborted attempt is closed.
    }

    @Test
    void addressesAlternateFamiliesStartingWithTheFirst() throws Exception {
        InetAddress a4 = InetAddress.getByName("127.0.0.1");
        InetAddress b4 = InetAddress.getByName("127.0.0.2");
        InetAddress a6 = InetAddress.getByName("::1");
        InetAddress b6 = InetAddress.getByName("::2");
        assertEquals(List.of(sa(a4), sa(a6), sa(b4), sa(b6)), AddressOrder.interleave(List.of(a4, b4, a6, b6), 80));
        assertEquals(List.of(sa(a6), sa(a4), sa(b6), sa(b4)), AddressOrder.interleave(List.of(a6, b6, a4, b4), 80));
        assertEquals(List.of(sa(a4), sa(b4)), AddressOrder.interleave(List.of(a4, b4, a4), 80));
    }

    @Test
    void ipLiteralsAreRecognised() throws Exception {
        assertEquals(InetAddress.getByName("10.1.2.3"), IpLiteral.parse("10.1.2.3"));
        assertEquals(InetAddress.getByName("::1"), IpLiteral.parse("[::1]"));
        assertInstanceOf(Inet6Address.class, IpLiteral.parse("fe80::1"));
        for (String name : List.of("localhost", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1.2.3.4a", "example.com", "1..2.3")) {
            assertEquals(null, IpLiteral.parse(name), name);
        }
        assertThrows(UnknownHostException.class, () -> IpLiteral.parse("host:80"));
        assertThrows(UnknownHostException.class, () -> IpLiteral.parse("[1.2.3.4]"));
    }

    private static InetSocketAddress sa(InetAddress a) {
        return new InetSocketAddress(a, 80);
    }

    /** Whether this JVM's sockets can reach {@code ::1}: on the loopback interface, IPv6 stack on. */
    private static boolean ipv6LoopbackUsable() {
        if (Boolean.getBoolean("java.net.preferIPv4Stack")) {
            return false;
        }
        try {
            NetworkInterface lo = NetworkInterface.getByInetAddress(LOOPBACK);
            return lo != null && Collections.list(lo.getInetAddresses()).stream().anyMatch(a -> a instanceof Inet6Address);
        } catch (IOException e) {
            return false;
        }
    }

    /** A port on {@code address} where nobody listens (bound, then closed). */
    private static InetSocketAddress refusedAddress(InetAddress address) throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, address)) {
            return new InetSocketAddress(address, s.getLocalPort());
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /**
     * A listener on 127.0.0.1 whose accept queue is full (backlog 1, filled and never accepted):
     * the kernel drops further SYNs, so a connection attempt to it neither succeeds nor fails.
     */
    static final class FullListener implements AutoCloseable {
        private final java.nio.channels.ServerSocketChannel server;
        private final List<SocketChannel> queued = new ArrayList<>();

        FullListener() throws IOException, InterruptedException {
            server = java.nio.channels.ServerSocketChannel.open();
            try {
                server.bind(new InetSocketAddress(LOOPBACK, 0), 1);
                // Fill the queue: connect until one attempt stays pending for a while.
                for (int i = 0; i < 16; i++) {
                    SocketChannel c = SocketChannel.open();
                    queued.add(c);
                    c.configureBlocking(false);
                    if (c.connect(server.getLocalAddress())) {
                        continue;
                    }
                    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
                    boolean connected = false;
                    while (!connected && System.nanoTime() < deadline) {
                        connected = c.finishConnect();
                        Thread.sleep(5);
                    }
                    // Asked once more after the deadline: a test thread descheduled past it in the
                    // sleep would otherwise call a connection the kernel completed meanwhile hanging.
                    connected = connected || c.finishConnect();
                    if (!connected) {
                        return; // this one hangs: the queue is full
                    }
                }
                throw new IllegalStateException("could not fill the accept queue");
            } catch (IOException | InterruptedException | RuntimeException e) {
                close();
                throw e;
            }
        }

        InetSocketAddress address() throws IOException {
            return (InetSocketAddress) server.getLocalAddress();
        }

        @Override
        public void close() throws IOException {
            for (SocketChannel c : queued) {
                c.close();
            }
            server.close();
        }
    }
}
