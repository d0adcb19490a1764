package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jawait.JoinHandle;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.SocketClosedException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A task parked in a socket operation is named in task dumps by what it waits for and where
 * ({@code read on /127.0.0.1:6379}, {@code accept on /127.0.0.1:8080}), not by an anonymous
 * class; closing the socket fails it with the typed {@link SocketClosedException}.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
@ExtendWith(FdLeakCheck.class)
class SocketOpDumpTest {
    private static final InetSocketAddress LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private static AsyncRuntime runtime() {
        return AsyncRuntime.builder().workerThreads(1).build();
    }

    /** The leaf (last await) of every idle task, once {@code done} holds for them (bounded wait). */
    private static List<String> leavesOnceIdle(AsyncRuntime rt, Predicate<List<String>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<String> leaves = List.of();
        while (System.nanoTime() < deadline) {
            leaves = rt.taskDump().tasks().stream()
                    .filter(t -> t.state().equals("idle"))
                    .map(t -> t.awaits().get(t.awaits().size() - 1))
                    .toList();
            if (done.test(leaves)) {
                return leaves;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("dump never showed the parked operations: " + leaves + "\n" + rt.dumpTasks());
    }

    @Test
    void dumpsNameTheOperationAndItsEndpoint() throws Exception {
        try (AsyncRuntime rt = runtime(); TcpListener listener = TcpListener.bind(LOOPBACK)) {
            String server = listener.localAddress().toString();
            JoinHandle<TcpStream> accepting = rt.spawn(listener.accept());
            List<String> leaves = leavesOnceIdle(rt, l -> l.size() == 1);
            assertEquals(List.of("accept on " + server), leaves);

            try (TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress()));
                    TcpStream accepted = rt.blockOn(accepting)) {
                String peerOfClient = client.remoteAddress().toString();
                String peerOfAccepted = accepted.remoteAddress().toString();
                JoinHandle<Integer> reading = rt.spawn(client.read(ByteBuffer.allocate(8)));
                JoinHandle<Void> exact = rt.spawn(accepted.readExact(ByteBuffer.allocate(8)));
                leaves = leavesOnceIdle(rt, l -> l.size() == 2);
                assertTrue(leaves.contains("read on " + peerOfClient), leaves.toString());
                assertTrue(leaves.contains("readExact on " + peerOfAccepted), leaves.toString());
                assertEquals(server, peerOfClient, "the client's read names the server it reads from");
                assertFalse(String.join("\n", leaves).contains("$"), "no anonymous class names: " + leaves);

                accepted.close(); // its pending readExact fails, typed; the client reads end of stream
                IOException closed = assertThrows(IOException.class, () -> rt.blockOn(exact));
                assertInstanceOf(SocketClosedException.class, closed);
                assertEquals("socket closed", closed.getMessage());
                assertEquals(-1, rt.blockOn(reading));
            }
        }
    }

    @Test
    void readinessAndDatagramWaitsAreNamedToo() throws Exception {
        try (AsyncRuntime rt = runtime(); TcpListener listener = TcpListener.bind(LOOPBACK);
                UdpSocket udp = UdpSocket.bind(LOOPBACK)) {
            JoinHandle<TcpStream> accepting = rt.spawn(listener.accept());
            try (TcpStream client = rt.blockOn(TcpStream.connect(listener.localAddress()));
                    TcpStream accepted = rt.blockOn(accepting)) {
                // readable() is ready until an attempt would block: drain first, then wait.
                assertEquals(0, accepted.tryRead(ByteBuffer.allocate(8)));
                JoinHandle<Void> readable = rt.spawn(accepted.readable());
                SocketAddress udpAddress = udp.localAddress();
                JoinHandle<SocketAddress> receiving = rt.spawn(udp.receive(ByteBuffer.allocate(8)));
                List<String> leaves = leavesOnceIdle(rt, l -> l.size() == 2);
                assertTrue(leaves.contains("readable on " + client.localAddress()), leaves.toString());
                assertTrue(leaves.contains("receive on " + udpAddress), leaves.toString());
                readable.abort();
                receiving.abort();
                assertThrows(CancellationException.class, () -> rt.blockOn(readable));
                assertThrows(CancellationException.class, () -> rt.blockOn(receiving));
            }
        }
    }
}
