package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.Await;
import dev.jawait.Future;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.Fds;
import dev.jawait.runtime.driver.IoDriver;
import dev.jawait.time.Time;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.zip.CRC32;
import dev.jawait.runtime.driver.FdLeakCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reactor under the real scheduler: AsyncRuntime workers park in the IoDriver. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class AsyncRuntimeIoTest {
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    @org.junit.jupiter.api.BeforeAll
    static void startFallbackDriver() {
        // Process-wide and never closed by design: open its descriptors before any snapshot.
        IoDriver.current();
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }

    /** Both places the selector can be polled: an idle worker (default) or a dedicated reactor thread. */
    @ParameterizedTest(name = "reactorThread={0}")
    @ValueSource(booleans = {false, true})
    void echoOnAMultiThreadRuntime(boolean reactorThread) throws Exception {
        Fds.warmUp();
        Map<Integer, String> fds = Fds.snapshot();
        Set<String> threadsBefore = threadNames();
        int connections = 300;
        SplittableRandom random = new SplittableRandom(11);
        byte[][] payloads = new byte[connections][];
        for (int i = 0; i < connections; i++) {
            payloads[i] = new byte[1 + random.nextInt(256 * 1024)];
            random.nextBytes(payloads[i]);
        }
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).reactorThread(reactorThread).build();
                TcpListener listener = TcpListener.bind(ANY_LOCAL, 1024)) {
            assertEquals(reactorThread, threadNames().contains("jawait-reactor"));
            JoinHandle<Integer> server = runtime.spawn(
                    new EchoFutures.Server(listener, connection -> Task.spawn(connection), connections));
            List<Future<Long>> clients = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                clients.add(runtime.spawn(new EchoFutures.Client(listener.localAddress(), payloads[i], i)));
            }
            List<Long> crcs = runtime.blockOn(Futures.joinAll(clients));
            assertEquals(connections, runtime.blockOn(server));
            for (int i = 0; i < connections; i++) {
                CRC32 expected = new CRC32();
                expected.update(payloads[i]);
                assertEquals(expected.getValue(), crcs.get(i), "connection " + i);
            }
            IoDriver driver = (IoDriver) runtime.driver();
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (driver.openRegistrations() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10); // server-side connection tasks close right after their clients
            }
            assertEquals(0, driver.openRegistrations());
        }
        Fds.assertBackTo(fds);
        long deadline = System.nanoTime() + 20_000_000_000L;
        Set<String> leaked;
        do {
            leaked = threadNames();
            leaked.removeAll(threadsBefore);
            leaked.removeIf(name -> name.startsWith("ForkJoinPool") || name.equals("jawait-io-fallback"));
        } while (!leaked.isEmpty() && System.nanoTime() < deadline && pause());
        assertEquals(Set.of(), leaked, "threads left after close");
    }

    private static boolean pause() {
        try {
            Thread.sleep(10);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Test
    void tasksUseTheirRuntimesDriver() {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build()) {
            IoDriver inTask = runtime.blockOn(runtime.spawn(cx -> Poll.ready(IoDriver.current())));
            assertSame(runtime.driver(), inTask);
        }
        try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
            assertSame(runtime.driver(), runtime.blockOn(cx -> Poll.ready(IoDriver.current())));
        }
    }

    @ParameterizedTest(name = "reactorThread={0}")
    @ValueSource(booleans = {false, true})
    void manySleepingTasksAndTimeoutsOnAMultiThreadRuntime(boolean reactorThread) throws Exception {
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).reactorThread(reactorThread).build()) {
            SplittableRandom random = new SplittableRandom(3);
            List<Future<Long>> sleepers = new ArrayList<>();
            for (int i = 0; i < 2_000; i++) {
                long nanos = 1_000_000L + random.nextLong(100_000_000L);
                sleepers.add(runtime.spawn(new Future<Long>() {
                    Future<Void> sleep;

                    @Override
                    public Poll<Long> poll(dev.jawait.Context cx) {
                        if (sleep == null) {
                            sleep = Time.sleep(Duration.ofNanos(nanos));
                        }
                        if (sleep.poll(cx).isPending()) {
                            return Poll.pending();
                        }
                        return Poll.ready(System.nanoTime() - ((dev.jawait.time.Sleep) sleep).deadlineNanos());
                    }
                }));
            }
            for (long late : runtime.blockOn(Futures.joinAll(sleepers))) {
                assertTrue(late >= 0, "a sleep completed " + (-late) + " ns early");
            }
            assertEquals(0, ((IoDriver) runtime.driver()).pendingTimers());

            Future<String> never = cx -> Poll.pending();
            assertThrows(TimeoutException.class,
                    () -> runtime.blockOn(Time.timeout(Duration.ofMillis(20), never)));
        }
    }

    @Test
    void blockingAwaitOffRuntimeUsesTheFallbackDriver() throws Exception {
        long start = System.nanoTime();
        Await.await(Time.sleep(Duration.ofMillis(20)));
        assertTrue(System.nanoTime() - start >= 20_000_000L);
        assertTrue(threadNames().contains("jawait-io-fallback"));

        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            CompletableFuture<TcpStream> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return Await.await(listener.accept());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (TcpStream client = Await.await(TcpStream.connect(listener.localAddress()));
                    TcpStream server = accepted.get(30, TimeUnit.SECONDS)) {
                Await.await(client.writeAll(ByteBuffer.wrap(new byte[] {42})));
                ByteBuffer one = ByteBuffer.allocate(1);
                Await.await(server.readExact(one));
                assertEquals(42, one.get(0));
            }
        }
    }

    @Test
    void aRegistrationStaysWithItsDriverAndFailsClearlyOnceItIsClosed() throws Exception {
        try (TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            TcpStream client;
            TcpStream server;
            try (AsyncRuntime runtime = AsyncRuntime.newCurrentThread()) {
                JoinHandle<TcpStream> accept = runtime.spawn(listener.accept());
                client = runtime.blockOn(TcpStream.connect(listener.localAddress()));
                server = runtime.blockOn(accept);
                // Registers the client with this runtime's driver: the read would block.
                boolean wouldBlock = runtime.blockOn(cx -> {
                    Future<Integer> read = client.read(ByteBuffer.allocate(4));
                    boolean pending = read.poll(cx).isPending();
                    read.cancel();
                    return Poll.ready(pending);
                });
                assertTrue(wouldBlock);
            }
            try (client; server) {
                IOException e = assertThrows(IOException.class,
                        () -> Await.await(client.read(ByteBuffer.allocate(4))));
                assertTrue(e.getMessage().contains("driver was closed"), e.getMessage());
            }
        }
    }
}
