package dev.jawait.samples.unixecho;

import static dev.jawait.Await.await;

import dev.jawait.Async;
import dev.jawait.Futures;
import dev.jawait.JoinHandle;
import dev.jawait.Task;
import dev.jawait.net.UnixListener;
import dev.jawait.net.UnixStream;
import dev.jawait.runtime.AsyncRuntime;
import dev.jawait.signal.SignalReceiver;
import dev.jawait.signal.Signals;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An echo server on a Unix domain socket, which shuts down gracefully on {@code SIGTERM} or
 * Ctrl-C: every connection's {@code finally} runs before the process exits with status 0. It
 * also prints the task dump on {@code SIGUSR1}, with {@link Signals} instead of
 * {@code sun.misc.Signal}.
 *
 * <pre>{@code
 * java -cp ... dev.jawait.samples.unixecho.UnixEchoServer --path /tmp/echo.sock
 * // then:  socat - UNIX-CONNECT:/tmp/echo.sock      (or: nc -U /tmp/echo.sock)
 * //        kill -TERM <pid>                           "SIGTERM: shutting down", exit 0
 * }</pre>
 */
public final class UnixEchoServer implements AutoCloseable {
    private final UnixListener listener;
    private final JoinHandle<Void> acceptLoop;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();

    private UnixEchoServer(AsyncRuntime runtime, Path path) throws IOException {
        this.listener = UnixListener.bind(path);
        this.acceptLoop = runtime.spawn(UnixEchoServerAsync.acceptLoop(this, listener));
    }

    /** Creates the socket file at {@code path} and serves on {@code runtime}. */
    public static UnixEchoServer start(AsyncRuntime runtime, Path path) throws IOException {
        return new UnixEchoServer(runtime, path);
    }

    /** The socket file. */
    public Path path() {
        return listener.path();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections whose task has finished (its {@code finally} ran and closed the socket). */
    public int closed() {
        return closed.get();
    }

    /** Stops accepting and deletes the socket file (connections being served go on). */
    @Override
    public void close() {
        acceptLoop.abort();
        listener.close();
    }

    /** Echoes everything back until the peer half-closes; returns the number of bytes echoed. */
    @Async
    static long handle(UnixStream socket) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long total = 0;
        while (true) {
            int n = await(socket.read(buf.clear()));
            if (n < 0) {
                return total;
            }
            await(socket.writeAll(buf.flip()));
            total += n;
        }
    }

    /** One connection: echo, then close — also when the task is aborted at shutdown. */
    @Async
    void serve(UnixStream socket) {
        try {
            await(UnixEchoServerAsync.handle(socket));
        } catch (IOException e) {
            // The peer went away mid-echo.
        } finally {
            socket.close();
            closed.incrementAndGet();
        }
    }

    @Async
    void acceptLoop(UnixListener listener) throws IOException {
        while (true) {
            UnixStream socket = await(listener.accept());
            accepted.incrementAndGet();
            Task.spawn(UnixEchoServerAsync.serve(this, socket));
        }
    }

    /** Prints the runtime's task dump each time a signal arrives on {@code dumps}. */
    @Async
    static void printDumps(SignalReceiver dumps, AsyncRuntime runtime) {
        while (true) {
            String signal = await(dumps.recv());
            System.err.print("jawait task dump (SIG" + signal + "):\n" + runtime.dumpTasks());
        }
    }

    /** {@code --path} (default: {@code jawait-unixecho.sock} in the temporary directory). */
    public static void main(String[] args) throws Exception {
        Path path = Path.of(System.getProperty("java.io.tmpdir"), "jawait-unixecho.sock");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].equals("--path")) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            path = Path.of(args[i + 1]);
        }
        AsyncRuntime runtime = AsyncRuntime.newMultiThread();
        UnixEchoServer server;
        SignalReceiver dumps = null;
        try (runtime; SignalReceiver stop = Signals.receiver("TERM", "INT")) {
            server = start(runtime, path);
            try {
                dumps = Signals.receiver("USR1");
                runtime.spawn(UnixEchoServerAsync.printDumps(dumps, runtime));
            } catch (UnsupportedOperationException noUsr1) { // Windows
                System.out.println("no task dump on a signal here: " + noUsr1.getMessage());
            }
            System.out.println("unix echo server listening on " + server.path() + " (pid "
                    + ProcessHandle.current().pid() + "; task dump: kill -USR1, stop: kill -TERM)");
            String why = runtime.blockOn(Futures.select(stop.recv().map(signal -> "SIG" + signal),
                    server.acceptLoop.map(ended -> "the accept loop ended")));
            System.out.println(why + ": shutting down");
            server.close();
        } // runtime.close(): every connection task is aborted and runs its finally
        if (dumps != null) {
            dumps.close(); // its task was aborted with the others
        }
        System.out.println("closed " + server.closed() + " of " + server.accepted() + " connections");
    }
}
