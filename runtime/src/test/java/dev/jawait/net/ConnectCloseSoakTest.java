package dev.jawait.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jawait.Context;
import dev.jawait.Future;
import dev.jawait.JoinHandle;
import dev.jawait.Poll;
import dev.jawait.Task;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.runtime.driver.FdLeakCheck;
import dev.jawait.runtime.driver.IoDriver;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The reactor keeps nothing behind after a million socket lifetimes: connect/accept/close cycles
 * and reads aborted while they wait. At the end the descriptors are those of before
 * ({@link FdLeakCheck}), the driver holds no registration and no timer.
 *
 * <p>Scale with {@code -Djawait.soak.cycles=N} (default 1,000,000 of each).
 */
@ExtendWith(FdLeakCheck.class)
class ConnectCloseSoakTest {
    private static final int CYCLES = Integer.getInteger("jawait.soak.cycles", 1_000_000);
    private static final int CLIENTS = 32;
    private static final InetSocketAddress ANY_LOCAL = new InetSocketAddress("127.0.0.1", 0);

    @Test
    void aMillionConnectCloseCyclesLeaveNothingBehind() throws Exception {
        AtomicLong accepted = new AtomicLong();
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(ANY_LOCAL, 1024)) {
            JoinHandle<Void> acceptor = runtime.spawn(new AcceptAndClose(listener, accepted));
            List<Future<Integer>> clients = new ArrayList<>();
            AtomicLong started = new AtomicLong();
            for (int c = 0; c < CLIENTS; c++) {
                int share = CYCLES / CLIENTS + (c < CYCLES % CLIENTS ? 1 : 0);
                clients.add(runtime.spawn(new ConnectAndClose(listener.localAddress(), share, started, accepted)));
            }
            long connected = 0;
            for (Future<Integer> client : clients) {
                connected += runtime.blockOn(client);
            }
            assertEquals(CYCLES, connected);
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (accepted.get() < CYCLES && System.nanoTime() < deadline) {
                Thread.sleep(10); // the last connections may still sit in the backlog
            }
            acceptor.abort();
            assertThrows(CancellationException.class, () -> runtime.blockOn(acceptor));
            assertEquals(CYCLES, accepted.get(), "every connection was accepted and closed");
            listener.close();
            assertReleased(runtime);
        }
    }

    @Test
    void aMillionAbortedReadsLeaveNothingBehind() throws Exception {
        int pairs = 8;
        try (AsyncRuntime runtime = AsyncRuntime.builder().workerThreads(2).build();
                TcpListener listener = TcpListener.bind(ANY_LOCAL)) {
            List<TcpStream> clients = new ArrayList<>();
            List<TcpStream> servers = new ArrayList<>();
            List<Future<Integer>> loops = new ArrayList<>();
            for (int i = 0; i < pairs; i++) {
                clients.add(runtime.blockOn(TcpStream.connect(listener.localAddress())));
                servers.add(runtime.blockOn(listener.accept()));
                int share = CYCLES / pairs + (i < CYCLES % pairs ? 1 : 0);
                loops.add(runtime.spawn(new AbortReads(servers.get(i), share)));
            }
            long aborted = 0;
            for (Future<Integer> loop : loops) {
                aborted += runtime.blockOn(loop);
            }
            assertEquals(CYCLES, aborted);
            // Each socket still works after its abandoned reads: the next read gets the data.
            ByteBuffer buf = ByteBuffer.allocate(16);
            for (int i = 0; i < pairs; i++) {
                runtime.blockOn(clients.get(i).writeAll(ByteBuffer.wrap(new byte[] {(byte) i})));
                assertEquals(1, runtime.blockOn(servers.get(i).read(buf.clear())));
                assertEquals(i, buf.get(0));
                clients.get(i).close();
                servers.get(i).close();
            }
            listener.close();
            assertReleased(runtime);
        }
    }

    private static void assertReleased(AsyncRuntime runtime) throws InterruptedException {
        IoDriver driver = (IoDriver) runtime.driver();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (driver.openRegistrations() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10); // a close on another worker may still be deregistering
        }
        assertEquals(0, driver.openRegistrations(), "selector registrations left");
        assertEquals(0, driver.pendingTimers(), "timers left");
        assertEquals(0, runtime.metrics().tasksAlive(), "tasks left");
    }

    /** Delegates, and tells when it has been polled once. */
    private static final class FirstPoll<T> implements Future<T> {
        private final Future<T> inner;
        volatile boolean polled;

        FirstPoll(Future<T> inner) {
            this.inner = inner;
        }

        @Override
        public Poll<T> poll(Context cx) {
            Poll<T> p = inner.poll(cx);
            polled = true;
            return p;
        }

        @Override
        public boolean cancel() {
            return inner.cancel();
        }
    }

    /**
     * Spawns a read of {@code socket} that waits (nothing is ever sent), aborts it once it has
     * registered its interest, checks it ended cancelled, {@code cycles} times.
     */
    private static final class AbortReads implements Future<Integer> {
        private final TcpStream socket;
        private final ByteBuffer buf = ByteBuffer.allocate(16);
        private final int cycles;
        private int done;
        private FirstPoll<Integer> read;
        private JoinHandle<Integer> task;

        AbortReads(TcpStream socket, int cycles) {
            this.socket = socket;
            this.cycles = cycles;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            while (done < cycles) {
                if (task == null) {
                    read = new FirstPoll<>(socket.read(buf.clear()));
                    task = Task.spawn(read);
                }
                if (!read.polled) {
                    cx.waker().wake(); // let the read task run and register first
                    return Poll.pending();
                }
                task.abort();
                try {
                    if (task.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    throw new AssertionError("a read of a silent socket completed");
                } catch (CancellationException expected) {
                    task = null;
                    done++;
                }
            }
            return Poll.ready(done);
        }
    }

    /** Accepts and closes at once, forever (until aborted). */
    private static final class AcceptAndClose implements Future<Void> {
        private final TcpListener listener;
        private final AtomicLong accepted;
        private Future<TcpStream> accept;

        AcceptAndClose(TcpListener listener, AtomicLong accepted) {
            this.listener = listener;
            this.accepted = accepted;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            while (true) {
                if (accept == null) {
                    accept = listener.accept();
                }
                Poll<TcpStream> p = accept.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                accept = null;
                p.value().close();
                accepted.incrementAndGet();
            }
        }

        @Override
        public boolean cancel() {
            if (accept != null) {
                accept.cancel(); // releases the listener's interest
            }
            return false;
        }
    }

    /**
     * Connects and closes {@code cycles} times, one connection at a time. The close resets the
     * connection (linger 0) so that a million cycles do not fill the port range with TIME_WAIT.
     * All clients together keep fewer than {@link #MAX_UNACCEPTED} connections waiting in the
     * listener's backlog: a reset connection that finds the accept queue full is dropped by the
     * kernel and never accepted, which would make the exact count flaky on a loaded machine.
     */
    private static final class ConnectAndClose implements Future<Integer> {
        private static final int MAX_UNACCEPTED = 256;
        private final InetSocketAddress address;
        private final int cycles;
        private final AtomicLong started;
        private final AtomicLong accepted;
        private int done;
        private Future<TcpStream> connect;

        ConnectAndClose(InetSocketAddress address, int cycles, AtomicLong started, AtomicLong accepted) {
            this.address = address;
            this.cycles = cycles;
            this.started = started;
            this.accepted = accepted;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            try {
                while (done < cycles) {
                    if (connect == null) {
                        if (started.get() - accepted.get() >= MAX_UNACCEPTED) {
                            cx.waker().wake(); // let the acceptor catch up
                            return Poll.pending();
                        }
                        started.incrementAndGet();
                        connect = TcpStream.connect(address);
                    }
                    Poll<TcpStream> p = connect.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    connect = null;
                    try (TcpStream socket = p.value()) {
                        socket.setOption(StandardSocketOptions.SO_LINGER, 0);
                    }
                    done++;
                }
                return Poll.ready(done);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
